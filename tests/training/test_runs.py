"""Run folders, their status, the leaderboard, the event stream, and target offsets."""

from __future__ import annotations

import json
import subprocess
import sys

import msgspec
import pytest

from tsa_registry.sweeps.plan import task_key
from tsa_registry.training import events
from tsa_registry.training.leaderboard import EpochsDone, leaderboard
from tsa_registry.training.request import TrainRequest
from tsa_registry.training.runs import Run, RunError, create_run, list_runs, model_slug, open_run
from tsa_registry.training.worker.predict import _TOKEN, _targets


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
    assert sorted(r.path for r in rows) == sorted(str(p.path) for p in (run, again))
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
    assert [r.run for r in rows] == [better.name, done.name, empty.name]
    assert [r.status for r in rows] == ["cancelled", "complete", "failed"]
    assert rows[1].reference_f1 == pytest.approx(0.494)  # NorBench: XLM-R base 49.4
    assert rows[0].reference_f1 is None
    assert rows[1].epochs == EpochsDone(done=3, of=3) and rows[1].test_f1 == 0.39
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
    assert {f.name for f in msgspec.structs.fields(events.Started)} >= {"total_steps", "batch_size"}


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


@pytest.mark.parametrize(("name", "content", "why"), [
    ("status.json", b"[1]", "status.json is unreadable: it holds [1], not a JSON object"),
    ("status.json", b"\xff\xfe\x00", "status.json is unreadable (UnicodeDecodeError"),
    ("metrics.json", b'"str"', 'metrics.json is unreadable: it holds "str", not a JSON object'),
])
def test_a_damaged_run_is_listed_as_unreadable_beside_the_others(home, name, content, why):
    from click.testing import CliRunner

    from tsa_registry.cli import main

    good, damaged = create_run(request("xlm-roberta-base")), create_run(request("NbAiLab/nb-bert-base"))
    for run in (good, damaged):
        run.release()
    damaged.file(name).write_bytes(content)
    result = CliRunner().invoke(main, ["runs", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["run"]: row for row in json.loads(result.stdout)}
    assert rows[good.name]["status"] == "running" and rows[good.name]["model"] == "xlm-roberta-base"
    assert rows[damaged.name]["status"] == "unreadable"
    assert why in rows[damaged.name]["message"] and str(damaged.path) in rows[damaged.name]["message"]
    table = CliRunner().invoke(main, ["runs"])
    assert table.exit_code == 0 and "unreadable" in table.stdout


def test_an_output_folder_deleted_and_made_again_is_listed_once(tmp_path, home):
    import shutil

    first = create_run(request(), tmp_path / "out")
    first.release()
    shutil.rmtree(first.path)
    again = create_run(request(), tmp_path / "out")
    again.release()
    assert [r.name for r in list_runs()] == ["out"]
    assert [row.path for row in leaderboard()] == [str(again.path)]


def test_a_run_name_over_255_bytes_is_a_message(home):
    from click.testing import CliRunner

    from tsa_registry.cli import main

    with pytest.raises(RunError, match="name longer than the system allows: 255 bytes"):
        open_run("r" * 300)
    result = CliRunner().invoke(main, ["predict", "ø" * 200, "Filmen var flott"])
    assert result.exit_code == 2 and "name longer than the system allows" in result.stderr
    assert "Traceback" not in result.output


def test_a_model_id_over_255_bytes_gets_a_run_name_that_fits(home):
    run = create_run(request("someone/" + "m" * 300))
    run.release()
    assert len(run.name.encode()) <= 255 and run.name.endswith("m")


def test_two_resumes_at_once_one_runs_and_the_other_is_told(trained_run, tmp_path, home):
    """`train --resume RUN` twice at the same moment: one training process, one clear message;
    a training process started by hand on the run is refused too and leaves its status alone."""
    import shutil
    import threading

    from tsa_registry.training.process import TrainingProcess, resume_training

    run = Run(shutil.copytree(trained_run.path, tmp_path / "run"))
    run.set_status("cancelled", "stopped on request")
    results: list = []
    barrier = threading.Barrier(2)

    def resume():
        barrier.wait()
        try:
            results.append(resume_training(open_run(str(run.path))))
        except RunError as err:
            results.append(err)

    threads = [threading.Thread(target=resume) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    started = [r for r in results if isinstance(r, TrainingProcess)]
    refused = [r for r in results if isinstance(r, RunError)]
    assert len(started) == 1 and len(refused) == 1, results
    assert f"run {run.name} is being trained by another process right now" in str(refused[0])
    try:
        by_hand = subprocess.run([sys.executable, "-m", "tsa_registry.training.worker", "--",
                                  str(run.path)], capture_output=True, text=True, timeout=120)
        assert by_hand.returncode == 2 and "being trained by another process" in by_hand.stderr
        assert isinstance(events.decode(by_hand.stdout.splitlines()[-1]), events.Failed)
        assert run.status()["pid"] == started[0].pid  # the running process's record, untouched
    finally:
        started[0].cancel()
    assert started[0].popen.returncode is not None
    again = resume_training(run)  # the lock went with the process
    again.cancel()


def _make_run(barrier, output, results) -> None:
    """One `train --output OUTPUT` making its run folder, in a process of its own."""
    barrier.wait()
    try:
        create_run(request(), output).release()
        results.put("made")
    except RunError as err:
        results.put(str(err))


def test_two_runs_made_at_once_in_one_output_folder_one_is_refused(tmp_path, home):
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(4), context.Queue()
    processes = [context.Process(target=_make_run, args=(barrier, tmp_path / "out", results))
                 for _ in range(4)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert outcomes.count("made") == 1, outcomes
    assert all("being trained by another process" in o or "exists and is not empty" in o
               for o in outcomes if o != "made")


@pytest.mark.parametrize(("model", "slug"), [
    ("NbAiLab/nb-bert-base", "nb-bert-base"), ("/models/my model (v2)/", "my-model-v2"),
    ("ltg/norbert3-base", "norbert3-base"), ("./æøå", "model"), ("x" * 300, "x" * 160),
])
def test_a_model_is_named_alike_in_run_folders_and_sweep_keys(model, slug):
    assert model_slug(model) == slug
    assert task_key(request(model, seed=3)) == f"{slug[:80]}-s3-lr5e-05-e3"
