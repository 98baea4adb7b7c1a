#!/usr/bin/env bash
# Debian packages the tests use, installed only where missing. Run as root (CI is root) or with sudo.
#   chromium         browser tests (playwright-core drives /usr/bin/chromium; no browser download)
#   fonts-noto-cjk   Chinese text in screenshots; the source of the notices' fonts (Noto Serif/Sans CJK SC, scripts/fonts.ts)
#   fonts-hanazono   HanaMinB: fallback glyphs for rare characters (CJK Ext B–F) in notices
#   fonts-babelstone-han  BabelStone Han: the last fallback (CJK Ext A of Unicode 13 such as U+4DB6, Ext G–H)
#   poppler-utils    pdftotext/pdftoppm to read generated PDFs
#   cups printer-driver-cups-pdf   a real print queue (PDF) for the printing tests (scripts/start-cups.sh)
#   sane-utils       scanimage and SANE's test scanner for the scanning tests (scripts/enable-sane-test.sh)
#   postgresql       a real PostgreSQL server for the central service's tests and bench (scripts/start-postgres.sh)
#   python3 make g++ build better-sqlite3 from source when no prebuilt binary can be fetched
set -euo pipefail
packages=(chromium fonts-noto-cjk fonts-hanazono fonts-babelstone-han poppler-utils cups printer-driver-cups-pdf sane-utils postgresql python3 make g++)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
