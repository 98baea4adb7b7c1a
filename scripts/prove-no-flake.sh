#!/usr/bin/env bash
# The flake proof: CI as it runs on a clean machine (.ci/run on a fresh clone of HEAD: packages,
# npm ci, npm test) several times in a row while stress-ng keeps every core and the disk busy. It
# passes only if every run ends with `tests: N passed, 0 failed, …` and exit 0.
#
#   bash scripts/prove-no-flake.sh [RUNS]       default 2 runs
#   STRESS='--cpu 0 --cpu-load 60' bash scripts/prove-no-flake.sh    another load
#
# Needs stress-ng (in scripts/install-system-deps.sh) and what .ci/run needs (root, or sudo without a
# password, the npm registry). Each run's log is kept in the printed folder. Only the stress-ng it
# started is stopped at the end, by its process id.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-2}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "prove-no-flake: RUNS must be a positive number, not '$runs'" >&2; exit 2; }
# Every core at 90 %, one disk writer calling sync(), one memory thrasher: a busy CI machine, worse.
read -r -a stress <<<"${STRESS:---cpu 0 --cpu-load 90 --io 1 --vm 1 --vm-bytes 512M}"
command -v stress-ng >/dev/null 2>&1 || { echo "prove-no-flake: stress-ng is not installed: sudo bash scripts/install-system-deps.sh" >&2; exit 2; }

work=$(mktemp -d /tmp/onewindow-flake-proof-XXXXXX)
# The committed HEAD of this checkout (a worktree's too), not what is uncommitted here.
git clone --quiet --no-hardlinks . "$work/clone"
git -C "$work/clone" checkout --quiet --detach "$(git rev-parse HEAD)"
echo "prove-no-flake: commit $(git -C "$work/clone" rev-parse --short HEAD), $runs runs under stress-ng ${stress[*]}; logs in $work"

stress-ng "${stress[@]}" --quiet >"$work/stress-ng.log" 2>&1 &
stress_pid=$!
trap 'kill "$stress_pid" 2>/dev/null || true; wait "$stress_pid" 2>/dev/null || true' EXIT

failed=0
for i in $(seq 1 "$runs"); do
  log="$work/run-$i.log"
  started=$(date +%s)
  # A clean clone for every run, as CI has: no node_modules, no dist/, no caches.
  git -C "$work/clone" clean -qfdx
  rc=0
  (cd "$work/clone" && bash .ci/run) >"$log" 2>&1 || rc=$?
  closing=$(grep -E '^tests: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1 || true)
  echo "prove-no-flake: run $i: ${closing:-no closing line} (exit $rc, $(( $(date +%s) - started )) s)"
  if [ "$rc" -ne 0 ] || [[ "$closing" != *" 0 failed,"* ]]; then
    failed=$((failed + 1))
    grep -E '^ *(FAIL|×)' "$log" | head -n 20 || true
  fi
done

if [ "$failed" -gt 0 ]; then
  echo "prove-no-flake: $failed of $runs runs failed (logs in $work)"
  exit 1
fi
echo "prove-no-flake: all $runs runs passed under load"
