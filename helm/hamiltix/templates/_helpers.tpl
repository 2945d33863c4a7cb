{{- define "hamiltix.labels" -}}
app.kubernetes.io/part-of: hamiltix
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{- define "hamiltix.secretName" -}}
{{- if .Values.secrets.existingSecret }}{{ .Values.secrets.existingSecret }}{{ else }}hamiltix-secrets{{ end }}
{{- end }}

{{- define "hamiltix.image" -}}
{{ .root.Values.image.registry }}/{{ .name }}:{{ .root.Values.image.tag }}
{{- end }}

{{- define "hamiltix.guard" -}}
{{- if eq .Values.appEnv "production" }}
{{- if or (contains "sandbox" .Values.config.brokerBaseUrl) (contains "127.0.0.1" .Values.config.brokerBaseUrl) }}
{{- fail "production refuses a sandbox broker URL (config.brokerBaseUrl)" }}
{{- end }}
{{- if not .Values.secrets.existingSecret }}
{{- fail "production needs secrets.existingSecret (no default secrets in production)" }}
{{- end }}
{{- if ne .Values.config.paymentProvider "stripe" }}
{{- fail "production refuses the sandbox payment provider (config.paymentProvider, PAYMENT_PROVIDER): use stripe" }}
{{- end }}
{{- if not .Values.config.stripePublishableKey }}
{{- fail "production needs config.stripePublishableKey (STRIPE_PUBLISHABLE_KEY) for the website's card form" }}
{{- end }}
{{- if (index .Values.services "broker-sandbox").enabled }}
{{- fail "production does not run the broker sandbox" }}
{{- end }}
{{- end }}
{{- end }}
