#!/bin/bash
# devices, mic-check and a real session through PortAudio's capture path
# from the project's virtual microphone (paced by a private jackd), then the
# same commands on a machine with no input device at all.
#
#   test_audio_commands.sh MOCKINTERVIEW VIRTUAL_MIC_SCRIPT
# Run under tests/audio/vmic-guard.sh, which stops every jackd afterwards.
set -uo pipefail

binary=$1
vmic=$2
work=$VMIC_TEST_ROOT/work
mkdir -p "$work"

# PortAudio's ALSA plugins are unloaded before LeakSanitizer looks, so what
# they keep shows up as "<unknown module>"; our own leaks are checked by the
# cmocka suites and the --mic-file end-to-end tests.
export ASAN_OPTIONS=detect_leaks=0
export XDG_CONFIG_HOME=$work/config

fail() {
    echo "FAIL: $*"
    exit 1
}

espeak-ng -w "$work/raw.wav" "This is my answer. I would measure first, \
then change one thing at a time and measure again." || fail "espeak-ng"
sox "$work/raw.wav" -r 48000 -c 1 -b 16 "$work/speech.wav" || fail "sox"

eval "$("$vmic" --realtime --dir "$VMIC_TEST_ROOT/mic" "$work/speech.wav" \
        48000)" || fail "virtual mic did not start"

out=$("$binary" devices 2>&1) || fail "devices exit $?: $out"
grep -q 'virtmic' <<<"$out" || fail "devices does not list virtmic: $out"
grep -Eq '^\*.*default' <<<"$out" || fail "no default input mark: $out"
grep -Eq 'ALSA lib|Cannot connect|jack server|JackShmReadWrite' <<<"$out" &&
    fail "audio library noise reached the terminal: $out"

out=$("$binary" mic-check --seconds 2 2>&1) || fail "mic-check exit $?: $out"
grep -q '^fine: ' <<<"$out" || fail "mic-check verdict: $out"
grep -q 'playing it back' <<<"$out" || fail "no playback: $out"
played=$(soxi -D "$VMIC_PLAYBACK_WAV") || fail "nothing was played"
awk -v s="$played" 'BEGIN { exit !(s >= 1.5) }' ||
    fail "played back only $played s"

"$binary" mic-check --device nosuchdevice >"$work/out" 2>&1
status=$?
[ "$status" = 1 ] || fail "unknown device exit $status: $(cat "$work/out")"
grep -q 'nosuchdevice' "$work/out" || fail "device not named: $(cat "$work/out")"

out=$("$binary" run --role ai-engineer --count 1 --think-time 0 \
      --answer-time 2 --plain --out "$work/sessions" 2>&1) ||
    fail "run exit $?: $out"
report=$(tail -n 1 <<<"$out")
[[ $report == "report: $work/sessions/"*/report.md ]] ||
    fail "last line is not the report: $out"
take=$(ls "$work"/sessions/*/recordings/*.wav) || fail "no take"
rms=$(sox "$take" -n stat 2>&1 | awk '/RMS +amplitude/ { print $3 }')
awk -v r="$rms" 'BEGIN { exit !(r > 0.01) }' || fail "take is silent: $rms"

"$vmic" --stop "$VMIC_DIR"
eval "$("$vmic" --no-input --dir "$VMIC_TEST_ROOT/none" "$work/speech.wav" \
        48000)" || fail "virtual speaker did not start"
"$binary" run --role ai-engineer --plain --out "$work/none" \
    >"$work/out" 2>&1
status=$?
[ "$status" = 1 ] || fail "no microphone exit $status: $(cat "$work/out")"
grep -q 'no input device' "$work/out" || fail "message: $(cat "$work/out")"
[ "$(wc -l <"$work/out")" -le 2 ] || fail "more than two lines: $(cat "$work/out")"
[ ! -e "$work/none" ] || fail "a session folder was made without a mic"
echo "audio commands: ok"
