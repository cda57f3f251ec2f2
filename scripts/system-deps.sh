#!/bin/sh
# Debian packages the handbook PDF and the tests need: Chromium's headless shell (prints the PDF), Chromium
# (the browser tests drive it with Playwright), a Thai font,
# a Korean font (the handbook quotes Korean terms), and poppler-utils (pdftotext, pdffonts) for the PDF tests;
# npm installs axe-core for the accessibility tests.
# Installs them when missing and running as root; otherwise says what to install.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/lib/chromium/chromium-headless-shell ] || missing="$missing chromium-headless-shell"
dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || missing="$missing fonts-thai-tlwg"
dpkg -s fonts-nanum >/dev/null 2>&1 || missing="$missing fonts-nanum"
[ -x /usr/bin/pdftotext ] || missing="$missing poppler-utils"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install:$missing (sudo apt-get install$missing)" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
