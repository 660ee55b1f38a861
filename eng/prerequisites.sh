#!/usr/bin/env bash
# Installs what the platform needs on a fresh Debian 12 machine that has only the .NET SDK and
# Node.js: PostgreSQL 15, RabbitMQ and Chromium (for the app's browser tests) from Debian's packages,
# MailDev from npm. Idempotent: it only
# installs what is missing. Sourced by run.sh and test.sh.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
maildev_version="3.0.0"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

need_apt=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || need_apt+=(postgresql-15)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need_apt+=(rabbitmq-server)
command -v setpriv >/dev/null || need_apt+=(util-linux)
command -v script >/dev/null || need_apt+=(bsdutils)
# The app's tests drive Debian's Chromium through Playwright (which cannot download browsers here).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${need_apt[*]}"
  # The AppHost runs its own PostgreSQL and RabbitMQ; keep the packages' scripts from starting the
  # system-wide services (they would take ports 5432/5672 and outlive us).
  policy=/usr/sbin/policy-rc.d
  added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    added_policy=1
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  [ "$added_policy" -eq 0 ] || as_root rm -f "$policy"
fi

maildev_dir="$repo_root/.tools/maildev"
if [ ! -f "$maildev_dir/node_modules/maildev/package.json" ]; then
  echo "==> Installing MailDev $maildev_version (npm) into .tools/maildev"
  mkdir -p "$maildev_dir"
  npm install --prefix "$maildev_dir" --no-audit --no-fund --no-package-lock --loglevel=error "maildev@$maildev_version" >/dev/null
fi

# axe-core, which the app's browser tests run on every page (accessibility).
axe_version="4.14.1"
axe_dir="$repo_root/.tools/axe"
if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  echo "==> Installing axe-core $axe_version (npm) into .tools/axe"
  mkdir -p "$axe_dir"
  npm install --prefix "$axe_dir" --no-audit --no-fund --no-package-lock --loglevel=error "axe-core@$axe_version" >/dev/null
fi
