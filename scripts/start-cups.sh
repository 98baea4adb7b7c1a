#!/usr/bin/env bash
# Starts CUPS and the cups-pdf queue `PDF` that the printing tests print to (and that a workstation
# can use to try printing). Idempotent: it does only what is missing, so tests call it before they
# print. Run as root (CI is root) the first time; as another user it only checks, and says what is
# missing. Needs the Debian packages cups and printer-driver-cups-pdf.
#
# It prints what it found or did, and last where cups-pdf writes the PDFs of this user's jobs:
#   cups-pdf output: /root/PDF
# (cups-pdf's `Out` in /etc/cups/cups-pdf.conf, `${HOME}/PDF` on Debian, with the home of the user
# who prints; each file is named `<title>-job_<n>.pdf` after the CUPS job number.)
#
# The queue: device cups-pdf:/, the cups-pdf PPD with options, enabled, accepting, not shared, and
#   - Label=2: every file name carries the job number, so a test finds its own job's file;
#   - pdftops-renderer=pdftocairo: cups-pdf takes PostScript and Ghostscript turns it back into a
#     PDF. With the default PDF→PostScript renderer (Ghostscript) the text of CID-keyed fonts (all
#     CJK text of a notice) comes out as glyph soup; with poppler's cairo renderer pdftotext reads
#     the result back for most text. Debian recommends it for this queue (README.Debian of
#     printer-driver-cups-pdf). Characters outside the BMP (𠮷) and glyphs used under two code
#     points still print but do not read back: cairo names their glyphs g<n>.
set -euo pipefail

QUEUE=PDF
DESCRIPTION='OneWindow test printer (cups-pdf)'
START_TIMEOUT_S=20

export LANG=C LC_ALL=C
unset LANGUAGE CUPS_SERVER # this script sets up the local CUPS, in English
export PATH="$PATH:/usr/sbin:/sbin"

say() { echo "start-cups: $*"; }
die() {
  echo "start-cups: $*" >&2
  exit 1
}
is_root() { [ "$(id -u)" -eq 0 ]; }
need_root() { is_root || die "$1 needs root: run  sudo bash scripts/start-cups.sh"; }

for tool in lp lpstat lpadmin lpinfo lpoptions cupsenable cupsaccept; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found: install CUPS (Debian/Ubuntu: apt-get install cups printer-driver-cups-pdf)"
done
[ -e /usr/lib/cups/backend/cups-pdf ] || die "the cups-pdf backend is missing: apt-get install printer-driver-cups-pdf"

scheduler_running() { [[ "$(lpstat -r 2>/dev/null || true)" == "scheduler is running"* ]]; }

# --- cupsd -----------------------------------------------------------------------------------
if scheduler_running; then
  say "cupsd is running"
else
  need_root "starting cupsd"
  started=$(date +%s%N)
  log=$(mktemp)
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    systemctl start cups.service >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "systemctl start cups failed"; }
  else
    cupsd_bin=$(command -v cupsd || echo /usr/sbin/cupsd)
    # cupsd puts itself in the background; its output goes to a file, never to our caller's pipe.
    "$cupsd_bin" </dev/null >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "$cupsd_bin failed to start (see /var/log/cups/error_log)"; }
  fi
  rm -f "$log"
  for _ in $(seq 1 $((START_TIMEOUT_S * 10))); do
    scheduler_running && break
    sleep 0.1
  done
  scheduler_running || die "cupsd did not answer within ${START_TIMEOUT_S} s (see /var/log/cups/error_log)"
  say "cupsd started in $(( ($(date +%s%N) - started) / 1000000 )) ms"
fi

# --- the queue ---------------------------------------------------------------------------------
if lpstat -p "$QUEUE" >/dev/null 2>&1; then
  uri=$(lpstat -v "$QUEUE" 2>/dev/null | sed -n "s/^device for $QUEUE: //p")
  [ "$uri" = "cups-pdf:/" ] || die "a queue named $QUEUE exists but prints to '$uri', not cups-pdf:/; leaving it alone"
  say "queue $QUEUE is there (cups-pdf:/)"
else
  need_root "adding the queue $QUEUE"
  models=$(lpinfo -m 2>/dev/null || true)
  model=$(awk '$1 ~ /CUPS-PDF_opt\.ppd$/ { print $1; exit }' <<<"$models")
  [ -n "$model" ] || model=$(awk 'tolower($0) ~ /cups-pdf/ { print $1; exit }' <<<"$models")
  [ -n "$model" ] || die "no cups-pdf driver in 'lpinfo -m': apt-get install printer-driver-cups-pdf"
  # lpadmin warns that PPD drivers are deprecated (CUPS 3); they are what cups-pdf has.
  lpadmin -p "$QUEUE" -v cups-pdf:/ -m "$model" -D "$DESCRIPTION" -E 2> >(grep -v 'drivers are deprecated' >&2)
  say "queue $QUEUE added (driver $model)"
fi

options=" $(lpoptions -p "$QUEUE" 2>/dev/null || true) "
wanted=()
[[ "$options" == *" pdftops-renderer=pdftocairo "* ]] || wanted+=(-o pdftops-renderer-default=pdftocairo)
[[ "$options" == *" printer-is-shared=false "* ]] || wanted+=(-o printer-is-shared=false)
choices=$(lpoptions -p "$QUEUE" -l 2>/dev/null || true) # the PPD's options, "*" marks the default
label_default=$(sed -n 's/^Label\/[^:]*:.*\*\([0-9]\).*/\1/p' <<<"$choices")
[[ "$options" == *" Label=2 "* || "$label_default" == 2 ]] || wanted+=(-o Label=2)
if [ ${#wanted[@]} -gt 0 ]; then
  need_root "setting ${wanted[*]} on $QUEUE"
  lpadmin -p "$QUEUE" "${wanted[@]}" 2> >(grep -v 'drivers are deprecated' >&2)
  say "queue $QUEUE set: ${wanted[*]}"
fi

if [[ "$(lpstat -p "$QUEUE")" == *" disabled since "* ]]; then
  need_root "enabling $QUEUE"
  cupsenable "$QUEUE"
  say "queue $QUEUE enabled (it was stopped)"
fi
if [[ "$(lpstat -a "$QUEUE")" == *" not accepting "* ]]; then
  need_root "making $QUEUE accept jobs"
  cupsaccept "$QUEUE"
  say "queue $QUEUE accepts jobs again"
fi
say "queue $QUEUE is idle or printing, and accepts jobs"

# --- where cups-pdf writes ---------------------------------------------------------------------
conf=/etc/cups/cups-pdf.conf
out=$(sed -n 's/^[[:space:]]*Out[[:space:]]\{1,\}//p' "$conf" 2>/dev/null | tail -n 1 | sed 's/[[:space:]]*$//')
[ -n "$out" ] || out='/var/spool/cups-pdf/${USER}' # cups-pdf's built-in default
user=$(id -un)
home=$(getent passwd "$user" | cut -d: -f6)
out=${out//'${HOME}'/$home}
out=${out//'${USER}'/$user}
echo "cups-pdf output: $out"
