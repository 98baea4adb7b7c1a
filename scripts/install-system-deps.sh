#!/usr/bin/env bash
# Debian packages the tests use, installed only where missing. Run as root (CI is root) or with sudo;
# `npm test` runs it itself when it can (scripts/test-setup.sh). This is the one list of them.
#   chromium         browser tests (playwright-core drives /usr/bin/chromium; no browser download)
#   fonts-noto-cjk   Chinese text in screenshots; the source of the notices' font (scripts/fonts.ts)
#   fonts-hanazono   HanaMinB: fallback glyphs for rare characters (CJK Ext B–F) in notices
#   fonts-babelstone-han  BabelStone Han: a further fallback for rare characters that HanaMinB lacks
#   poppler-utils    pdftotext/pdftoppm to read generated PDFs
#   cups printer-driver-cups-pdf   a real print queue (PDF) for the printing tests (scripts/start-cups.sh)
#   sane-utils       scanimage and SANE's test scanner for the scanning tests (scripts/enable-sane-test.sh)
#   postgresql       a real PostgreSQL server for the central service's tests and bench (scripts/start-postgres.sh)
#   stress-ng        loads the machine for the flake proof (scripts/prove-no-flake.sh); no test needs it
#   python3 make g++ build better-sqlite3 from source when no prebuilt binary can be fetched
#
#   bash scripts/install-system-deps.sh           install what is missing
#   bash scripts/install-system-deps.sh --check   only print the missing ones (one line), exit 1 if any
set -euo pipefail
packages=(chromium fonts-noto-cjk fonts-hanazono fonts-babelstone-han poppler-utils cups printer-driver-cups-pdf sane-utils postgresql stress-ng python3 make g++)
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "no dpkg-query: not a Debian-like system; install these (or your distribution's equivalents) by hand: ${packages[*]}" >&2
  exit 3
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${1:-}" = "--check" ]; then
  if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
  echo "${missing[*]}"
  exit 1
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
