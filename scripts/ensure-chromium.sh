#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser end-to-end tests.
# Installs it when it can (root on Debian); otherwise says in one line how to get it.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the end-to-end tests (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  if [ -x "$CHROMIUM" ]; then
    exit 0
  fi
fi

echo "Chromium is missing at $CHROMIUM: install it with 'sudo apt-get install -y chromium' (Debian) and run the tests again." >&2
exit 1
