#!/bin/bash
# bench/repair.sh [MINUTES]: what fixing a WAV cut short by a crash costs.
#
# Makes a MINUTES-long (default 30, the longest take) 16-bit mono 48 kHz
# WAV, zeroes its RIFF and data sizes as a SIGKILL mid-take can leave them,
# then repairs copies of it twice: with `mockinterview repair`, which
# rewrites the two size fields in place, and with what a user would
# otherwise reach for, `sox --ignore-length`, which copies every sample to
# a new file. Prints wall seconds and the frames each result holds.
set -euo pipefail

minutes=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${MOCKINTERVIEW:-$root/build/release/runner/mockinterview}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-repair.XXXXXX")
trap 'rm -rf "$work"' EXIT

[ -x "$binary" ] || { echo "build first: make build" >&2; exit 1; }

sox -n -r 48000 -c 1 -b 16 "$work/take.wav" synth "$((minutes * 60))" \
    pinknoise vol 0.3
frames=$(soxi -s "$work/take.wav")
# Bytes 4-7 (RIFF size) and 40-43 (data size) to zero.
printf '\0\0\0\0' | dd of="$work/take.wav" bs=1 seek=4 conv=notrunc status=none
printf '\0\0\0\0' | dd of="$work/take.wav" bs=1 seek=40 conv=notrunc \
    status=none

seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

cp "$work/take.wav" "$work/ours.wav"
cp "$work/take.wav" "$work/broken.wav"
sync
ours=$(seconds "$binary" repair "$work/ours.wav")
theirs=$(seconds sox --ignore-length "$work/broken.wav" "$work/sox.wav")

echo "repairing a ${minutes}-minute take ($frames frames, $(du -h \
"$work/take.wav" | cut -f1))"
printf '%-22s %9s %12s\n' tool "wall s" frames
printf '%-22s %9s %12s\n' "mockinterview repair" "$ours" \
    "$(soxi -s "$work/ours.wav")"
printf '%-22s %9s %12s\n' "sox --ignore-length" "$theirs" \
    "$(soxi -s "$work/sox.wav")"
