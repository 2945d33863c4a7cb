{{- define "hamiltix.labels" -}}
app.kubernetes.io/part-of: hamiltix
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
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

{{/* Node's heap limit in MiB: nodeHeapPercent of the container's memory limit (Mi or Gi). */}}
{{- define "hamiltix.heapMiB" -}}
{{- $limit := required (printf "%s: resources.limits.memory is required (Node's heap limit is derived from it)" .name) (dig "limits" "memory" "" .resources) | toString -}}
{{- $mib := 0 -}}
{{- if hasSuffix "Gi" $limit }}{{ $mib = mul (trimSuffix "Gi" $limit | atoi) 1024 }}
{{- else if hasSuffix "Mi" $limit }}{{ $mib = trimSuffix "Mi" $limit | atoi }}
{{- else }}{{ fail (printf "%s: write the memory limit in Mi or Gi (got %s)" .name $limit) }}
{{- end }}
{{- div (mul $mib .percent) 100 -}}
{{- end }}

{{/* The Secret a workload reads: the existing one, or the chart's own for that workload. */}}
{{- define "hamiltix.workloadSecret" -}}
{{- if .root.Values.secrets.existingSecret }}{{ .root.Values.secrets.existingSecret }}{{ else }}hamiltix-{{ .name }}{{ end }}
{{- end }}

{{/* Keys of `keys` the chart can provide: all with an existing Secret; else those with a value. */}}
{{- define "hamiltix.presentKeys" -}}
{{- $out := list }}
{{- range .keys }}
{{- if $.root.Values.secrets.existingSecret }}{{ $out = append $out . }}
{{- else if index $.root.Values.secrets.values . }}{{ $out = append $out . }}
{{- else if not (has . $.root.Values.secrets.optional) }}
{{- fail (printf "secrets.values.%s is required (listed in %s's secretKeys)" . $.name) }}
{{- end }}
{{- end }}
{{- toJson $out }}
{{- end }}

{{/* env entries for a workload's secret keys: `keys` (name) or `map` (env name → secret key). */}}
{{- define "hamiltix.secretEnv" -}}
{{- $secret := include "hamiltix.workloadSecret" . }}
{{- range $key := include "hamiltix.presentKeys" . | fromJsonArray }}
- name: {{ $key }}
  valueFrom:
    secretKeyRef: { name: {{ $secret }}, key: {{ $key }}{{ if has $key $.root.Values.secrets.optional }}, optional: true{{ end }} }
{{- end }}
{{- end }}

{{/* NetworkPolicy egress rules: DNS, then each named destination of networkPolicy.destinations. */}}
{{- define "hamiltix.egress" -}}
{{- $np := .root.Values.networkPolicy }}
- to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: {{ $np.dns.namespace }} } }, podSelector: { matchLabels: {{ toJson $np.dns.podLabels }} } }]
  ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
{{- range $dest := .egress }}
{{- $d := required (printf "networkPolicy.destinations.%s is not defined" $dest) (index $np.destinations $dest) }}
- to: {{ toJson $d.to }}
  ports: [{{ range $i, $p := $d.ports }}{{ if $i }}, {{ end }}{ port: {{ $p }}, protocol: TCP }{{ end }}]
{{- end }}
{{- end }}
