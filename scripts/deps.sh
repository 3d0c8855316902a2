#!/bin/sh
# Installs the Debian packages mockinterview needs to build, test and run
# its demo. Silent and instant when everything is already there.
set -eu

packages="cmake make gcc pkg-config portaudio19-dev libportaudio2
libsndfile1-dev libyaml-dev libcmocka-dev libasound2-dev libjack-jackd2-dev
libasound2-plugins jackd2 sox espeak-ng cmark-gfm alsa-utils python3
python3-yaml man-db procps util-linux
valgrind"

missing=""
for p in $packages; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
# jackd2 asks about realtime priority; the answer does not matter here.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends $missing >/dev/null
