#!/usr/bin/env python3
"""A fatal signal in the middle of an answer still hands the terminal back.

For SIGQUIT, SIGABRT and SIGSEGV sent to `mockinterview run` while it
records an answer in raw mode under a pty: the process dies of it (or of
the sanitizer's report of it), the pty's termios afterwards equal the ones
before the run, the cursor-show sequence was written after the signal, and
for the signals no sanitizer reports, it is the last escape code. The
journal is still readable afterwards, the take recorded in it.

usage: test_fatal_signal.py MOCKINTERVIEW BANK.yaml
"""
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

import yaml

from test_e2e import CURSOR_SHOW, Session, check, check_terminal_restored

# Signals a sanitizer build reports itself (with colour codes) before dying.
REPORTED = {signal.SIGSEGV}


def one_signal(binary, bank, wav, out_dir, env, sig):
    s = Session([binary, "run", "--bank", bank, "--think-time", "0",
                 "--answer-time", "20", "--mic-file", wav, "--out", out_dir],
                env)
    s.expect(b"Enter begin")
    check(s.raw_now(), "the terminal is not in raw mode during the session")
    s.send(b"\r")
    s.expect(b"take 1")
    s.pump(1.0)
    sent_at = len(s.out)
    os.kill(s.proc.pid, sig)
    rc = s.finish()
    name = signal.Signals(sig).name
    check(rc != 0, f"{name}: the program exited 0")
    if sig not in REPORTED:
        check(rc == -sig, f"{name}: exit {rc}, not killed by the signal")
    check(s.after == s.before,
          f"{name}: terminal modes not restored: {s.before} -> {s.after}")
    check(CURSOR_SHOW in s.out[sent_at:],
          f"{name}: no cursor-show after the signal: {s.tail()}")
    if sig not in REPORTED:
        check_terminal_restored(s)
    sessions = [os.path.join(out_dir, d) for d in os.listdir(out_dir)]
    check(len(sessions) == 1, f"{name}: sessions {sessions}")
    with open(os.path.join(sessions[0], "session.yaml")) as f:
        journal = yaml.safe_load(f)
    takes = journal["questions"][0]["takes"]
    check(len(takes) == 1, f"{name}: takes in the journal: {takes}")


def main():
    binary, bank = sys.argv[1], sys.argv[2]
    check(os.access(binary, os.X_OK), f"no runner at {binary}")
    # No core files from the signals we send.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    work = tempfile.mkdtemp(prefix="mi-fatal-")
    env = dict(os.environ, TERM="xterm-256color", HOME=work,
               XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_DATA_HOME=os.path.join(work, "data"))
    env.pop("NO_COLOR", None)
    try:
        wav = os.path.join(work, "tone.wav")
        subprocess.run(["sox", "-n", "-r", "48000", "-c", "1", "-b", "16",
                        wav, "synth", "30", "sine", "440", "vol", "0.3"],
                       check=True)
        for sig in (signal.SIGQUIT, signal.SIGABRT, signal.SIGSEGV):
            out_dir = os.path.join(work, signal.Signals(sig).name)
            one_signal(binary, bank, wav, out_dir, env, sig)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
