"""The pure parts behind the screens: catalogue rows, the fine-tune form, run progress, the plot."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tsa_registry.registry import load_registry
from tsa_registry.rows import sort_rows
from tsa_registry.training import events as ev
from tsa_registry.tui.catalogue_rows import catalogue_rows, cells, matches
from tsa_registry.tui.finetune_form import FormErrors, form_defaults, parse_form
from tsa_registry.tui.run_progress import RunProgress


@pytest.fixture(scope="module")
def rows():
    return catalogue_rows(load_registry(), {"xlm-roberta-base": 0.5125})


def test_rows_carry_local_f1_beside_the_reference(rows):
    row = next(r for r in rows if r["id"] == "xlm-roberta-base")
    assert (row["reference_f1"], row["local_f1"]) == (pytest.approx(0.494), pytest.approx(0.5125))
    assert cells(row)[6:8] == ("49.4", "51.2")
    assert next(r for r in rows if r["id"] == "bert-base-cased")["local_f1"] is None


def test_filter_needs_every_word(rows):
    assert {r["id"] for r in rows if matches(r, "XLM large")} == {"xlm-roberta-large"}
    assert not [r for r in rows if matches(r, "xlm bert-base")]


def test_sort_puts_unknown_values_last_either_way(rows):
    for reverse in (False, True):
        ordered = sort_rows(rows, "reference_f1", reverse)
        values = [r["reference_f1"] for r in ordered]
        known = [v for v in values if v is not None]
        assert values[len(known):] == [None] * (len(values) - len(known))
        assert known == sorted(known, reverse=not reverse)


def test_form_defaults_come_from_the_suggested_args():
    values = form_defaults({"num_train_epochs": 10, "train_batch_size": 16, "gradient_accumulation_steps": 2,
                            "learning_rate": 5e-5}, "xlm-roberta-base", {"train": "/data/train.conll"})
    assert values["epochs"] == "10" and values["batch_size"] == "16" and values["learning_rate"] == "5e-05"
    assert values["gradient_accumulation_steps"] == "2"
    assert values["train"] == "/data/train.conll" and values["dev"] == "" and values["max_seq_length"] == ""


def test_parse_form_names_the_field_that_is_wrong(tmp_path):
    data = tmp_path / "train.conll"
    data.write_text("x\tO\n", encoding="utf-8")
    good = {"model": "m", "train": str(data), "dev": str(data), "test": "", "epochs": "2",
            "batch_size": "auto", "gradient_accumulation_steps": "", "learning_rate": "1e-4", "max_seq_length": "",
            "device": "cpu"}
    parsed = parse_form(good)
    assert parsed["batch_size"] == "auto" and parsed["epochs"] == 2 and parsed["test"] is None
    assert parsed["max_seq_length"] is None and parsed["learning_rate"] == 1e-4
    assert parsed["gradient_accumulation_steps"] is None  # blank: the default, 1
    for field, value, message in [("dev", str(tmp_path / "missing.conll"), "does not exist"),
                                  ("dev", str(tmp_path), "is a folder"),
                                  ("train", "", "required"),
                                  ("epochs", "two", "'two' is not a whole number"),
                                  ("batch_size", "0", "at least 1"),
                                  ("batch_size", "big", "a whole number or auto"),
                                  ("gradient_accumulation_steps", "0", "at least 1"),
                                  ("device", "tpu", "one of auto, cpu, cuda")]:
        with pytest.raises(FormErrors) as caught:
            parse_form({**good, field: value})
        assert list(caught.value.errors) == [field] and message in caught.value.errors[field]


def test_parse_form_names_every_wrong_field_at_once_and_reads_paths_from_the_working_folder(tmp_path,
                                                                                            monkeypatch):
    (tmp_path / "train.conll").write_text("x\tO\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    values = {"model": "", "train": "train.conll", "dev": "norec_tsa", "test": "", "epochs": "two",
              "batch_size": "big", "gradient_accumulation_steps": "", "learning_rate": "", "max_seq_length": "",
              "device": "tpu", "output": "", "quick": "0"}
    with pytest.raises(FormErrors) as caught:
        parse_form(values)
    assert list(caught.value.errors) == ["model", "epochs", "batch_size", "device", "quick"]
    parsed = parse_form({**values, "model": "m", "epochs": "1", "batch_size": "8", "device": "cpu",
                         "quick": "20", "output": "out"})
    assert parsed["train"] == tmp_path / "train.conll" and parsed["dev"] == "norec_tsa"  # a data set's name
    assert parsed["output"] == tmp_path / "out" and parsed["quick"] == 20


def test_run_progress_follows_the_event_stream():
    progress = RunProgress(name="r", path="/runs/r")
    progress.apply(ev.Started(run="r", model="m", device="cpu", epochs=2, start_epoch=0, steps_per_epoch=2,
                              total_steps=4, batch_size=8, gradient_accumulation_steps=1, max_seq_length=64,
                              train_sentences=16, time=0))
    for step, loss in enumerate([2.0, 1.5, 1.2], start=1):
        progress.apply(ev.Progress(step=step, total_steps=4, epoch=1 + step // 3, loss=loss, learning_rate=1e-4,
                                   sentences_per_second=10, elapsed=step, eta=1, time=0))
    progress.apply(ev.Evaluation(epoch=1, step=2, f1=0.25, precision=0.5, recall=0.1666, best=True, time=0))
    assert (progress.status, progress.step, progress.total_steps) == ("running", 3, 4)
    assert progress.losses == [2.0, 1.5, 1.2]
    progress.apply(ev.Warning(code="out-of-memory", message="halving the batch", time=0))
    progress.apply(ev.Done(run="r", best_epoch=1, dev_f1=0.25, test_f1=None, duration=12, time=0))
    assert progress.status == "complete"
    lines = [line for _, line in progress.log]
    assert lines[1] == "epoch 1: dev F1 25.0%, precision 50.0%, recall 16.7% (best so far)"
    assert "halving the batch" in lines[2] and lines[3].startswith("done in 12 s: best epoch 1")


def test_loss_plot_thins_long_runs_to_means():
    from tsa_registry.tui.widgets.loss_plot import thin

    xs, ys = thin(list(range(1, 1001)), [1.0] * 500 + [3.0] * 500, most=100)
    assert len(xs) == 100 and xs[-1] == 1000 and set(ys) == {1.0, 3.0}
    assert thin([1, 2], [5.0, 4.0]) == ([1, 2], [5.0, 4.0])


def test_a_running_check_says_what_it_does_and_how_to_stop_it():
    from tsa_registry.tui.checks import CheckState
    from tsa_registry.tui.widgets.model_sections import check_section

    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(check_section(CheckState("m", deep=True, step="Loading the tokenizer")))
    assert console.export_text().splitlines() == ["Deep check", "running: loading the tokenizer… (x cancels)"]


def test_a_quick_try_keeps_every_tag():
    from tsa_registry.task.conll import Sentence
    from tsa_registry.tui.quick_try import with_every_tag

    sentences = [Sentence(f"s{i}", ("a", "b"), tags) for i, tags in enumerate(
        [("O", "O"), ("B-targ-Positive", "O"), ("O", "O"), ("B-targ-Negative", "I-targ-Negative"),
         ("B-targ-Negative", "O")])]
    assert [s.sent_id for s in with_every_tag(sentences, 2)] == ["s0", "s1", "s3"]
    assert [s.sent_id for s in with_every_tag(sentences, 10)] == ["s0", "s1", "s2", "s3", "s4"]
