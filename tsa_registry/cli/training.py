"""train, evaluate, score, predict: thin commands over tsa_registry.training."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from tsa_registry.cli.output import console, emit_json, fail, load, warn
from tsa_registry.cli.params import float_range, int_range
from tsa_registry.training.request import DEVICES, LIMITS

FILE = click.Path(dir_okay=False, path_type=Path)


class BatchSize(click.ParamType):
    name = "N|auto"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int) or value == "auto":
            return value
        try:
            number = int(value)
        except ValueError:
            self.fail(f"{value!r} is neither a number nor 'auto'", param, ctx)
        if not LIMITS["batch_size"].allows(number):
            self.fail(f"must be {LIMITS['batch_size'].describe()}", param, ctx)
        return number


@click.command()
@click.argument("model", required=False)
@click.option("--train", "train_file", type=FILE,
              help="Training data: a CoNLL file, or norec_tsa (downloaded on first use).")
@click.option("--dev", "dev_file", type=FILE, help="Dev data, scored after each epoch (a file or norec_tsa).")
@click.option("--test", "test_file", type=FILE,
              help="Test data, scored once with the best epoch (a file or norec_tsa).")
@click.option("--epochs", type=int_range(LIMITS["epochs"]), help="Epochs (default: the family's, 10).")
@click.option("--batch-size", type=BatchSize(),
              help="Sentences a batch, or 'auto' to fit the GPU (default: the family's, 32).")
@click.option("--grad-accum", "gradient_accumulation_steps", type=int_range(LIMITS["gradient_accumulation_steps"]),
              help="Batches a step sees (default 1): the effective batch is batch size times this.")
@click.option("--lr", "learning_rate", type=float_range(LIMITS["learning_rate"]),
              help="Learning rate (default: the family's, 5e-5).")
@click.option("--max-seq-length", type=int_range(LIMITS["max_seq_length"]),
              help="Subwords a sentence (default: the longest sentence in the data).")
@click.option("--seed", type=int, default=42, show_default=True)
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              help="The run folder (default: a new one under `tsa-registry paths`' runs).")
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--fp16/--no-fp16", default=None, help="Mixed precision (default: on with CUDA).")
@click.option("--intensity", is_flag=True, help="Train on tags with intensity (B-targ-Positive-2).")
@click.option("--strict", is_flag=True, help="Refuse I- tags that do not continue a span.")
@click.option("--revision", help="Hub revision (branch, tag or commit) of MODEL.")
@click.option("--trust-remote-code", is_flag=True, help="Allow the model's own code to run.")
@click.option("--allow-pickle", is_flag=True, help="Allow pickle weights (*.bin) to be loaded.")
@click.option("--resume", "resume_run", metavar="RUN", help="Go on with a failed or cancelled run.")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON lines.")
@click.pass_context
def train(ctx, model, train_file, dev_file, test_file, epochs, batch_size, gradient_accumulation_steps, learning_rate,
          max_seq_length, seed, output, device, fp16, intensity, strict, revision,
          trust_remote_code, allow_pickle, resume_run, as_json):
    """Fine-tune a model for TSA.

    MODEL is a catalogue id or a local folder, trained with Simpletransformers NER. --train,
    --dev and --test take CoNLL files or a data set's name: `norec_tsa` (its train, dev and test
    splits), `norec_tsa:intensity`. Exit code: 0 complete, 1 failed, 2 bad arguments or data,
    130 cancelled.
    """
    from tsa_registry.cli.data_files import data_file, names_intensity
    from tsa_registry.task.conll import DataError
    from tsa_registry.training.plan import PlanError, plan_training
    from tsa_registry.training.process import resume_training, start_training
    from tsa_registry.training.runs import RunError, ensure_run_folder, open_run

    try:
        if resume_run:
            process = resume_training(open_run(resume_run), trust_remote_code=trust_remote_code,
                                      allow_pickle=allow_pickle)
        else:
            if not (model and train_file and dev_file):
                raise click.UsageError("give MODEL, --train and --dev (or --resume RUN)")
            ensure_run_folder(output)  # before the data and the model are read
            intensity = intensity or names_intensity(train_file, dev_file, test_file)
            train_file, dev_file, test_file = (data_file(value, split, intensity=intensity) for value, split in (
                (train_file, "train"), (dev_file, "dev"), (test_file, "test")))
            request = plan_training(
                model, train=train_file, dev=dev_file, test=test_file, registry=load(ctx),
                epochs=epochs, batch_size=batch_size, gradient_accumulation_steps=gradient_accumulation_steps,
                learning_rate=learning_rate,
                max_seq_length=max_seq_length, seed=seed, device=device, fp16=fp16,
                intensity=intensity, strict=strict, revision=revision,
                trust_remote_code=trust_remote_code, allow_pickle=allow_pickle)
            process = start_training(request, output)
    except (DataError, PlanError, RunError) as err:
        fail(str(err), code=2)
    from tsa_registry.cli.training_view import follow

    sys.exit(follow(process, as_json))


@click.command()
@click.argument("run")
@click.option("--data", type=FILE, required=True,
              help="Labelled CoNLL file to score the run on, or norec_tsa (its test split).")
@click.option("--output", type=FILE, help="Also write the predictions there (CoNLL).")
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--trust-remote-code", is_flag=True, help="Allow the model's own code to run.")
@click.option("--json", "as_json", is_flag=True)
def evaluate(run, data, output, force, device, trust_remote_code, as_json):
    """Evaluate a run on a CoNLL file.

    Strict span F1 (NorBench's metric) of RUN's best model on --data."""
    from tsa_registry.cli.data_files import data_file
    from tsa_registry.files import FileProblem
    from tsa_registry.task.conll import DataError
    from tsa_registry.training.runs import RunError, open_run
    from tsa_registry.training.worker.predict import evaluate_run

    data = data_file(data, "test")
    try:
        scores, warning = evaluate_run(open_run(run), data, device=device, output=output,
                                       replace=force, trust_remote_code=trust_remote_code)
    except (DataError, RunError, FileProblem) as err:
        fail(str(err), code=2)
    if warning:
        warn(warning)
    _show_scores(scores.to_dict(), as_json)


@click.command()
@click.argument("gold", type=FILE)
@click.argument("predicted", type=FILE)
@click.option("--json", "as_json", is_flag=True)
def score(gold, predicted, as_json):
    """Score predictions against gold (strict span F1).

    PREDICTED (CoNLL from any system) against GOLD, with NorBench's strict span F1. GOLD may be
    norec_tsa (its test split, as `evaluate --data norec_tsa` scores)."""
    from tsa_registry.cli.data_files import data_file
    from tsa_registry.task.conll import DataError

    gold = data_file(gold, "test")
    from tsa_registry.task.scoring import score_files

    try:
        scores = score_files(gold, predicted)
    except DataError as err:
        fail(str(err), code=2)
    _show_scores(scores.to_dict(), as_json)


@click.command()
@click.argument("run")
@click.argument("sentences", nargs=-1)
@click.option("--file", "input_file", type=FILE, help="Sentences, one a line, or a CoNLL file.")
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "conll"]),
              default="auto", show_default=True, help="How to read --file.")
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--trust-remote-code", is_flag=True, help="Allow the model's own code to run.")
@click.option("--int8", is_flag=True,
              help="Dynamic int8 quantization on the CPU: faster; `speed RUN --int8` shows the F1 it costs.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a sentence.")
def predict(run, sentences, input_file, input_format, device, trust_remote_code, int8, as_json):
    """Find targets and their polarity in text.

    In SENTENCES (or --file), with RUN's best model."""
    from tsa_registry.task.conll import DataError
    from tsa_registry.training.runs import RunError, open_run
    from tsa_registry.training.worker.predict import load_model, predict_conll, predict_texts

    if not sentences and not input_file:
        raise click.UsageError("give sentences or --file")
    try:
        if int8 and device == "cuda":
            raise click.UsageError("--int8 runs on the CPU: leave out --device cuda")
        model = load_model(open_run(run), "cpu" if int8 else device, trust_remote_code=trust_remote_code)
        if int8:
            from tsa_registry.speed.int8 import quantize

            quantize(model)
        if input_file and _is_conll(input_file, input_format):
            found, warning = predict_conll(model, input_file)
        else:
            texts = list(sentences)
            if input_file:
                texts += [line for line in _read_lines(input_file) if line.strip()]
            found, warning = predict_texts(model, texts)
    except (DataError, RunError) as err:
        fail(str(err), code=2)
    if warning:
        warn(warning)
    for prediction in found:
        if as_json:
            click.echo(json.dumps(prediction.to_dict(), ensure_ascii=False))
            continue
        click.echo(prediction.text)
        for t in prediction.targets:
            click.echo(f"  {t.polarity:<10} {t.start:>4}-{t.end:<4} {t.text}")
        if not prediction.targets:
            click.echo("  (no targets)")


def _show_scores(data: dict, as_json: bool) -> None:
    if as_json:
        emit_json(data)
        return
    from tsa_registry.cli.training_view import scores_view

    console().print(scores_view(data))


def _is_conll(path: Path, input_format: str) -> bool:
    if input_format != "auto":
        return input_format == "conll"
    if path.suffix.lower() in (".conll", ".conllu", ".tsv"):
        return True
    # Tabs mark CoNLL; a text line may well start with "#sent_id" or any other "#".
    return any("\t" in line for line in _read_lines(path)[:200])


def _read_lines(path: Path) -> list[str]:
    from tsa_registry.files import FileProblem, read_text
    from tsa_registry.task.conll import DataError

    try:
        return read_text(path, "text").splitlines()
    except FileProblem as problem:
        raise DataError(path, problem.line, problem.reason) from None
