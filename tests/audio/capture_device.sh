#!/bin/bash
# capture_device.sh: records through PortAudio's real capture path from the
# project's virtual microphone (paced in real time by a private jackd) and
# checks what reached the WAV file.
#
#   capture_device.sh CHECK RECORD_TAKE VIRTUAL_MIC_SCRIPT
#
#   exact  a 10 s take equals its source sample for sample
#   kill   a recorder killed with SIGKILL after 5 s leaves a WAV that plays
#          for at least 4 s in soxi and Python's wave module
#   fail   a device that fails mid-take ends the take, interrupted and kept
#   fsize  a file-size limit stops the take and keeps what was written
#   stall  a device that stops delivering (jackd stopped) for over 2 s ends
#          the take through the watchdog, interrupted and kept
#
# Every exit path stops jackd: the recorder runs under its own timeout,
# shorter than CTest's, so the EXIT trap always gets to run.
set -uo pipefail

check=${1:?usage: capture_device.sh CHECK RECORD_TAKE VIRTUAL_MIC_SCRIPT}
record=${2:?record_take path}
vmic=${3:?virtual-mic.sh path}
rate=48000

work=$(mktemp -d "${TMPDIR:-/tmp}/mi-capture.XXXXXX") || exit 1
cleanup() {
    [ -n "${rec_pid:-}" ] && kill -9 "$rec_pid" 2>/dev/null
    [ -n "${VMIC_DIR:-}" ] && "$vmic" --stop "$VMIC_DIR" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

fail() {
    echo "FAIL ($check): $*" >&2
    [ -f "$work/out.txt" ] && sed 's/^/  record_take: /' "$work/out.txt" >&2
    exit 1
}

# Pink noise: every sample differs from its neighbours, so a dropped or
# repeated block cannot go unnoticed.
start_mic() {
    local seconds=$1
    shift
    sox -n -r "$rate" -c 1 -b 16 "$work/noise.wav" synth "$seconds" \
        pinknoise gain -6 || fail "sox could not make the source"
    eval "$("$vmic" --realtime "$@" "$work/noise.wav" "$rate")" ||
        fail "virtual-mic.sh failed"
    [ -n "${VMIC_DIR:-}" ] || fail "virtual-mic.sh exported no VMIC_DIR"
}

value() {
    sed -n "s/^$1=//p" "$work/out.txt" | tail -n 1
}

# Checks that TAKE is mono 16-bit at $rate and that its frames are the
# first frames of the source; prints its length in frames.
take_matches_source() {
    python3 - "$1" "$VMIC_SOURCE_WAV" "$rate" <<'EOF'
import sys, wave
take, source = wave.open(sys.argv[1]), wave.open(sys.argv[2])
rate = int(sys.argv[3])
assert take.getnchannels() == 1, "take is not mono"
assert take.getsampwidth() == 2, "take is not 16-bit"
assert take.getframerate() == rate, "take is at %d Hz" % take.getframerate()
n = take.getnframes()
got, want = take.readframes(n), source.readframes(n)
assert len(got) == 2 * n, "header: %d frames, data: %d" % (n, len(got) // 2)
assert len(want) == 2 * n, "take is longer than the source"
if got != want:
    first = next(i for i in range(0, len(got), 2) if got[i:i+2] != want[i:i+2])
    sys.exit("take differs from the source at frame %d of %d" % (first // 2, n))
print(n)
EOF
}

check_exact() {
    local frames

    start_mic 12
    timeout 60 "$record" --rate "$rate" --seconds 10 --max-take 10 \
        --out "$work/take.wav" >"$work/out.txt" || fail "recorder failed"
    [ "$(value frames)" = $((10 * rate)) ] || fail "frames"
    [ "$(value capped)" = 1 ] || fail "the take should end at its cap"
    [ "$(value interrupted)" = 0 ] || fail "interrupted"
    [ "$(value input_overflows)" = 0 ] || fail "input overflows"
    [ "$(value ring_overruns)" = 0 ] || fail "ring overruns"
    frames=$(take_matches_source "$work/take.wav") || fail "samples differ"
    [ "$frames" = $((10 * rate)) ] || fail "WAV holds $frames frames"
    echo "exact: $frames frames equal the source"
}

check_kill() {
    local soxi_s wave_s bytes

    start_mic 30
    # No `timeout` wrapper here: the kill must reach the recorder itself.
    "$record" --rate "$rate" --seconds 25 --out "$work/take.wav" \
        >"$work/out.txt" &
    rec_pid=$!
    for _ in $(seq 150); do
        grep -q '^recording=1' "$work/out.txt" && break
        sleep 0.1
    done
    grep -q '^recording=1' "$work/out.txt" || fail "recording never started"
    sleep 5
    kill -9 "$rec_pid"
    wait "$rec_pid" 2>/dev/null
    rec_pid=
    bytes=$(stat -c %s "$work/take.wav")

    soxi_s=$(soxi -D "$work/take.wav") || fail "soxi cannot read the WAV"
    wave_s=$(python3 -c 'import sys, wave
w = wave.open(sys.argv[1]); print(w.getnframes() / w.getframerate())' \
        "$work/take.wav") || fail "Python's wave cannot read the WAV"
    awk -v s="$soxi_s" 'BEGIN { exit !(s >= 4.0) }' ||
        fail "soxi says $soxi_s s"
    awk -v s="$wave_s" 'BEGIN { exit !(s >= 4.0) }' ||
        fail "wave says $wave_s s"
    take_matches_source "$work/take.wav" >/dev/null || fail "samples differ"
    [ "$(stat -c %s "$work/take.wav")" = "$bytes" ] ||
        fail "the WAV still grows after the kill"
    echo "kill: killed after 5 s; soxi $soxi_s s, wave $wave_s s," \
         "data $(( (bytes - 44) / 2 )) frames"
}

check_fail() {
    local began ended frames

    start_mic 10 --fail-after 3
    began=$(date +%s.%N)
    timeout 60 "$record" --rate "$rate" --seconds 9 \
        --out "$work/take.wav" >"$work/out.txt" || fail "recorder failed"
    ended=$(date +%s.%N)
    [ "$(value interrupted)" = 1 ] || fail "the take was not interrupted"
    [ -n "$(value problem)" ] || fail "no problem reported"
    frames=$(take_matches_source "$work/take.wav") || fail "samples differ"
    [ "$frames" = "$(value frames)" ] || fail "header and result disagree"
    [ "$frames" -ge $((2 * rate)) ] && [ "$frames" -le $((5 * rate)) ] ||
        fail "kept $frames frames for a device failing after 3 s"
    awk -v a="$began" -v b="$ended" 'BEGIN { exit !(b - a < 8.5) }' ||
        fail "the take took too long to end"
    echo "fail: kept $frames frames; $(value problem)"
}

check_fsize() {
    local frames limit=$((200 * 1024))

    start_mic 10
    # bash counts ulimit -f in KiB.
    (ulimit -f 200 && exec timeout 60 "$record" --rate "$rate" --seconds 8 \
        --out "$work/take.wav") >"$work/out.txt" ||
        fail "recorder failed (status $?)"
    [ "$(value interrupted)" = 1 ] || fail "the take was not interrupted"
    value problem | grep -q "$work/take.wav" || fail "problem names no file"
    frames=$(take_matches_source "$work/take.wav") || fail "samples differ"
    [ "$frames" = "$(value frames)" ] || fail "header and result disagree"
    [ "$(stat -c %s "$work/take.wav")" -le "$limit" ] || fail "file too big"
    [ "$frames" -ge "$rate" ] || fail "only $frames frames kept"
    echo "fsize: kept $frames frames; $(value problem)"
}

check_stall() {
    local frames

    start_mic 20
    "$record" --rate "$rate" --seconds 15 --out "$work/take.wav" \
        >"$work/out.txt" &
    rec_pid=$!
    sleep 3
    kill -STOP "$VMIC_JACKD_PID"
    sleep 3.5
    kill -CONT "$VMIC_JACKD_PID"
    for _ in $(seq 100); do
        grep -q '^problem=' "$work/out.txt" && break
        sleep 0.1
    done
    grep -q '^problem=' "$work/out.txt" || fail "the take did not end"
    wait "$rec_pid" || fail "recorder failed"
    rec_pid=
    [ "$(value interrupted)" = 1 ] || fail "the take was not interrupted"
    value problem | grep -q "no audio for 2 s" || fail "wrong problem"
    frames=$(take_matches_source "$work/take.wav") || fail "samples differ"
    [ "$frames" = "$(value frames)" ] || fail "header and result disagree"
    [ "$frames" -lt $((8 * rate)) ] || fail "$frames frames: no stall seen"
    echo "stall: kept $frames frames; $(value problem)"
}

case $check in
exact | kill | fail | fsize | stall) "check_$check" ;;
*) echo "capture_device.sh: unknown check '$check'" >&2; exit 2 ;;
esac
