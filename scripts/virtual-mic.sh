#!/bin/bash
# virtual-mic.sh: a microphone and a speaker for machines without a sound card.
#
# Builds a private ALSA configuration in which the capture device `virtmic`
# delivers the samples of a WAV file, and the playback device `virtspk`
# records whatever is played into a WAV file. `default` pairs the two.
# PortAudio's ALSA host API opens them like real hardware, so tests exercise
# the real capture and playback paths. Without --realtime the devices run as
# fast as the program reads (stop by frame count, never by wall time); with
# --realtime a private `jackd -d dummy` server paces them at the true rate.
#
#   eval "$(scripts/virtual-mic.sh [options] INPUT.wav RATE)"
#   ... run the program under test ...
#   scripts/virtual-mic.sh --stop "$VMIC_DIR"
#   scripts/virtual-mic.sh --swap "$VMIC_DIR" NEXT.wav   # for the next open
#
# Options:
#   --realtime         pace the devices with a private jackd (stop it with
#                      --stop only after the program under test has exited)
#   --fail-after SEC   the capture device fails after about SEC s of audio
#   --no-input         define no capture device at all
#   --dir DIR          work in DIR (created; no ':' or spaces) not a temp dir
#   --tail-silence SEC zeros after the source before it would repeat (600)
#
# Only `export` lines (and a comment) go to stdout. Exported:
#   ALSA_CONFIG_PATH    the generated configuration (system alsa.conf unused)
#   VMIC_DIR            working folder, removed by --stop
#   VMIC_RATE           RATE
#   VMIC_SOURCE_WAV     the exact samples the mic delivers: INPUT converted
#                       to mono 16-bit at RATE without dither
#   VMIC_SOURCE_FRAMES  its length in frames
#   VMIC_PLAYBACK_WAV   what programs played to the speaker (rewritten at
#                       every output open, sized at close)
#   JACK_DEFAULT_SERVER, VMIC_JACKD_PID   with --realtime only
set -euo pipefail

me=${0##*/}

fail() {
    printf '%s: %s\n' "$me" "$*" >&2
    exit 1
}

usage() {
    sed -n '/^#   eval/,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
}

# Converts $1 to raw mono s16le at rate $2 in $3, plus the same samples as a
# WAV in $4. The raw file is what ALSA's file plugin reads; it must carry no
# header. A sparse hole of $5 seconds of zeros follows the samples, because
# past the end of its input the plugin would hand back stale buffer contents.
make_source() {
    local wav=$1 rate=$2 raw=$3 copy=$4 tail=$5
    local part="$raw.part"

    sox -D -q "$wav" -t raw -e signed-integer -b 16 -L -c 1 -r "$rate" \
        "$part" || fail "cannot convert $wav"
    sox -q -t raw -e signed-integer -b 16 -L -c 1 -r "$rate" "$part" "$copy"
    truncate -s "+$((rate * 2 * tail))" "$part"
    mv -f "$part" "$raw"
}

check_dir_name() {
    case "$1" in
    *:* | *' '*) fail "folder '$1' must not contain ':' or spaces" ;;
    esac
}

owned_dir() {
    [ -d "$1" ] && [ -f "$1/vmic.owner" ] ||
        fail "$1 is not a virtual-mic folder"
}

# Ends the private jackd, gently first: a server whose client was killed
# ignores SIGTERM, so after 5 s it gets SIGKILL and its shared memory is
# swept by hand.
stop_jackd() {
    local dir=$1 pid name

    [ -f "$dir/jackd.pid" ] || return 0
    pid=$(cat "$dir/jackd.pid")
    name=$(cat "$dir/jackd.name")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f /dev/shm/jack_"${name}"_* /dev/shm/jack_sem.*_"${name}"_* \
        2>/dev/null || true
}

do_stop() {
    owned_dir "$1"
    stop_jackd "$1"
    rm -rf "$1"
}

do_swap() {
    owned_dir "$1"
    [ -r "$2" ] || fail "cannot read $2"
    make_source "$2" "$(cat "$1/rate")" "$1/mic.raw" "$1/source.wav" \
        "$(cat "$1/tail")"
}

# JACK keeps a registry of at most 8 servers in shared memory, and a server
# that dies by SIGKILL stays in it. An entry is reclaimed only when a new
# server starts under the same name, so names come from a pool of 8 and a
# free one is chosen; with no jackd running at all, the registry left by
# earlier crashes is swept away.
sweep_jack_registry() {
    pgrep -x jackd >/dev/null 2>&1 && return 0
    rm -f /dev/shm/jack-shm-registry /dev/shm/jack-[0-9]* 2>/dev/null || true
}

free_server_name() {
    local i

    for i in 0 1 2 3 4 5 6 7; do
        pgrep -f -- "--name vmic-$i " >/dev/null 2>&1 || {
            echo "vmic-$i"
            return 0
        }
    done
    fail "8 virtual microphones are running already"
}

# Starts `jackd -d dummy` under a name no running server uses and waits
# until it accepts clients. Its output goes to a log, never to our stdout,
# or the caller's $(...) would wait for the daemon to exit.
start_jackd() {
    local dir=$1 rate=$2 name period=512

    # Two calls at once must not pick the same name: hold a lock until
    # the server is up.
    exec 9>"${TMPDIR:-/tmp}/virtual-mic.lock"
    flock 9
    sweep_jack_registry
    name=$(free_server_name)
    [ "$rate" -lt 32000 ] || period=1024
    setsid jackd --no-realtime --name "$name" -d dummy --rate "$rate" \
        --period "$period" --capture 1 --playback 1 \
        </dev/null >"$dir/jackd.log" 2>&1 9>&- &
    echo $! >"$dir/jackd.pid"
    echo "$name" >"$dir/jackd.name"
    if ! jack_wait --server "$name" --wait --timeout 10 >/dev/null 2>&1; then
        cat "$dir/jackd.log" >&2
        stop_jackd "$dir"
        [ "${made_temp:-0}" = 0 ] || rm -rf "$dir"
        fail "jackd did not start"
    fi
    exec 9>&-
}

# Where the capture side's copy of the audio goes. With --fail-after it is
# a pipe that closes after SEC seconds of bytes, so the next write fails.
capture_sink() {
    local rate=$1 after=$2

    if [ -z "$after" ]; then
        echo '"/dev/null"'
    else
        echo "\"|head -c $(awk -v s="$after" -v r="$rate" \
            'BEGIN { printf "%d", s * r * 2 }') >/dev/null\""
    fi
}

# The slave under each file plugin: `null` runs unpaced, the ALSA jack
# plugin runs at the dummy server's clock.
slave_pcm() {
    local realtime=$1 port=$2

    if [ "$realtime" = 1 ]; then
        printf '{ type plug; slave.pcm { type jack; %s_ports { 0 %s } } }\n' \
            "$port" "system:${port}_1"
    else
        echo '{ type null }'
    fi
}

# The outer plug fixes the format the file plugin sees: the raw infile is
# read as mono S16_LE at RATE whatever the program asks for (other rates
# are resampled, so only RATE is bit-exact).
write_config() {
    local dir=$1 rate=$2 realtime=$3 after=$4 no_input=$5
    local conf="$dir/asoundrc"

    : >"$conf"
    if [ "$no_input" = 0 ]; then
        cat >>"$conf" <<EOF
pcm.virtmic {
  type asym
  capture.pcm {
    type plug
    slave.format S16_LE
    slave.rate $rate
    slave.channels 1
    slave.pcm {
      type file
      format "raw"
      infile "$dir/mic.raw"
      file $(capture_sink "$rate" "$after")
      slave.pcm $(slave_pcm "$realtime" capture)
    }
  }
  hint { show on; description "virtual microphone" }
}
EOF
    fi
    cat >>"$conf" <<EOF
pcm.virtspk {
  type asym
  playback.pcm {
    type plug
    slave.format S16_LE
    slave.pcm {
      type file
      format "wav"
      file "$dir/played.wav"
      slave.pcm $(slave_pcm "$realtime" playback)
    }
  }
  hint { show on; description "virtual speaker" }
}
EOF
    if [ "$no_input" = 0 ]; then
        echo 'pcm.!default { type asym; capture.pcm "virtmic";' \
            'playback.pcm "virtspk" }' >>"$conf"
    else
        echo 'pcm.!default { type asym; playback.pcm "virtspk" }' >>"$conf"
    fi
}

print_exports() {
    local dir=$1 rate=$2

    echo "export ALSA_CONFIG_PATH='$dir/asoundrc'"
    echo "export VMIC_DIR='$dir'"
    echo "export VMIC_RATE=$rate"
    echo "export VMIC_SOURCE_WAV='$dir/source.wav'"
    echo "export VMIC_SOURCE_FRAMES=$(soxi -s "$dir/source.wav")"
    echo "export VMIC_PLAYBACK_WAV='$dir/played.wav'"
    if [ -f "$dir/jackd.pid" ]; then
        echo "export JACK_DEFAULT_SERVER='$(cat "$dir/jackd.name")'"
        echo "export VMIC_JACKD_PID=$(cat "$dir/jackd.pid")"
    fi
    echo "# stop with: $0 --stop '$dir'"
}

main() {
    local realtime=0 after="" no_input=0 dir="" tail=600

    case "${1:-}" in
    --stop)
        [ $# -eq 2 ] || fail "usage: $me --stop DIR"
        do_stop "$2"
        return ;;
    --swap)
        [ $# -eq 3 ] || fail "usage: $me --swap DIR NEW.wav"
        do_swap "$2" "$3"
        return ;;
    esac
    while [ $# -gt 0 ]; do
        case "$1" in
        --realtime) realtime=1 ;;
        --no-input) no_input=1 ;;
        --fail-after) after=${2:?--fail-after needs seconds}; shift ;;
        --dir) dir=${2:?--dir needs a folder}; shift ;;
        --tail-silence) tail=${2:?--tail-silence needs seconds}; shift ;;
        -h | --help) usage; return ;;
        --) shift; break ;;
        -*) fail "unknown option $1 (see --help)" ;;
        *) break ;;
        esac
        shift
    done
    [ $# -eq 2 ] || fail "usage: $me [options] INPUT.wav RATE (see --help)"
    local input=$1 rate=$2

    [ -r "$input" ] || fail "cannot read $input"
    case "$rate" in '' | *[!0-9]*) fail "RATE must be whole Hz" ;; esac
    case "$tail" in '' | *[!0-9]*) fail "--tail-silence: whole seconds" ;; esac
    case "$after" in *[!0-9.]*) fail "--fail-after: seconds" ;; esac
    command -v sox >/dev/null || fail "sox is not installed"
    if [ "$realtime" = 1 ]; then
        command -v jackd >/dev/null || fail "jackd2 is not installed"
        compgen -G '/usr/lib/*/alsa-lib/libasound_module_pcm_jack.so' \
            >/dev/null || fail "libasound2-plugins is not installed"
    fi

    if [ -z "$dir" ]; then
        dir=$(mktemp -d "${TMPDIR:-/tmp}/vmic.XXXXXX")
        made_temp=1
    else
        check_dir_name "$dir"
        mkdir -p "$dir"
        dir=$(cd "$dir" && pwd)
    fi
    check_dir_name "$dir"
    echo "$$" >"$dir/vmic.owner"
    echo "$rate" >"$dir/rate"
    echo "$tail" >"$dir/tail"

    make_source "$input" "$rate" "$dir/mic.raw" "$dir/source.wav" "$tail"
    [ "$realtime" = 0 ] || start_jackd "$dir" "$rate"
    write_config "$dir" "$rate" "$realtime" "$after" "$no_input"
    print_exports "$dir" "$rate"
}

main "$@"
