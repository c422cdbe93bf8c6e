"""The commands' tables in a narrow terminal and their words: ids cut from the middle so rows stay
apart, numbers kept whole, F1 in percent with one decimal, counts in the singular for one, and
`list`'s options as a user types them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main
from tsa_registry.formatting import counted, shorten_end, shorten_middle
from tsa_registry.training.request import TrainRequest
from tsa_registry.training.runs import create_run

RUN_NAMES = ["20261203-101500-nb-bert-base", "20261203-101500-nb-bert-large",
             "20261203-101500-xlm-roberta-base"]


@pytest.mark.parametrize("width", [1, 2, 5, 9, 16, 27, 28, 40])
def test_shorten_middle_keeps_the_start_and_more_of_the_end(width):
    text = RUN_NAMES[0]
    short = shorten_middle(text, width)
    assert len(short) == min(width, len(text))
    if width >= len(text):
        assert short == text
    elif width > 1:
        head, _, tail = short.partition("…")
        assert text.startswith(head) and text.endswith(tail) and len(tail) >= len(head)


@pytest.mark.parametrize("width", [0, 1, 2, 9, 27, 28, 40])
def test_shorten_end_keeps_the_start(width):
    text = RUN_NAMES[0]
    short = shorten_end(text, width)
    assert len(short) == min(width, len(text)) and text.startswith(short.rstrip("…"))
    assert short.endswith("…") == (0 < width < len(text))


def test_names_that_start_alike_stay_apart_when_shortened():
    assert len({shorten_middle(name, 14) for name in RUN_NAMES}) == len(RUN_NAMES)
    assert len({name[:13] + "…" for name in RUN_NAMES}) == 1  # what cutting the end would show


@pytest.mark.parametrize("count, noun, plural, words", [
    (1, "run", "", "1 run"), (2, "run", "", "2 runs"), (0, "epoch", "", "0 epochs"),
    (1, "family", "families", "1 family"), (3, "family", "families", "3 families")])
def test_counted(count, noun, plural, words):
    assert counted(count, noun, plural) == words


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def in_terminal(*args: str, columns: int) -> str:
    """The command's output in a terminal `columns` wide, as its user sees it (colours removed)."""
    leader, follower = os.openpty()
    seen: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(leader, seen))
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "tsa_registry", *args], stdout=follower,
                              stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": str(columns)})
    finally:
        os.close(follower)
        reader.join(timeout=10)
        os.close(leader)
    assert done.returncode == 0, done.stderr
    text = b"".join(seen).decode("utf-8").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def _drain(fd: int, into: list[bytes]) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        into.append(chunk)


def table_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


def test_runs_in_a_narrow_terminal_keep_their_names_apart_and_f1_whole(user_home):
    for name, f1 in zip(RUN_NAMES, (0.4123, 0.5, 0.48)):
        run = create_run(TrainRequest(model=name[16:], family="bert", model_type="bert",
                                      train="/d/norec_tsa_train.conll", dev="/d/dev.conll", epochs=1,
                                      batch_size=32, learning_rate=5e-5),
                         user_home / "data" / "runs" / name)
        run.write_metrics({"dev": {"f1": f1}, "test": None, "epochs_done": 1, "best_epoch": 1})
        run.set_status("complete")
    out = in_terminal("runs", columns=80)
    assert all(len(line) <= 80 for line in table_lines(out)), out
    rows = [line for line in table_lines(out) if "complete" in line]
    shown = [line.split()[0] for line in rows]
    assert len(rows) == 3 and len(set(shown)) == 3 and all("…" in name for name in shown), out
    assert {"41.2", "50.0", "48.0"} <= set(re.findall(r"\d+\.\d+", out))  # percent, one decimal
    assert "F1 in %" in out


def test_list_at_80_columns_keeps_every_column_and_distinct_ids():
    out = in_terminal("list", columns=80)
    lines = table_lines(out)
    assert all(len(line) <= 80 for line in lines[:-1]), out  # the closing note may wrap
    header = lines[0].split()
    assert header[:4] == ["id", "family", "model_type", "languages"] or "model_t…" in header
    assert lines[0].rstrip().endswith(("TSA F1 %", "other task"))
    ids = [line.split()[0] for line in lines[1:-1]]
    assert len(set(ids)) == len(ids)
    xlmr = next(line for line in lines if " 278M " in line and "verified" in line)  # xlm-roberta-base
    assert xlmr.split()[-1] == "49.4"  # NorBench's 49.4, in percent with one decimal


@pytest.mark.parametrize("name, code", [("norwegian", "no"), ("Norwegian", "no"), ("norsk", "no"),
                                        ("Bokmål", "nb"), ("bokmal", "nb"), ("NYNORSK", "nn")])
def test_list_language_takes_names(name, code):
    by_name = json.loads(invoke("list", "--json", "--language", name))
    by_code = json.loads(invoke("list", "--json", "--language", code))
    assert by_name and [row["id"] for row in by_name] == [row["id"] for row in by_code]


def test_list_language_that_matches_nothing_names_the_catalogues_languages():
    result = CliRunner().invoke(main, ["list", "--language", "klingon"])
    assert result.exit_code == 0
    assert "No model covers language 'klingon'" in result.stderr and "nb: Bokmål" in result.stderr


def test_list_options_take_any_case():
    assert invoke("list", "--json", "--sort", "F1") == invoke("list", "--json", "--sort", "f1")
    assert invoke("list", "--json", "--status", "Verified") == invoke("list", "--json", "--status", "verified")


def test_one_sentence_is_one_sentence(tmp_path):
    gold = tmp_path / "gold.conll"
    gold.write_text("Filmen\tB-targ-Positive\nvar\tO\nflott\tO\n", encoding="utf-8")
    out = invoke("score", str(gold), str(gold))
    assert "1 sentence, 1 gold and 1 predicted target:" in out
