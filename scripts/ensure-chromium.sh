#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium, with a Chinese font for readable screenshots,
# for the browser end-to-end tests. Installs them when it can (root on Debian); otherwise says in one
# line how to get them.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
PACKAGES="chromium fonts-wqy-microhei"

ready() {
  [ -x "$CHROMIUM" ] && fc-list :lang=zh family 2>/dev/null | grep -q .
}

if ready; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium and a Chinese font for the end-to-end tests (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086 # the package list is meant to split
  apt-get install -y -qq $PACKAGES >/dev/null 2>&1
  if ready; then
    exit 0
  fi
fi

echo "Chromium or a Chinese font is missing: install them with 'sudo apt-get install -y $PACKAGES' (Debian) and run the tests again." >&2
exit 1
