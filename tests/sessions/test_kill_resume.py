#!/usr/bin/env python3
"""A session killed with SIGKILL mid-answer loses nothing.

Runs `mockinterview run --plain` on a three-question bank with a speech WAV
as the microphone, kills it with SIGKILL about 2.5 s into the first answer,
and checks that the journal is readable, the cut-off WAV plays (soxi and
Python's wave module) and holds nearly all that was recorded. Then `resume`
must finish the session: the killed take kept and marked interrupted, the
question asked again, every WAV matching the journal, the report written.

usage: test_kill_resume.py MOCKINTERVIEW BANK.yaml
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import wave

import yaml

KILL_AFTER = 2.5        # seconds into the first answer


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def make_speech(folder):
    raw, wav = os.path.join(folder, "raw.wav"), os.path.join(folder, "a.wav")
    text = ("I would warm the model before it takes traffic, then measure "
            "the first request latency after each deploy and compare it "
            "with the steady state, so that nobody pays for the cold start.")
    subprocess.run(["espeak-ng", "-w", raw, text], check=True)
    subprocess.run(["sox", raw, "-r", "48000", "-c", "1", "-b", "16", wav],
                   check=True)
    return wav


def soxi_seconds(path):
    out = subprocess.run(["soxi", "-D", path], check=True,
                         capture_output=True, text=True).stdout
    return float(out)


def wave_seconds(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


def run_and_kill(binary, bank, wav, out_dir, env):
    proc = subprocess.Popen(
        [binary, "run", "--bank", bank, "--think-time", "0",
         "--answer-time", "6", "--mic-file", wav, "--out", out_dir,
         "--plain"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env=env)
    seen = b""
    deadline = time.monotonic() + 30
    while b"answering" not in seen and time.monotonic() < deadline:
        seen += os.read(proc.stdout.fileno(), 4096)
    check(b"answering" in seen, f"no answer phase: {seen!r}")
    time.sleep(KILL_AFTER)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    check(proc.returncode == -signal.SIGKILL, "the process was not killed")


def load_journal(session):
    with open(os.path.join(session, "session.yaml")) as f:
        return yaml.safe_load(f)


def check_killed_state(session):
    journal = load_journal(session)
    takes = journal["questions"][0]["takes"]
    check(len(takes) == 1, f"one take expected before resume: {takes}")
    wav = os.path.join(session, takes[0]["file"])
    check(os.stat(wav).st_mode & 0o777 == 0o600, "take is not 0600")
    # All but the last second must play, whoever reads the header.
    check(soxi_seconds(wav) >= KILL_AFTER - 1.0,
          f"soxi reads {soxi_seconds(wav)} s of a {KILL_AFTER} s take")
    check(wave_seconds(wav) >= KILL_AFTER - 1.0,
          f"wave reads {wave_seconds(wav)} s of a {KILL_AFTER} s take")
    return takes[0]["file"]


def check_resumed(session, killed_file):
    journal = load_journal(session)
    check(journal["finished"] is True, "session not finished after resume")
    first = journal["questions"][0]
    check(first["takes"][0]["file"] == killed_file, "killed take replaced")
    check(first["takes"][0]["interrupted"] is True,
          "killed take not marked interrupted")
    check(len(first["takes"]) == 2, "question 1 was not asked again")
    for question in journal["questions"]:
        check(question["state"] == "answered",
              f"{question['id']} is {question['state']}")
        for take in question["takes"]:
            wav = os.path.join(session, take["file"])
            check(abs(soxi_seconds(wav) - take["duration"]) < 0.05,
                  f"{take['file']}: journal {take['duration']} s, "
                  f"file {soxi_seconds(wav)} s")
    report = open(os.path.join(session, "report.md")).read()
    check(killed_file in report, "report does not link the killed take")


def main():
    binary, bank = sys.argv[1], sys.argv[2]
    env = dict(os.environ, XDG_CONFIG_HOME="/nonexistent")
    with tempfile.TemporaryDirectory() as folder:
        wav = make_speech(folder)
        out_dir = os.path.join(folder, "sessions")
        run_and_kill(binary, bank, wav, out_dir, env)
        sessions = os.listdir(out_dir)
        check(len(sessions) == 1, f"sessions: {sessions}")
        session = os.path.join(out_dir, sessions[0])
        killed_file = check_killed_state(session)

        result = subprocess.run(
            [binary, "resume", session, "--plain", "--mic-file", wav],
            stdin=subprocess.DEVNULL, capture_output=True, text=True,
            env=env, timeout=90)
        check(result.returncode == 0,
              f"resume exit {result.returncode}: {result.stdout}"
              f"{result.stderr}")
        last = result.stdout.strip().splitlines()[-1]
        check(last == "report: " + os.path.join(session, "report.md"),
              f"last line: {last}")
        check_resumed(session, killed_file)
    print("kill and resume: ok")


if __name__ == "__main__":
    main()
