#!/usr/bin/env python3
"""`mockinterview run --partner`: a partner plays interviewer.

A plain run records `partner: true` in the journal's options. A run under a
pty (a speech WAV from espeak-ng as the microphone, 3 s answers) shows the
key points while the candidate answers, labels the review "Partner
review", and stores what is ticked and scored under `partner:`, with no
`self:` view at all.

usage: test_partner.py MOCKINTERVIEW BANK.yaml
"""
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

from test_e2e import (Session, check, check_terminal_restored, make_speech,
                      report_line)

ENTER = b"\r"


def load_journal(session_dir):
    with open(os.path.join(session_dir, "session.yaml")) as f:
        return yaml.safe_load(f)


def plain_run_records_partner(binary, bank, wav, out_dir, env):
    result = subprocess.run(
        [binary, "run", "--bank", bank, "--question", "rollout-plan",
         "--think-time", "0", "--answer-time", "2", "--mic-file", wav,
         "--out", out_dir, "--partner"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env=env, timeout=60)
    check(result.returncode == 0,
          f"plain run exit {result.returncode}: {result.stdout.decode()}")
    session_dir = os.path.dirname(report_line(result.stdout))
    journal = load_journal(session_dir)
    check(journal["options"]["partner"] is True,
          f"options {journal['options']}")


def partner_reviews(binary, bank, wav, out_dir, env):
    s = Session([binary, "run", "--bank", bank, "--question", "cache-warmup",
                 "--think-time", "0", "--answer-time", "3", "--mic-file",
                 wav, "--out", out_dir, "--partner"], env)
    s.expect(b"Partner mode")
    s.send(ENTER)
    s.expect(b"take 1")
    s.expect(b"Key points to listen for")
    s.expect(b"Send synthetic requests that touch the hot paths")
    s.pump(1.0)
    s.send(ENTER)
    s.expect(b"Partner review")
    for key in [b"2", ENTER, b"3", b"4", b"-", b"2"]:
        s.send(key, 0.1)
    s.send(b"ewarm-up missed\r")    # e opens the note
    s.send(b"n")
    rc = s.finish()
    check(rc == 0, f"partner run exit {rc}:\n{s.tail()}")
    check_terminal_restored(s)

    session_dir = os.path.dirname(report_line(s.out))
    journal = load_journal(session_dir)
    check(journal["options"]["partner"] is True, "partner not recorded")
    views = journal["questions"][0]["assessments"]
    check(list(views) == ["partner"], f"assessments {list(views)}")
    partner = views["partner"]
    check(list(partner["scores"].values()) == [3, 4, None, 2],
          f"scores {partner['scores']}")
    check(partner["covered"] == [2], f"covered {partner['covered']}")
    check(partner["notes"] == "warm-up missed", f"notes {partner['notes']}")
    report = open(os.path.join(session_dir, "report.md"),
                  encoding="utf-8").read()
    check("partner" in report, "the report does not name the partner")


def main():
    binary, bank = sys.argv[1], sys.argv[2]
    check(os.access(binary, os.X_OK), f"no runner at {binary}")
    work = tempfile.mkdtemp(prefix="mi-partner-")
    env = dict(os.environ, TERM="xterm-256color", HOME=work,
               XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_DATA_HOME=os.path.join(work, "data"))
    env.pop("NO_COLOR", None)
    try:
        wav = os.path.join(work, "speech.wav")
        make_speech(wav)
        plain_run_records_partner(binary, bank, wav,
                                  os.path.join(work, "plain"), env)
        partner_reviews(binary, bank, wav, os.path.join(work, "pty"), env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
