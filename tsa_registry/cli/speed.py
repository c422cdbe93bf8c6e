"""`tsa-registry speed MODEL...`: latency, throughput and memory on this machine."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tsa_registry.cli.output import console, emit_json, fail, load, warn
from tsa_registry.cli.params import FiniteFloatRange


@click.command("speed")
@click.argument("models", metavar="MODEL...", nargs=-1, required=True)
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path),
              help="Time on these sentences (CoNLL, or norec_tsa: its dev split) instead of the built-in "
                   "Norwegian ones.")
@click.option("--sentences", "count", type=click.IntRange(min=1), default=200, show_default=True,
              help="How many sentences to time (the first ones of --data).")
@click.option("--threads", type=click.IntRange(min=1), help="CPU threads (default: all cores; 1 is measured too).")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--budget-ms", type=FiniteFloatRange(min=0, min_open=True), metavar="MS",
              help="Mark which models answer within MS milliseconds at p90 (one sentence a call).")
@click.option("--int8", is_flag=True, help="For a run: also time its dynamic int8 copy and score both on dev.")
@click.option("--dev", type=click.Path(dir_okay=False, path_type=Path),
              help="With --int8: labelled CoNLL (or norec_tsa) to score on (default: the run's dev file).")
@click.option("--random-weights", is_flag=True, help="Time a random-weight copy even of a folder with weights.")
@click.option("--revision", help="Hub revision (branch, tag or commit) of a Hub model.")
@click.option("--offline", is_flag=True, default=None, help="Use the HF cache only (as HF_HUB_OFFLINE=1).")
@click.option("--trust-remote-code", is_flag=True, help="Allow the model's own code to run.")
@click.option("--allow-pickle", is_flag=True, help="Allow pickle weights (*.bin) to be loaded.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object a model.")
@click.pass_context
def speed(ctx, models, data, count, threads, device, budget_ms, int8, dev, random_weights, revision,
          offline, trust_remote_code, allow_pickle, as_json):
    """Measure a model's latency and throughput here.

    Latency (p50/p90/p99, one sentence a call), sentences a second at batch 1, 8, 32 and 64,
    memory, and predict's whole path, of each MODEL on this machine. MODEL is a catalogue id, a
    Hub id, a local folder or a run. Catalogue and Hub models are timed full-size with random
    weights built from config.json (nothing is downloaded but the config and the tokenizer);
    a folder with weights and a run with their own. Measurements are kept: `list` and `show`
    show them.

    Exit status: 0 measured, 1 a model could not be fetched, 2 bad arguments, data or model.
    """
    from tsa_registry.cli.data_files import data_file
    from tsa_registry.speed.model_speed import measure_model
    from tsa_registry.speed.render import render_speed
    from tsa_registry.speed.sentences import BUILT_IN, builtin_sentences, read_sentences
    from tsa_registry.speed.subject import SpeedError
    from tsa_registry.task.conll import DataError

    data, dev = data_file(data, "dev"), data_file(dev, "dev")
    registry = load(ctx)
    try:
        sentences = read_sentences(data, count) if data else builtin_sentences(count)
    except DataError as err:
        fail(str(err), code=2)
    results, failed = [], 0
    with _Progress(not as_json and sys.stderr.isatty()) as on_progress:
        for model in models:
            try:
                results.append(measure_model(
                    model, registry=registry, sentences=sentences, data=str(data) if data else BUILT_IN,
                    threads=threads, device=device, revision=revision, trust_remote_code=trust_remote_code,
                    allow_pickle=allow_pickle, random_weights=random_weights, int8=int8, dev=dev,
                    budget_ms=budget_ms, offline=offline, on_progress=on_progress))
            except (SpeedError, DataError) as err:
                if len(models) == 1:
                    fail(str(err), code=getattr(err, "code", 2))
                warn(f"{model}: {err}")
                failed = max(failed, getattr(err, "code", 2))
    if as_json:
        from tsa_registry.speed.results import to_builtins

        emit_json(to_builtins(results))
    elif results:
        console().print(render_speed(results))
    ctx.exit(failed)


class _Progress:
    """A rich progress bar on stderr fed by the measurement's events (nothing when off)."""

    def __init__(self, show: bool) -> None:
        self.show = show

    def __enter__(self):
        if not self.show:
            return lambda event: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        self.task = self.bar.add_task("", total=None)

        def update(event) -> None:
            from tsa_registry.safe_text import inert

            what = f"{inert(event.model)}: {event.stage}" + (f" ({event.detail})" if event.detail else "")
            self.bar.update(self.task, description=what, completed=event.done, total=event.total or None)

        return update

    def __exit__(self, *exc) -> None:
        if self.show:
            self.bar.stop()
