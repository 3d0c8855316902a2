#!/usr/bin/env python3
"""End-to-end: a whole mockinterview session under a pseudo-terminal.

Runs `mockinterview run` on a three-question bank with 3 s answers, 1 s think
time and a speech WAV (made here with espeak-ng) as the microphone, and
drives it with keys: finish early, review with ticks, scores and a note
(opened with e), retake, pause and resume, overtime, quit. Then `resume`
finishes the session. Checks the journal, the WAVs against it, the report,
and that the terminal modes are restored with the cursor-show sequence as
the last escape code. A last run in plain mode checks that no escape code
at all is written when stdout is not a terminal.

usage: test_e2e.py MOCKINTERVIEW BANK.yaml
"""
import fcntl
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

import yaml

ROWS, COLS = 32, 100
CURSOR_SHOW = b"\x1b[?25h"


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


class Session:
    """One program run on a fresh pty; keeps all it printed."""

    def __init__(self, args, env, rows=ROWS, cols=COLS):
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))
        self.before = termios.tcgetattr(self.slave)
        self.out = b""
        self.mark = 0
        self.proc = subprocess.Popen(
            args, stdin=self.slave, stdout=self.slave, stderr=self.slave,
            env=env, start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))

    def pump(self, seconds):
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            ready, _, _ = select.select([self.master], [], [], max(left, 0))
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    data = b""
                self.out += data
            if left <= 0:
                return

    def expect(self, text, timeout=15):
        """Waits until `text` appears after the last match."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            at = self.out.find(text, self.mark)
            if at >= 0:
                self.mark = at + len(text)
                return
            if self.proc.poll() is not None:
                self.pump(0.2)
                if self.out.find(text, self.mark) >= 0:
                    continue
                break
            self.pump(0.05)
        fail(f"never saw {text!r}; output ends with:\n{self.tail()}")

    def send(self, keys, pause=0.15):
        os.write(self.master, keys)
        self.pump(pause)

    def finish(self, timeout=30):
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self.pump(0.1)
        if self.proc.poll() is None:
            self.proc.kill()
            fail("the program did not exit")
        self.pump(0.3)
        self.after = termios.tcgetattr(self.slave)
        os.close(self.master)
        os.close(self.slave)
        return self.proc.returncode

    def tail(self):
        return self.out[-1500:].decode("utf-8", "replace")

    def raw_now(self):
        lflag = termios.tcgetattr(self.slave)[3]
        return not (lflag & termios.ECHO) and not (lflag & termios.ICANON)


def make_speech(path):
    text = ("When a model server is slow after a deploy, I would first "
            "measure where the time goes, then warm the weights and the "
            "kernels before the readiness probe passes, send a few "
            "synthetic requests through the hot paths, and watch the first "
            "request latency on every release so the regression is caught "
            "early and rolled back automatically.")
    subprocess.run(["espeak-ng", "-s", "140", "-w", path, text], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = float(subprocess.check_output(["soxi", "-D", path]))
    check(seconds >= 9.0, f"speech fixture only {seconds:.1f} s long")


def report_line(out):
    """The last line printed, after the screen was handed back (if ever)."""
    restored = out.rfind(CURSOR_SHOW)
    if restored >= 0:
        out = out[restored + len(CURSOR_SHOW):]
    text = out.decode("utf-8", "replace").replace("\r", "")
    lines = [l for l in text.split("\n") if l.strip()]
    check(lines, "no output at all")
    last = lines[-1]
    check(last.startswith("report: /"), f"last line is {last!r}")
    return last[len("report: "):]


def check_terminal_restored(s):
    check(s.after == s.before,
          f"terminal modes not restored: {s.before} -> {s.after}")
    last_escape = s.out.rfind(b"\x1b")
    check(last_escape >= 0 and
          s.out[last_escape:last_escape + len(CURSOR_SHOW)] == CURSOR_SHOW,
          "the cursor-show sequence is not the last escape code")


def first_session(binary, bank, wav, out_dir, env):
    s = Session([binary, "run", "--bank", bank, "--answer-time", "3",
                 "--mic-file", wav, "--out", out_dir],
                env)
    s.expect(b"Enter begin")
    check(s.raw_now(), "the terminal is not in raw mode during the session")

    # Question 1, take 1: finish early, then review it fully and retake.
    s.send(b"\r")
    s.expect(b"take 1")
    s.pump(1.0)
    s.send(b"\r")
    s.expect(b"REVIEW")
    for key in [b"1", b"3", b"\r", b"4", b"3", b"-", b"5"]:
        s.send(key, 0.1)
    s.send(b"egood start\r")        # e opens the note
    s.send(b"r")

    # Take 2: pause for 1.5 s, resume, run into overtime, finish with space.
    s.expect(b"take 2")
    s.pump(0.8)
    s.send(b"p")
    s.expect(b"PAUSED")
    s.pump(1.5)
    s.send(b"p")
    s.pump(3.2)
    s.send(b" ")
    s.expect(b"REVIEW")
    s.send(b"n")

    # Question 2: quit while answering.
    s.expect(b"Question 2/3")
    s.expect(b"take 1")
    s.pump(1.0)
    s.send(b"q")
    rc = s.finish()
    check(rc == 130, f"quit should exit 130, got {rc}:\n{s.tail()}")
    check_terminal_restored(s)
    return report_line(s.out)


def resume_session(binary, session_dir, wav, env):
    s = Session([binary, "resume", session_dir, "--mic-file", wav], env)
    s.expect(b"Resuming at question 2")
    s.send(b"\r")
    s.expect(b"take 2")
    s.pump(1.5)
    s.send(b"\r")
    s.expect(b"REVIEW")
    s.send(b"n")
    s.expect(b"Question 3/3")
    s.expect(b"take 1")
    s.pump(1.0)
    s.send(b"\r")
    s.expect(b"REVIEW")
    s.send(b"n")
    rc = s.finish()
    check(rc == 0, f"resume should finish with 0, got {rc}:\n{s.tail()}")
    check_terminal_restored(s)
    return report_line(s.out)


def check_takes(session_dir, journal):
    for q in journal["questions"]:
        for t in q["takes"] or []:
            path = os.path.join(session_dir, t["file"])
            check(os.path.isfile(path), f"missing take {path}")
            check(oct(os.stat(path).st_mode & 0o777) == "0o600",
                  f"{path} is not 0600")
            wav = float(subprocess.check_output(["soxi", "-D", path]))
            check(abs(wav - t["duration"]) < 0.002,
                  f"{t['file']}: WAV {wav} s, journal {t['duration']} s")
            check(abs(t["duration"] - t["timer_duration"]) <= 0.05,
                  f"{t['file']}: frames {t['duration']} s vs timer "
                  f"{t['timer_duration']} s")
            check(t["ended"], f"{t['file']} has no end time")


def check_journal(session_dir):
    with open(os.path.join(session_dir, "session.yaml")) as f:
        journal = yaml.safe_load(f)
    qs = journal["questions"]
    check(journal["finished"] is True, "journal not finished")
    check([q["id"] for q in qs] ==
          ["cache-warmup", "eval-drift", "rollout-plan"], "plan order")
    check([q["state"] for q in qs] == ["answered"] * 3,
          f"states {[q['state'] for q in qs]}")
    check([len(q["takes"]) for q in qs] == [2, 2, 1],
          f"take counts {[len(q['takes']) for q in qs]}")

    first, retake = qs[0]["takes"]
    check(first["duration"] < 2.8 and first["overtime"] == 0,
          f"finished early, yet {first}")
    check(retake["overtime"] > 0, f"the retake ran over, yet {retake}")
    check(abs(retake["timer_duration"] - 3.0 - retake["overtime"]) < 0.01,
          "overtime is not timer minus the limit")
    check(qs[1]["takes"][0]["duration"] < 2.8, "quit take too long")
    check(qs[1]["takes"][0]["file"] != qs[1]["takes"][1]["file"],
          "a retake reused a file name")

    self_view = qs[0]["assessments"]["self"]
    check(list(self_view["scores"].values()) == [4, 3, None, 5],
          f"scores {self_view['scores']}")
    check(self_view["covered"] == [1, 3], f"covered {self_view['covered']}")
    check(self_view["notes"] == "good start", f"notes {self_view['notes']}")
    check_takes(session_dir, journal)
    return journal


def check_report(report, journal):
    check(os.path.isfile(report), f"no report at {report}")
    text = open(report, encoding="utf-8").read()
    for q in journal["questions"]:
        for t in q["takes"]:
            check(t["file"] in text, f"report does not link {t['file']}")


def plain_session(binary, bank, wav, out_dir, env):
    result = subprocess.run(
        [binary, "run", "--bank", bank, "--question", "rollout-plan",
         "--think-time", "0", "--answer-time", "3", "--mic-file", wav,
         "--out", out_dir],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env=env, timeout=60)
    check(result.returncode == 0, f"plain run exit {result.returncode}")
    check(b"\x1b" not in result.stdout, "escape code in plain output")
    text = result.stdout.decode()
    check("Question 1/1: Rollout" in text, text)
    check(re.search(r"answering: 3 s", text), text)
    check(re.search(r"answer saved: recordings/01-rollout-plan-t1\.wav "
                    r"\(3\.\d s\)", text), text)
    report_line(result.stdout)


def main():
    binary, bank = sys.argv[1], sys.argv[2]
    check(os.access(binary, os.X_OK), f"no runner at {binary}")
    work = tempfile.mkdtemp(prefix="mi-e2e-")
    env = dict(os.environ, TERM="xterm-256color", HOME=work,
               XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_DATA_HOME=os.path.join(work, "data"))
    env.pop("NO_COLOR", None)
    try:
        wav = os.path.join(work, "speech.wav")
        make_speech(wav)
        out_dir = os.path.join(work, "sessions")
        report = first_session(binary, bank, wav, out_dir, env)
        session_dir = os.path.dirname(report)
        check(os.path.isfile(report), "no report after quitting")
        report = resume_session(binary, session_dir, wav, env)
        journal = check_journal(session_dir)
        check_report(report, journal)
        plain_session(binary, bank, wav, os.path.join(work, "plain"), env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
