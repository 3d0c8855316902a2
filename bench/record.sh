#!/bin/bash
# bench/record.sh: what recording costs. Records SECONDS (default 600) of
# audio from the virtual microphone, paced in real time by a private jackd,
# once through our capture path (bench/record_bench.c on the audio
# library's sources) and once with arecord from the same device, and
# prints CPU seconds, peak resident memory and overflows for both.
#
#   bench/record.sh [SECONDS]        RATE=48000 by default, RATE=16000 ...
#
# Not part of `make test`: it takes as long as it records. Needs the
# packages of scripts/deps.sh (gcc, sox, jackd2, alsa-utils, python3).
set -euo pipefail

seconds=${1:-600}
rate=${RATE:-48000}
root=$(cd "$(dirname "$0")/.." && pwd)
vmic="$root/scripts/virtual-mic.sh"

case "$seconds" in
'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-record.XXXXXX")
vmic_dir=""
cleanup() {
    [ -z "$vmic_dir" ] || "$vmic" --stop "$vmic_dir"
    rm -rf "$work"
}
trap cleanup EXIT

# Optimised like a release build, with the same warnings as the project.
build_helper() {
    local libs

    libs=$(pkg-config --cflags --libs portaudio-2.0 sndfile alsa jack)
    # shellcheck disable=SC2086
    gcc -std=c11 -O2 -g -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
        -D_DEFAULT_SOURCE -I"$root" "$root"/audio/*.c \
        "$root/bench/record_bench.c" $libs -lpthread -lm \
        -o "$work/record_bench"
}

# Pink noise at a speaking level, so the writer handles real data rather
# than the zeros the device gives past the end of its source.
start_mic() {
    sox -n -r "$rate" -c 1 -b 16 "$work/source.wav" synth "$seconds" \
        pinknoise vol 0.3
    eval "$("$vmic" --realtime --dir "$work/vmic" \
        --tail-silence 120 "$work/source.wav" "$rate")"
    vmic_dir=$VMIC_DIR
}

# Runs a command and leaves "user sys maxrss_kb wall" in $2, from the
# child's own rusage (wait4), so nothing else is counted.
rusage_run() {
    python3 -c '
import os, sys, time
figures, argv = sys.argv[1], sys.argv[2:]
start = time.monotonic()
pid = os.spawnvp(os.P_NOWAIT, argv[0], argv)
_, status, use = os.wait4(pid, 0)
with open(figures, "w") as f:
    print(use.ru_utime, use.ru_stime, use.ru_maxrss,
          time.monotonic() - start, file=f)
sys.exit(os.waitstatus_to_exitcode(status))
' "$@"
}

measure() {
    local name=$1 figures=$2
    shift 2

    rusage_run "$figures" "$@" \
        >"$work/$name.out" 2>"$work/$name.err" || {
        echo "record.sh: $name failed:" >&2
        cat "$work/$name.err" >&2
        exit 1
    }
}

row() {
    local name=$1 figures=$2 overflows=$3 frames=$4
    local user sys rss wall

    read -r user sys rss wall <"$figures"
    awk -v n="$name" -v u="$user" -v s="$sys" -v r="$rss" -v w="$wall" \
        -v o="$overflows" -v f="$frames" -v rate="$rate" 'BEGIN {
        printf "%-14s %7.2f %7.2f %7.2f %9.1f %9s %9.2f %8.3f%%\n",
            n, u, s, u + s, r / 1024, o, f / rate, 100 * (u + s) / w }'
}

build_helper
start_mic
echo "recording ${seconds} s at ${rate} Hz, twice, from the virtual mic" >&2

measure ours "$work/ours.time" "$work/record_bench" virtmic "$rate" \
    "$seconds" "$work/ours.wav"
ours_overflows=$(sed -n \
    's/.*input_overflows=\([0-9]*\) ring_overruns=\([0-9]*\).*/\1+\2/p' \
    "$work/ours.out")
ours_frames=$(soxi -s "$work/ours.wav")

measure arecord "$work/arecord.time" arecord -q -D virtmic -f S16_LE \
    -r "$rate" -c 1 -d "$seconds" "$work/arecord.wav"
arecord_overflows=$(grep -c -i 'overrun' "$work/arecord.err" || true)
arecord_frames=$(soxi -s "$work/arecord.wav")

printf '%-14s %7s %7s %7s %9s %9s %9s %9s\n' recorder "user s" "sys s" \
    "cpu s" "RSS MiB" overflows "audio s" "cpu/wall"
row "record_bench" "$work/ours.time" "$ours_overflows" "$ours_frames"
row "arecord" "$work/arecord.time" "$arecord_overflows" "$arecord_frames"
echo "(record_bench overflows are input overflows + ring overruns)"
