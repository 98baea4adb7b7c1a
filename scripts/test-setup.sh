#!/usr/bin/env bash
# What `npm test` does before anything else (package.json "test"): every system part the tests use is
# made ready, or the set-up stops at once, before any test, with one paragraph naming the command to
# run. Then it runs its arguments (the lint, type-check, build and test steps) with
# OW_TEST_DATABASE_URL (a throwaway PostgreSQL) and OW_REQUIRE_POSTGRES=1 in their environment, so
# the central service's suites run on PostgreSQL as well as on PGlite, here as in CI.
#
#   bash scripts/test-setup.sh [COMMAND ARGS...]   set up, then run COMMAND (none: only set up)
#   bash scripts/test-setup.sh --system            only the parts that need root (packages, CUPS,
#                                                  SANE); what the paragraph asks a person to run with sudo
#
# The parts, in order; each step is idempotent and does only what is missing:
#   1. the Debian packages of scripts/install-system-deps.sh (the one list), installed when missing
#   2. CUPS and its cups-pdf queue PDF (scripts/start-cups.sh)
#   3. SANE's test backend (scripts/enable-sane-test.sh)
#   4. a throwaway PostgreSQL on 127.0.0.1 (scripts/start-postgres.sh), unless OW_TEST_DATABASE_URL is set
# Steps 1–3 need root the first time. As root they just run; otherwise with `sudo -n` (sudo without a
# password) where that works; where it does not, the set-up ends with exit 2 and the paragraph, and
# COMMAND does not run. A step that fails for another reason ends it with exit 1 and that step's output.
set -euo pipefail
cd "$(dirname "$0")/.."

system_only=0
if [ "${1:-}" = "--system" ]; then
  system_only=1
  shift
fi

say() { echo "test-setup: $*"; }
fail() {
  echo "test-setup: $*" >&2
  exit 1
}
# The one paragraph for a person: what is missing, and the one command that makes it ready.
stop_for_person() { # what-is-missing (one or two sentences)
  echo >&2
  echo "npm test stopped before running any test. $1 Setting that up needs root, and this user ($(id -un)) is neither root nor allowed sudo without a password, so npm test cannot do it itself. Run once, as an administrator:  sudo bash scripts/test-setup.sh --system  (it installs the missing Debian packages, starts CUPS with its PDF queue and enables SANE's test scanner), then run npm test again." >&2
  exit 2
}
is_root() { [ "$(id -u)" -eq 0 ]; }
can_sudo() { command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; }

# Runs a set-up script as this user; where that fails and this user is not root, once more with
# `sudo -n`, or stops for a person, naming what the script said was missing.
step() { # label script
  local label=$1 script=$2 log why
  log=$(mktemp)
  if bash "$script" >"$log" 2>&1; then
    say "$label: ready ($(grep -v '^[[:space:]]*$' "$log" | tail -n 1))"
    rm -f "$log"
    return 0
  fi
  if ! is_root && can_sudo; then
    if sudo -n bash "$script" >"$log" 2>&1; then
      say "$label: ready, with sudo ($(grep -v '^[[:space:]]*$' "$log" | tail -n 1))"
      rm -f "$log"
      return 0
    fi
    cat "$log" >&2
    rm -f "$log"
    fail "$label: sudo bash $script failed (its output is above)"
  fi
  if is_root; then
    cat "$log" >&2
    rm -f "$log"
    fail "$label: bash $script failed (its output is above)"
  fi
  # The script's own last word on what is missing, without its own advice (the paragraph has one command).
  why=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1 | sed -E 's/^[a-z-]+: //; s/: run .*$//')
  rm -f "$log"
  stop_for_person "$label is not ready ($why)."
}

# --- 1. packages ---------------------------------------------------------------------------------
rc=0
missing=$(bash scripts/install-system-deps.sh --check 2>&1) || rc=$?
case $rc in
  0) say "system packages: all present" ;;
  1)
    if is_root; then
      bash scripts/install-system-deps.sh || fail "installing the system packages failed (apt-get's output is above)"
    elif can_sudo; then
      sudo -n bash scripts/install-system-deps.sh || fail "sudo bash scripts/install-system-deps.sh failed (its output is above)"
    else
      stop_for_person "These Debian packages are not installed: $missing."
    fi
    still=$(bash scripts/install-system-deps.sh --check 2>&1) || fail "still missing after installing: $still"
    say "system packages: installed $missing"
    ;;
  *)
    echo >&2
    echo "npm test stopped before running any test. $missing. The tests need them; scripts/install-system-deps.sh says what each is for." >&2
    exit 2
    ;;
esac

# --- 2. CUPS, 3. SANE ----------------------------------------------------------------------------
step "CUPS" scripts/start-cups.sh
step "SANE" scripts/enable-sane-test.sh

if [ "$system_only" -eq 1 ]; then
  say "the system parts are ready; now run npm test as your own user"
  exit 0
fi

# --- 4. PostgreSQL -------------------------------------------------------------------------------
if [ -n "${OW_TEST_DATABASE_URL:-}" ]; then
  say "PostgreSQL: the one in OW_TEST_DATABASE_URL"
else
  log=$(mktemp)
  OW_TEST_DATABASE_URL=$(bash scripts/start-postgres.sh 2>"$log") || {
    cat "$log" >&2
    rm -f "$log"
    fail "PostgreSQL: bash scripts/start-postgres.sh failed (its output is above)"
  }
  rm -f "$log"
  say "PostgreSQL: $OW_TEST_DATABASE_URL"
fi
export OW_TEST_DATABASE_URL
# Set here, so a suite that finds no PostgreSQL fails instead of running on PGlite alone.
export OW_REQUIRE_POSTGRES=1

if [ $# -eq 0 ]; then
  say "ready; one test file with everything:  OW_TEST_DATABASE_URL=$OW_TEST_DATABASE_URL OW_REQUIRE_POSTGRES=1 npx vitest run FILE"
  exit 0
fi
exec "$@"
