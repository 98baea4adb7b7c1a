#!/usr/bin/env bash
# Enables SANE's `test` backend (a virtual scanner: devices test:0 and test:1, flatbed and an
# "Automatic Document Feeder" that runs empty after 10 sheets), which the scanning tests scan from.
# Needs the Debian package sane-utils (scanimage; it pulls libsane1, which holds the test backend).
#
# Idempotent: in /etc/sane.d/dll.conf it uncomments `#test`, or appends `test` when there is no such
# line, or does nothing when `test` is already enabled (there or in a dll.d/ snippet). It prints what it
# found or did. Writing needs root (CI is root); as another user it only checks, and says what is
# missing. `SANE_DLL_CONF=path` works on another file (the script's own checks use a copy).
set -euo pipefail
export LANG=C LC_ALL=C

conf=${SANE_DLL_CONF:-/etc/sane.d/dll.conf}
say() { echo "enable-sane-test: $*"; }
die() {
  echo "enable-sane-test: $*" >&2
  exit 1
}

command -v scanimage >/dev/null 2>&1 || say "note: scanimage is not installed (Debian/Ubuntu: apt-get install sane-utils)"
[ -f "$conf" ] || die "$conf not found: install SANE (Debian/Ubuntu: apt-get install sane-utils)"

# A backend line is its name alone, with optional blanks around it (sanei_config_read trims them).
enabled='^[[:space:]]*test[[:space:]]*$'
commented='^[[:space:]]*#[[:space:]]*test[[:space:]]*$'

if grep -Eq "$enabled" "$conf"; then
  say "test backend already enabled in $conf"
  exit 0
fi
if [ -z "${SANE_DLL_CONF:-}" ] && [ -d /etc/sane.d/dll.d ] && grep -Eqs "$enabled" /etc/sane.d/dll.d/*; then
  say "test backend already enabled in /etc/sane.d/dll.d/"
  exit 0
fi
[ -w "$conf" ] || die "test backend is not enabled and $conf is not writable: run  sudo bash scripts/enable-sane-test.sh"

if grep -Eq "$commented" "$conf"; then
  # Only the first commented line; a second one (if any) stays a comment.
  sed -i -E "0,/$commented/s//test/" "$conf"
  say "test backend enabled: uncommented '#test' in $conf"
else
  # A file without a final newline would glue `test` onto its last line.
  [ -s "$conf" ] && [ -n "$(tail -c 1 "$conf")" ] && echo >>"$conf"
  echo test >>"$conf"
  say "test backend enabled: appended 'test' to $conf"
fi
grep -Eq "$enabled" "$conf" || die "could not enable the test backend in $conf"
