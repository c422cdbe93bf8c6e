"""Run folders, their status, the leaderboard, the event stream, and target offsets."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

from tsa_registry.training import events
from tsa_registry.training.leaderboard import leaderboard
from tsa_registry.training.plan import TrainRequest
from tsa_registry.training.predict import _TOKEN, _targets
from tsa_registry.training.runs import RunError, create_run, list_runs, open_run


def request(model="xlm-roberta-base", **changes):
    values = dict(model=model, family="xlmroberta", model_type="xlmroberta", train="/d/train.conll",
                  dev="/d/dev.conll", epochs=3, batch_size=32, learning_rate=5e-5)
    return TrainRequest(**{**values, **changes})


def test_a_new_run_is_named_after_its_model_and_found_by_name(home):
    run = create_run(request("NbAiLab/nb-bert-base"))
    assert run.path.parent == home / "data" / "runs"
    assert run.name.endswith("-nb-bert-base")
    assert open_run(run.name).path == run.path
    assert run.request() == request("NbAiLab/nb-bert-base")
    assert create_run(request("NbAiLab/nb-bert-base")).path != run.path  # same second: a new name


def test_output_folder_must_be_new_or_empty(tmp_path, home):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "file").write_text("x")
    with pytest.raises(RunError, match="exists and is not empty"):
        create_run(request(), tmp_path / "old")
    assert create_run(request(), tmp_path / "new").path == tmp_path / "new"


def test_unknown_run(home):
    with pytest.raises(RunError, match="no run 'nope'"):
        open_run("nope")


def test_a_run_kept_elsewhere_is_listed_and_found_by_name(tmp_path, home):
    run = create_run(request(), tmp_path / "elsewhere" / "mine")
    again = create_run(request(), tmp_path / "other" / "mine")
    assert [r.name for r in list_runs()] == ["mine", "mine-2"]
    assert open_run("mine").path.resolve() == run.path
    assert open_run("mine-2").path.resolve() == again.path
    rows = leaderboard()
    assert sorted(r["path"] for r in rows) == sorted(str(p.path) for p in (run, again))
    import shutil

    shutil.rmtree(again.path)  # a run deleted by hand drops out of the list
    assert [r.name for r in list_runs()] == ["mine"]


def test_a_running_run_whose_process_is_gone_counts_as_failed(tmp_path, home):
    run = create_run(request(), tmp_path / "run")
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    run.set_status("running")
    assert run.effective_status()[0] == "running"  # this process is alive
    status = run.status()
    status["pid"] = int(finished.stdout)  # a process that has ended
    run.file("status.json").write_text(json.dumps(status))
    state, message = run.effective_status()
    assert state == "failed" and "ended without a word" in message


def test_leaderboard_sorts_by_dev_f1_and_shows_the_published_reference(home, registry):
    done = create_run(request("xlm-roberta-base"))
    done.write_metrics({"dev": {"f1": 0.41}, "test": {"f1": 0.39}, "epochs_done": 3,
                        "best_epoch": 2, "duration": 61.0})
    done.set_status("complete")
    better = create_run(request("/models/mine"))
    better.write_metrics({"dev": {"f1": 0.52}, "test": None, "epochs_done": 1, "best_epoch": 1})
    better.set_status("cancelled", "cancelled on request")
    empty = create_run(request("xlm-roberta-base"))
    empty.set_status("failed", "boom")

    rows = leaderboard(registry=registry)
    assert [r["run"] for r in rows] == [better.name, done.name, empty.name]
    assert [r["status"] for r in rows] == ["cancelled", "complete", "failed"]
    assert rows[1]["reference_f1"] == pytest.approx(0.494)  # NorBench: XLM-R base 49.4
    assert rows[0]["reference_f1"] is None
    assert rows[1]["epochs"] == {"done": 3, "of": 3} and rows[1]["test_f1"] == 0.39
    assert len(list_runs()) == 3


def test_events_round_trip_through_json_lines():
    for event in [
        events.Progress(step=3, total_steps=10, epoch=1, loss=0.5, learning_rate=1e-5,
                        sentences_per_second=12.0, elapsed=1.0, eta=2.0, time=0.0),
        events.Warning(code="too-long", message="æøå", time=0.0),
        events.Done(run="r", best_epoch=2, dev_f1=0.5, test_f1=None, duration=3.0, time=0.0),
    ]:
        line = events.encode(event)
        assert json.loads(line)["event"] == event.kind
        assert events.decode(line) == event
    with pytest.raises(ValueError, match="not an event"):
        events.decode('{"event": "nonsense"}')
    assert {f.name for f in dataclasses.fields(events.Started)} >= {"total_steps", "batch_size"}


def test_targets_carry_character_offsets_into_the_original_text():
    text = "Filmen var flott, men lyden i salen var dårlig."
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    assert [t for t, _, _ in tokens] == ["Filmen", "var", "flott", ",", "men", "lyden", "i", "salen",
                                         "var", "dårlig", "."]
    tags = ["B-targ-Positive", "O", "O", "O", "O", "B-targ-Negative", "I-targ-Negative",
            "I-targ-Negative", "O", "O", "O"]
    found = _targets(text, tokens, tags)
    assert [(t.text, t.polarity, t.start, t.end) for t in found] == [
        ("Filmen", "Positive", 0, 6), ("lyden i salen", "Negative", 22, 35)]
