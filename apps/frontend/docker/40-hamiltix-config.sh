#!/bin/sh
# Writes the page's run-time settings from the container's environment, so one image
# serves staging (sandbox test cards) and production (none). Default: production.
set -eu
case "${APP_ENV:-production}" in
  development|staging|production) env="${APP_ENV:-production}" ;;
  *) echo "APP_ENV must be development, staging or production" >&2; exit 1 ;;
esac
# PAYMENT_PROVIDER: stripe (default in production) shows Stripe's card form with the
# publishable key; sandbox shows the test cards (refused in production).
default_provider=sandbox
[ "$env" = production ] && default_provider=stripe
provider="${PAYMENT_PROVIDER:-$default_provider}"
case "$provider" in
  stripe|sandbox) ;;
  *) echo "PAYMENT_PROVIDER must be stripe or sandbox" >&2; exit 1 ;;
esac
if [ "$env" = production ] && [ "$provider" = sandbox ]; then
  echo "PAYMENT_PROVIDER: production refuses the sandbox provider" >&2; exit 1
fi
key="${STRIPE_PUBLISHABLE_KEY:-}"
if [ -n "$key" ] && ! printf '%s' "$key" | grep -Eq '^pk_(test|live)_[A-Za-z0-9]+$'; then
  echo "STRIPE_PUBLISHABLE_KEY must look like pk_live_… or pk_test_…" >&2; exit 1
fi
printf '{"appEnv":"%s","paymentProvider":"%s","stripePublishableKey":"%s"}\n' "$env" "$provider" "$key" \
  > "${HAMILTIX_CONFIG_PATH:-/usr/share/nginx/html/config.json}"
