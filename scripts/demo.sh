#!/bin/bash
# demo.sh BINARY WORKDIR: a real two-question session, start to report.
#
# A spoken answer is synthesised with espeak-ng and fed to PortAudio's real
# capture path through a virtual microphone paced by a private jackd (see
# scripts/virtual-mic.sh). Where that cannot start, the same audio goes in
# through --mic-file instead. Sessions stay under WORKDIR, never in the
# user's own history. The last line printed is `report: ABSOLUTE_PATH`.
set -euo pipefail

binary=$(realpath "$1")
work=$(mkdir -p "$2" && realpath "$2")
here=$(dirname "$(realpath "$0")")
rate=48000
vmic_dir=""

stop_helpers() {
    if [ -n "$vmic_dir" ]; then
        "$here/virtual-mic.sh" --stop "$vmic_dir" >/dev/null 2>&1 || true
    fi
}
trap stop_helpers EXIT

answer_text() {
    cat <<'TEXT'
I would start by measuring where the time goes, because latency in a
language model service usually hides in one of three places: the queue
before the model, the time to the first token, and the time per token after
it. Once I know which one dominates, the fix follows. A long queue means I
need more replicas or better batching. A slow first token points at long
prompts, so I would trim the context, cache the shared system prompt, and
consider a smaller model for simple requests. A slow stream of tokens means
the model is too large for the hardware, so quantisation or speculative
decoding can help. I would ship one change at a time behind a flag, watch
the ninety fifth percentile latency and the quality scores on a fixed
evaluation set, and roll back if quality drops. That way the users get a
faster answer without a worse one.
TEXT
}

speech="$work/answer.wav"
mkdir -p "$work"
answer_text | espeak-ng -s 150 -w "$speech.raw.wav" --stdin
sox -q "$speech.raw.wav" -r "$rate" -c 1 -b 16 "$speech"
rm -f "$speech.raw.wav"
echo "demo: synthesised a $(soxi -D "$speech" | cut -d. -f1) s spoken answer"

# Keep the user's own config file and session history out of the demo.
export XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME"

input_args=()
vmic_dir="$work/vmic"
rm -rf "$vmic_dir"
if exports=$("$here/virtual-mic.sh" --realtime --dir "$vmic_dir" \
             "$speech" "$rate" 2>"$work/vmic.log"); then
    eval "$exports"
    echo "demo: virtual microphone ready (PortAudio -> ALSA -> jackd)"
else
    vmic_dir=""
    echo "demo: the virtual microphone could not start (see $work/vmic.log);"
    echo "demo: falling back to --mic-file $speech"
    input_args=(--mic-file "$speech")
fi

"$binary" run --role ai-engineer --count 2 --think-time 5s \
    --answer-time 15s --no-review --plain --rate "$rate" \
    --out "$work/sessions" "${input_args[@]}" 2>&1 | tee "$work/run.log" \
    | grep -v '^report: '
status=${PIPESTATUS[0]}
report=$(grep '^report: ' "$work/run.log" | tail -n 1 || true)
stop_helpers
vmic_dir=""
if [ "$status" -ne 0 ] || [ -z "$report" ]; then
    echo "demo: the session failed (exit $status); see $work/run.log" >&2
    exit 1
fi
echo "$report"
