"""The commands print their own output only: no library's progress bars, LOAD REPORT tables or
ANSI codes in the report, the JSON or the errors; our progress on stderr, on a terminal only.

Each command runs in a process of its own, started without the test suite's own quieting
variables (tests/support/env.py), as a user's shell would start it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

from tsa_registry.quiet import LIBRARY_QUIET

# What the libraries write when left alone (seen from `check --deep` before they were quieted).
NOISE = ("LOAD REPORT", "Fetching", "Loading weights", "Writing model shards", "it/s]", "%|", "\x1b[")


def user_process(*args: str, **streams) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in LIBRARY_QUIET}
    return subprocess.run([sys.executable, "-m", "tsa_registry", *args], env=env, text=True,
                          **(streams or {"capture_output": True}))


def assert_quiet(text: str) -> None:
    assert not [noise for noise in NOISE if noise in text], text


def test_deep_check_prints_json_and_nothing_of_the_libraries(hub):
    done = user_process("check", hub.model("bert-cased"), "--deep", "--json")
    report = json.loads(done.stdout)  # the whole of stdout is the JSON
    assert done.returncode == report["exit_code"] == 0
    assert report["deep"]["passed"] is True  # the libraries were quiet, not skipped
    assert_quiet(done.stdout)
    assert_quiet(done.stderr)
    assert done.stderr == ""


def test_check_prints_its_report_without_download_bars(hub):
    done = user_process("check", hub.model("bert-uncased"))
    assert done.returncode == 10 and "Verdict: compatible-with-settings" in done.stdout
    assert_quiet(done.stdout)
    assert done.stderr == ""


def test_our_progress_goes_to_stderr_when_it_is_a_terminal(hub):
    leader, follower = os.openpty()
    drawn: list[bytes] = []
    reader = threading.Thread(target=_read_all, args=(leader, drawn))
    reader.start()
    try:
        done = user_process("check", hub.model("bert-cased"), stdout=subprocess.PIPE, stderr=follower)
    finally:
        os.close(follower)
        reader.join(timeout=10)
        os.close(leader)
    terminal = b"".join(drawn).decode("utf-8", "replace")
    assert done.returncode == 0 and "Verdict: compatible" in done.stdout
    assert_quiet(done.stdout)  # the spinner never reaches stdout
    assert "Reading tsa-test/bert-cased on the Hub" in terminal or "Checking" in terminal, terminal
    assert "LOAD REPORT" not in terminal and "Fetching" not in terminal


def test_tiny_model_prints_one_line(tmp_path):
    done = user_process("tiny-model", str(tmp_path / "tiny"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"Wrote a tiny bert model with random weights to {tmp_path / 'tiny'}"]
    assert done.stderr == ""


def _read_all(fd: int, into: list[bytes]) -> None:
    """Drain a terminal as it is written (a full one would block the writer)."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end is closed: all is read
            return
        if not chunk:
            return
        into.append(chunk)


def test_train_piped_prints_its_lines_and_no_progress_bar(tiny_models, tsa_data, user_home, tmp_path):
    done = user_process("train", str(tiny_models.get("bert")), "--train", str(tsa_data.train),
                        "--dev", str(tsa_data.dev), "--epochs", "1", "--batch-size", "32",
                        "--output", str(tmp_path / "run"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Training ") and "96 sentences" in lines[0]
    assert lines[1].startswith("epoch 1: dev F1 ") and lines[-1].startswith("Done: best epoch 1")
    assert "━" not in done.stdout and "starting" not in done.stdout  # the bar is for a terminal
    assert_quiet(done.stdout)
    assert_quiet(done.stderr)
