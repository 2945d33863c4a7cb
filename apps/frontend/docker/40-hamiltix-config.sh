#!/bin/sh
# Writes the page's run-time settings from the container's environment, so one image
# serves staging (sandbox test cards) and production (none). Default: production.
set -eu
case "${APP_ENV:-production}" in
  development|staging|production) env="${APP_ENV:-production}" ;;
  *) echo "APP_ENV must be development, staging or production" >&2; exit 1 ;;
esac
printf '{"appEnv":"%s"}\n' "$env" > "${HAMILTIX_CONFIG_PATH:-/usr/share/nginx/html/config.json}"
