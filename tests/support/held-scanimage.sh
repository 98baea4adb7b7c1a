#!/usr/bin/env bash
# scanimage for the tests: the real one, except that a batch scan (`--batch-print`) can be held after
# N pages until the test lets it go. "The feeder is still going" is then a state the test sets, not a
# race against the scanner's speed on a loaded machine. tests/support/scan-hold.ts sets it up:
#   OW_REAL_SCANIMAGE    the real scanimage
#   OW_SCAN_HOLD_DIR     the control folder, read when a scan starts:
#     hold-after  N: pass the first N page paths on, then hold the rest (absent or empty: no hold)
#     held        written here once it holds
#     release     the test writes it: pass the rest on
# While held, the real scanimage goes on scanning into its folder; the pages it finishes are passed
# on only after the release. SIGTERM (the driver's cancel) stops the real one too. Bounded: a hold
# ends by itself after two minutes.
set -uo pipefail
real=${OW_REAL_SCANIMAGE:?}
control=${OW_SCAN_HOLD_DIR:-}
case " $* " in *" --batch-print "*) ;; *) exec "$real" "$@" ;; esac
if [ -z "$control" ] || [ ! -s "$control/hold-after" ]; then exec "$real" "$@"; fi
hold_after=$(cat "$control/hold-after")

exec 3< <(exec "$real" "$@")
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 143' TERM INT
n=0
while IFS= read -r line <&3; do
  printf '%s\n' "$line"
  n=$((n + 1))
  if [ "$n" -eq "$hold_after" ]; then
    : >"$control/held"
    for _ in $(seq 1 2400); do
      [ -e "$control/release" ] || [ ! -d "$control" ] && break # released, or the test is over
      sleep 0.05
    done
  fi
done
wait "$pid"
