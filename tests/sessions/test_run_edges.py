#!/usr/bin/env python3
"""The edges of run, resume and play that a first-time user runs into.

A tone made with sox is the microphone (--mic-file). Cases:

- under a pty: help opened on the intro closes when the question shows;
  while answering it leaves the clock on screen and Esc closes it; status
  messages go to the status row only; the reference is shown without
  Markdown emphasis and scrolls with PgDn; letters before the note is
  opened are not text; a pasted UTF-8 note is kept whole; skipping a
  retake keeps the question answered and the retake as an interrupted
  take; each take records its real rate;
- quitting on the intro keeps no session;
- a take cut short by the file size limit (ulimit -f) is said first, makes
  the question interrupted, and ends the run with exit 1; resuming it with
  that take's WAV broken warns on stderr, not stdout, and carries on;
- TERM=dumb, or no TERM, gets plain lines;
- with stdout piped and the reader gone, Ctrl-C still saves (no SIGPIPE);
- `resume` of a finished session names its report; `resume` or `play` of
  a missing folder says so; an unusable XDG_DATA_HOME is named.

usage: test_run_edges.py MOCKINTERVIEW BANK.yaml
"""
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import yaml

from test_e2e import ROWS, Session, check, check_terminal_restored

PAGE_DOWN = b"\x1b[6~"
ESC = b"\x1b"
NOTE = "0123456789" * 8 + " x é y 日 z"


def load_journal(session_dir):
    with open(os.path.join(session_dir, "session.yaml")) as f:
        return yaml.safe_load(f)


def sessions_in(out_dir):
    if not os.path.isdir(out_dir):
        return []
    return [os.path.join(out_dir, d) for d in sorted(os.listdir(out_dir))]


def long_reference_bank(bank, work):
    """The e2e bank with a first reference too long for the review screen."""
    with open(bank) as f:
        data = yaml.safe_load(f)
    lines = [f"- **Point {i}**: a detail worth __saying__ aloud, number {i}"
             for i in range(1, 31)]
    data["questions"][0]["reference"] = "\n".join(lines) + "\n"
    path = os.path.join(work, "long-bank.yaml")
    with open(path, "w") as f:
        yaml.safe_dump(data, f, allow_unicode=True)
    return path


def screen_since(s, mark):
    return s.out[mark:].decode("utf-8", "replace")


def help_and_status(s):
    s.send(b"?")
    s.expect(b"close this help")
    s.send(b"\r")                    # begin: help must not stay over it
    s.expect(b"READ AND THINK")
    s.pump(0.3)
    check("close this help" not in screen_since(s, s.mark),
          "help stayed open over the think screen")
    s.expect(b"take 1")
    s.send(b"?")
    s.expect(b"?/Esc close help (the clock runs on)")
    s.expect("● REC  answering  00:0".encode())
    s.send(ESC)
    s.expect(b"Enter/space finish")


def reference_scrolls(s):
    mark = s.mark
    s.expect(b"more lines: PgDn")
    text = screen_since(s, mark)
    check("Point 1: a detail worth saying aloud" in text,
          f"emphasis not stripped: {text[-800:]}")
    check("**" not in text and "__" not in text, "Markdown marks on screen")
    s.send(PAGE_DOWN)
    s.expect(b"Point 30: a detail")


def status_row_only(out):
    """Every status message sits on the row above the key bar."""
    row = f"\x1b[{ROWS - 1};1H".encode()
    at = out.find(b"answer saved")
    check(at >= 0, "no 'answer saved' message")
    while at >= 0:
        before = out[max(0, at - 20):at]
        check(row in before, f"'answer saved' off the status row: {before}")
        at = out.find(b"answer saved", at + 1)


def review_with_note_then_skip_retake(s):
    s.pump(1.0)
    s.send(b"\r")
    s.expect(b"REVIEW")
    reference_scrolls(s)
    for key in [b"1", b"\r", b"4", b"3", b"-", b"5"]:
        s.send(key, 0.1)
    s.send(b"x")
    s.expect(b"press e or Tab first")
    s.send(b"e" + NOTE.encode() + b"\r", 0.5)
    s.send(b"r")
    s.expect(b"take 2")
    s.pump(1.0)
    s.send(b"s")
    s.expect(b"Question 2/3")
    s.send(b"q")


def check_skipped_retake(session_dir):
    journal = load_journal(session_dir)
    q1 = journal["questions"][0]
    check(q1["state"] == "answered", f"state after a skipped retake: "
          f"{q1['state']}")
    check([t["interrupted"] for t in q1["takes"]] == [False, True],
          f"takes {q1['takes']}")
    check(q1["assessments"]["self"]["notes"] == NOTE,
          f"note {q1['assessments']['self']['notes']!r}")
    check(journal["options"]["rate"] == 0, "the requested rate changed")
    for t in q1["takes"]:
        wav = os.path.join(session_dir, t["file"])
        rate = int(subprocess.check_output(["soxi", "-r", wav]))
        check(t["rate"] == rate, f"take rate {t['rate']}, WAV {rate}")
    report = open(os.path.join(session_dir, "report.md")).read()
    check("1 answered" in report, "the report does not count the answer")


def full_screen_session(binary, bank, wav, out_dir, env):
    s = Session([binary, "run", "--bank", bank, "--think-time", "1",
                 "--answer-time", "3", "--mic-file", wav, "--out", out_dir],
                env)
    s.expect(b"Enter begin")
    help_and_status(s)
    review_with_note_then_skip_retake(s)
    rc = s.finish()
    check(rc == 130, f"quit should exit 130, got {rc}:\n{s.tail()}")
    check_terminal_restored(s)
    status_row_only(s.out)
    dirs = sessions_in(out_dir)
    check(len(dirs) == 1, f"sessions {dirs}")
    check_skipped_retake(dirs[0])


def quit_on_intro(binary, bank, wav, out_dir, env):
    s = Session([binary, "run", "--bank", bank, "--mic-file", wav,
                 "--out", out_dir], env)
    s.expect(b"Enter begin")
    s.send(b"q")
    rc = s.finish()
    check(rc == 130, f"quit on the intro exit {rc}")
    check(b"Nothing recorded; no session kept." in s.out, s.tail())
    check(b"Session saved" not in s.out, "an empty session was 'saved'")
    check(sessions_in(out_dir) == [], f"left {sessions_in(out_dir)}")


def quit_in_review_then_resume(binary, bank, wav, out_dir, env):
    """A review quit half-way is not lost in silence: resume points to it."""
    s = Session([binary, "run", "--bank", bank, "--count", "1",
                 "--think-time", "0", "--answer-time", "2", "--mic-file",
                 wav, "--out", out_dir], env)
    s.expect(b"Enter begin")
    s.send(b"\r")
    s.expect(b"REC")
    s.pump(1.0)
    s.send(b"\r")
    s.expect(b"REVIEW", timeout=20)
    s.send(b"q")
    rc = s.finish()
    check(rc == 130, f"quit in review exit {rc}")
    session = sessions_in(out_dir)[0]

    r = Session([binary, "resume", session, "--mic-file", wav], env)
    rc = r.finish()
    check(rc == 0, f"resume exit {rc}:\n{r.tail()}")
    check(b"Question 1 was answered but not reviewed: mockinterview "
          b"review " + session.encode() + b" 1" in r.out.replace(b"\r\n", b""),
          r.tail())


def plain_run(binary, bank, wav, out_dir, env, answer="1", **kw):
    return subprocess.run(
        [binary, "run", "--bank", bank, "--question", "rollout-plan",
         "--think-time", "0", "--answer-time", answer, "--mic-file", wav,
         "--out", out_dir], env=env, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=60, **kw)


def small_file_limit():
    resource.setrlimit(resource.RLIMIT_FSIZE, (200 * 1024, 200 * 1024))


def cut_short_by_file_limit(binary, bank, wav, out_dir, env):
    result = plain_run(binary, bank, wav, out_dir, env, answer="6",
                       preexec_fn=small_file_limit)
    check(result.returncode == 1, f"exit {result.returncode}: "
          f"{result.stdout}{result.stderr}")
    check("answer saved" not in result.stdout, result.stdout)
    check("answer cut short: recordings/01-rollout-plan-t1.wav (2.1 s): "
          "File too large" in result.stdout, result.stdout)
    check("mockinterview resume" in result.stderr, result.stderr)
    session_dir = sessions_in(out_dir)[0]
    q = load_journal(session_dir)["questions"][0]
    check(q["state"] == "interrupted" and q["takes"][0]["interrupted"],
          f"question {q['state']}, take {q['takes'][0]}")
    report = open(os.path.join(session_dir, "report.md")).read()
    check("1 interrupted" in report, "the report misses the interruption")
    return session_dir


def broken_take_warns_on_stderr(binary, session_dir, env):
    take = os.path.join(session_dir, "recordings", "01-rollout-plan-t1.wav")
    with open(take, "wb") as f:
        f.write(b"not a wav at all")
    result = subprocess.run([binary, "resume", session_dir, "--plain"],
                            env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60)
    check(result.returncode == 0, f"resume exit {result.returncode}: "
          f"{result.stdout}{result.stderr}")
    check("warning" not in result.stdout, result.stdout)
    check("warning: " in result.stderr and take in result.stderr,
          result.stderr)
    takes = load_journal(session_dir)["questions"][0]["takes"]
    check(len(takes) == 2 and takes[0]["interrupted"], f"takes {takes}")


def dumb_terminal_is_plain(binary, bank, wav, out_dir, env):
    for term in ("dumb", None):
        run_env = dict(env)
        if term:
            run_env["TERM"] = term
        else:
            run_env.pop("TERM", None)
        s = Session([binary, "run", "--bank", bank, "--question",
                     "rollout-plan", "--think-time", "0", "--answer-time",
                     "1", "--mic-file", wav, "--out", out_dir], run_env)
        rc = s.finish()
        check(rc == 0, f"TERM={term} exit {rc}: {s.tail()}")
        check(b"\x1b" not in s.out, f"TERM={term}: escape codes written")
        check(b"answer saved: recordings/01-rollout-plan-t1.wav" in s.out,
              s.tail())


def ctrl_c_with_closed_pipe(binary, bank, wav, out_dir, env):
    proc = subprocess.Popen(
        [binary, "run", "--bank", bank, "--think-time", "0",
         "--answer-time", "30", "--mic-file", wav, "--out", out_dir],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    proc.stdout.readline()
    time.sleep(1.0)
    proc.stdout.close()              # `| tee log` ended by the same Ctrl-C
    proc.send_signal(signal.SIGINT)
    rc = proc.wait(timeout=30)
    proc.stderr.close()
    check(rc == 130, f"Ctrl-C with the reader gone exit {rc}")
    journal = load_journal(sessions_in(out_dir)[0])
    check(journal["questions"][0]["takes"], "the take was not saved")


def finished_and_missing(binary, session_dir, out_dir, env):
    report = os.path.join(session_dir, "report.md")
    before = os.stat(report).st_mtime_ns
    result = subprocess.run([binary, "resume", session_dir], env=env,
                            stdin=subprocess.DEVNULL, capture_output=True,
                            text=True)
    check(result.returncode == 0, f"resume finished: {result.returncode}")
    check(f"{session_dir}: this session is finished; its report is "
          f"{report}" in result.stdout, result.stdout + result.stderr)
    check(os.stat(report).st_mtime_ns == before, "the report was rebuilt")
    for command in (["resume", "/nonexist"],
                    ["play", "/nonexist", "--out", out_dir]):
        result = subprocess.run([binary] + command, env=env,
                                stdin=subprocess.DEVNULL,
                                capture_output=True, text=True)
        check(result.returncode == 2, f"{command}: exit {result.returncode}")
        check("mockinterview: /nonexist: no such session folder\n" ==
              result.stderr, f"{command}: {result.stderr!r}")


def unusable_data_home(binary, bank, wav, work, env):
    bad = os.path.join(work, "file-not-folder")
    open(bad, "w").close()
    result = subprocess.run(
        [binary, "run", "--bank", bank, "--question", "rollout-plan",
         "--mic-file", wav], env=dict(env, XDG_DATA_HOME=bad),
        stdin=subprocess.DEVNULL, capture_output=True, text=True)
    check(result.returncode == 1, f"exit {result.returncode}")
    check(f"{bad}/mockinterview/sessions: cannot create the sessions "
          "folder" in result.stderr and "--out DIR" in result.stderr,
          result.stderr)


def main():
    binary, bank = sys.argv[1], sys.argv[2]
    check(os.access(binary, os.X_OK), f"no runner at {binary}")
    work = tempfile.mkdtemp(prefix="mi-edges-")
    env = dict(os.environ, TERM="xterm-256color", HOME=work,
               XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_DATA_HOME=os.path.join(work, "data"))
    env.pop("NO_COLOR", None)
    try:
        wav = os.path.join(work, "tone.wav")
        subprocess.run(["sox", "-n", "-r", "48000", "-c", "1", "-b", "16",
                        wav, "synth", "40", "sine", "440", "vol", "0.3"],
                       check=True)

        def out(name):
            return os.path.join(work, name)

        full_screen_session(binary, long_reference_bank(bank, work), wav,
                            out("full"), env)
        quit_on_intro(binary, bank, wav, out("intro"), env)
        quit_in_review_then_resume(binary, bank, wav, out("review"), env)
        limited = cut_short_by_file_limit(binary, bank, wav, out("limit"),
                                          env)
        broken_take_warns_on_stderr(binary, limited, env)
        dumb_terminal_is_plain(binary, bank, wav, out("dumb"), env)
        ctrl_c_with_closed_pipe(binary, bank, wav, out("pipe"), env)
        finished_and_missing(binary, sessions_in(out("dumb"))[0],
                             out("dumb"), env)
        unusable_data_home(binary, bank, wav, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
