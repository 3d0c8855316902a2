#!/bin/bash
# vmic-guard.sh: runs one test program and afterwards stops every virtual
# microphone it started, even when the program crashed or was killed by the
# CTest timeout. The program is told where to create its virtual-mic folders
# through VMIC_TEST_ROOT (tests pass `--dir "$VMIC_TEST_ROOT/NAME"` to
# scripts/virtual-mic.sh); every folder left there is handed to --stop, so
# no jackd outlives the test. The command runs under its own timeout
# (VMIC_GUARD_TIMEOUT seconds, default 100), shorter than CTest's, because
# CTest's own timeout kills this script too and the cleanup would not run.
#
#   vmic-guard.sh PATH/TO/virtual-mic.sh COMMAND [ARGS...]
set -uo pipefail

vmic=${1:?usage: vmic-guard.sh VIRTUAL_MIC_SCRIPT COMMAND [ARGS...]}
shift
[ $# -gt 0 ] || { echo "vmic-guard.sh: no command" >&2; exit 2; }

root=$(mktemp -d "${TMPDIR:-/tmp}/vmic-test.XXXXXX") || exit 2
export VMIC_TEST_ROOT=$root VMIC_SCRIPT=$vmic

cleanup() {
    local d
    for d in "$root"/*/; do
        [ -f "$d/vmic.owner" ] && "$vmic" --stop "${d%/}"
    done
    rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

timeout --kill-after=5 "${VMIC_GUARD_TIMEOUT:-100}" "$@"
