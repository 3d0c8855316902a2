#!/usr/bin/env python3
"""`mockinterview review` on copies of a fixture session.

Each case copies tests/sessions/data/complete into a scratch folder and
gives its takes empty but valid WAVs (sox). Playback goes to the virtual
speaker of scripts/virtual-mic.sh, so no sound card is needed. Cases:

- under a pty, a score and a tick changed from the pre-filled "self" view
  are saved as `review:` and the rebuilt report.md counts them, the same
  bytes `mockinterview report` writes;
- `--as partner` writes `partner:`, between `self:` and `review:`, and
  says when no output device can play;
- plain mode prints every question's scores, asks nothing, writes nothing;
- a session locked by another process is refused, naming its pid;
- `play` stopped with q ends with exit 0 and no error line, with Ctrl-C
  with exit 130;
- at 80x24, a question with a long reference and six key points still
  shows every point, the scores (wrapped between dimensions) and the note
  being typed; Esc in the note undoes only that edit; a cut prompt ends
  with "…"; no row is wider than the window.

usage: test_review.py MOCKINTERVIEW FIXTURE_DIR VIRTUAL_MIC_SH
"""
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

from test_e2e import Session, check, check_terminal_restored, report_line

ENTER = b"\r"
RIGHT = b"\x1b[C"


def load_journal(session_dir):
    with open(os.path.join(session_dir, "session.yaml")) as f:
        return yaml.safe_load(f)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def make_session(fixture, work, name, seconds=0):
    """A copy of the fixture whose takes are valid WAVs of silence."""
    session_dir = os.path.join(work, name)
    shutil.copytree(fixture, session_dir)
    os.makedirs(os.path.join(session_dir, "recordings"), exist_ok=True)
    for q in load_journal(session_dir)["questions"]:
        for t in q["takes"] or []:
            subprocess.run(["sox", "-n", "-r", "48000", "-c", "1", "-b", "16",
                            os.path.join(session_dir, t["file"]),
                            "trim", "0", str(seconds)], check=True)
    return session_dir


def virtual_speaker(script, work, env):
    """Runs virtual-mic.sh; returns its folder, with its exports in env."""
    source = os.path.join(work, "silence.wav")
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16",
                    source, "trim", "0", "1"], check=True)
    out = subprocess.check_output(["bash", script, source, "16000"],
                                  env=env, text=True)
    for line in out.splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export "):].partition("=")
            env[key] = value.strip("'\"")
    check("ALSA_CONFIG_PATH" in env, f"no ALSA config from {script}")
    return env["VMIC_DIR"]


def summary_row(report, number):
    for line in open(report, encoding="utf-8"):
        if line.startswith(f"| {number} |"):
            return line
    return ""


def review_adjusts_scores(binary, session_dir, env):
    before = load_journal(session_dir)["questions"][0]["assessments"]
    s = Session([binary, "review", session_dir], env)
    s.expect(b"started from 'self'")
    s.expect(b"take 2 of 2")
    s.send(b"t")                     # an earlier take, then back
    s.expect(b"take 1 of 2")
    s.send(b" ")
    s.send(RIGHT)
    s.send(b"t")
    s.expect(b"take 2 of 2")
    # Tick point 2, raise system thinking to 5, keep the rest and the note
    # (the fourth score ends the sheet; the note is only opened with e).
    for key in [b"2", ENTER, b"5", ENTER, ENTER, ENTER]:
        s.send(key, 0.1)
    s.expect(b"Enter/n save+next")
    s.send(ENTER)
    s.expect(b"Question 3/3")
    s.expect(b"saved question 1 as 'review'")
    s.send(b"q")
    rc = s.finish()
    check(rc == 0, f"review should exit 0, got {rc}:\n{s.tail()}")
    check_terminal_restored(s)
    report = report_line(s.out)
    check(report == os.path.join(session_dir, "report.md"),
          f"report at {report}")

    qs = load_journal(session_dir)["questions"]
    views = qs[0]["assessments"]
    check(list(views) == ["self", "review"], f"assessments {list(views)}")
    check(views["self"] == before["self"], "the self view was changed")
    review = views["review"]
    check(list(review["scores"].values()) == [5, 3, None, 5],
          f"review scores {review['scores']}")
    check(review["covered"] == [1, 2, 3], f"covered {review['covered']}")
    check(review["notes"] == "Forgot | recall at first",
          f"notes {review['notes']}")
    check(qs[2]["assessments"] == {}, "an untouched question was stored")

    row = summary_row(report, 1)
    check("| 3/3 | 4.3 |" in row, f"summary does not count the review: {row}")
    return report


def report_is_rebuilt_the_same(binary, session_dir, report, env):
    written = read_bytes(report)
    result = subprocess.run([binary, "report", session_dir], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    check(result.returncode == 0, result.stdout.decode())
    check(read_bytes(report) == written,
          "review's report differs from `mockinterview report`")


def review_as_partner(binary, session_dir, env):
    s = Session([binary, "review", session_dir, "rag-eval", "--as",
                 "partner", "--device", "virtmic"], env)
    s.expect(b"Partner review")
    s.expect(b"saved as 'partner'")
    s.expect(b"started from 'review'")
    s.expect(b"no playback")
    for key in [ENTER, b"2"]:
        s.send(key, 0.1)
    s.send(b"n")
    rc = s.finish()
    check(rc == 0, f"review --as partner exit {rc}:\n{s.tail()}")
    check_terminal_restored(s)

    views = load_journal(session_dir)["questions"][0]["assessments"]
    check(list(views) == ["self", "partner", "review"],
          f"assessments in order {list(views)}")
    partner = views["partner"]
    check(list(partner["scores"].values()) == [2, 3, None, 5],
          f"partner scores {partner['scores']}")
    check(partner["covered"] == [1, 2, 3], f"covered {partner['covered']}")
    row = summary_row(os.path.join(session_dir, "report.md"), 1)
    check("| 4.3 |" in row, f"the review no longer counts: {row}")


def plain_prints_scores(binary, session_dir, env):
    journal = read_bytes(os.path.join(session_dir, "session.yaml"))
    for extra in (["--plain"], []):
        result = subprocess.run(
            [binary, "review", session_dir] + extra, env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, timeout=30)
        out = result.stdout.decode()
        check(result.returncode == 0,
              f"plain review exit {result.returncode}: {result.stderr}")
        check(b"\x1b" not in result.stdout, "escape code in plain output")
        check("Question 1/3: Evaluation (rag-eval), answered, 2 takes" in out,
              out)
        check("  self: System thinking 4, Trade-off awareness 3, "
              "Practical judgment -, Communication 5; key points 2/3; "
              "note: Forgot | recall at first" in out, out)
        check("Question 3/3: Monitoring (drift)" in out, out)
        check("not assessed" in out, out)
        check("Question 2/3" not in out, "a question without takes listed")
    check(read_bytes(os.path.join(session_dir, "session.yaml")) == journal,
          "plain mode wrote the journal")
    check(not os.path.exists(os.path.join(session_dir, "report.md")),
          "plain mode wrote a report")


def locked_session_is_refused(binary, session_dir, env):
    journal = read_bytes(os.path.join(session_dir, "session.yaml"))
    fd = os.open(os.path.join(session_dir, ".lock"), os.O_RDWR | os.O_CREAT,
                 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, f"{os.getpid()}\n".encode())
        s = Session([binary, "review", session_dir], env)
        rc = s.finish()
    finally:
        os.close(fd)
    check(rc == 1, f"a locked session should exit 1, got {rc}")
    check(f"in use by process {os.getpid()}".encode() in s.out,
          f"no pid in: {s.tail()}")
    check(s.after == s.before, "terminal modes changed")
    check(read_bytes(os.path.join(session_dir, "session.yaml")) == journal,
          "a locked session was written")


def usage_errors(binary, session_dir, env):
    result = subprocess.run([binary, "review", session_dir, "--as", "boss"],
                            env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    check(result.returncode == 2, f"--as boss exit {result.returncode}")
    check("--as takes self, partner or review, not 'boss'" in result.stderr,
          result.stderr)
    result = subprocess.run([binary, "review", session_dir, "cost-cap-x"],
                            env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    check(result.returncode == 2 and "no question 'cost-cap-x'" in
          result.stderr, result.stderr)


def play_stops_cleanly(binary, session_dir, env):
    for key, expected in ((b"q", 0), (b"\x03", 130)):
        s = Session([binary, "play", session_dir], env)
        s.expect(b"mockinterview play")
        s.send(key)
        rc = s.finish()
        check(rc == expected, f"play stopped with {key!r}: exit {rc}")
        check_terminal_restored(s)
        if expected == 0:
            check(b"mockinterview:" not in s.out, f"error line: {s.tail()}")


def crowded_question(session_dir):
    """Question 1 gets a long reference, six long points and a long prompt."""
    path = os.path.join(session_dir, "session.yaml")
    journal = load_journal(session_dir)
    q = journal["questions"][0]
    q["reference"] = "\n\n".join(
        f"Paragraph {i}: compare answers with and without retrieval on a "
        f"fixed set, and grade each one for faithfulness." for i in range(12))
    q["key_points"] = [f"Key point {i} that is long enough to need cutting "
                       f"at the edge of an eighty column window, surely"
                       for i in range(1, 7)]
    q["prompt"] = " ".join(["How would you tell whether retrieval helps?"] * 6)
    q["assessments"]["self"]["covered"] = [1, 3]
    with open(path, "w") as f:
        yaml.safe_dump(journal, f, sort_keys=False)


def screen_rows(out):
    """The rows a frame writes: cursor moves split, escape codes dropped."""
    text = out.decode("utf-8", "replace")
    text = re.sub(r"\x1b\[[0-9;]*H", "\n", text)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    return re.split(r"\r?\n", text)


def review_fits_80x24(binary, session_dir, env):
    crowded_question(session_dir)
    s = Session([binary, "review", session_dir, "1"], env, rows=24, cols=80)
    s.expect(b"started from 'self'")
    s.expect(b"Scores")
    s.expect(b"Communication: 5")
    s.expect(b"Note")
    s.expect(b"Forgot | recall at first")
    s.send(b"e")
    s.send(b" zq")
    s.expect(b"zq\xe2\x96\x88")        # the typed text, at the cursor
    s.send(b"\x1b", 0.5)               # Esc: undo the edit, keep the note
    s.expect(b"Forgot | recall at first")
    out = s.out
    s.send(b"q")
    rc = s.finish()
    check(rc == 0, f"review at 80x24 exit {rc}:\n{s.tail()}")
    check_terminal_restored(s)
    check("6 [ ] Key point 6" in out.decode("utf-8", "replace"),
          "the key points lost rows to the reference")
    check(re.search(r"\x1b\[1m[^\n]*helps\?[^\n]*…\x1b\[0m",
                    out.decode("utf-8", "replace")) is not None,
          "the cut prompt does not end with an ellipsis")
    check("Commu\r\n" not in out.decode("utf-8", "replace"),
          "the scores line was split inside a word")
    wide = [row for row in screen_rows(out) if len(row) > 80]
    check(not wide, f"rows wider than 80 columns: {wide[:2]}")
    notes = load_journal(session_dir)["questions"][0]["assessments"]
    check("review" not in notes, "Esc and q stored an untouched sheet")


def main():
    binary, fixture, vmic = sys.argv[1], sys.argv[2], sys.argv[3]
    check(os.access(binary, os.X_OK), f"no runner at {binary}")
    work = tempfile.mkdtemp(prefix="mi-review-")
    env = dict(os.environ, TERM="xterm-256color", HOME=work,
               XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_DATA_HOME=os.path.join(work, "data"))
    env.pop("NO_COLOR", None)
    speaker = None
    try:
        speaker = virtual_speaker(vmic, work, env)
        adjusted = make_session(fixture, work, "adjusted")
        report = review_adjusts_scores(binary, adjusted, env)
        report_is_rebuilt_the_same(binary, adjusted, report, env)
        review_as_partner(binary, adjusted, env)
        plain_prints_scores(binary, make_session(fixture, work, "plain"), env)
        locked = make_session(fixture, work, "locked")
        locked_session_is_refused(binary, locked, env)
        usage_errors(binary, locked, env)
        play_stops_cleanly(binary, make_session(fixture, work, "play", 5),
                           env)
        review_fits_80x24(binary, make_session(fixture, work, "crowded"),
                          env)
    finally:
        if speaker:
            subprocess.run(["bash", vmic, "--stop", speaker],
                           stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
