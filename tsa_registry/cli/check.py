"""`tsa-registry check MODEL`: the compatibility report, as text or JSON; exit status by verdict."""

from __future__ import annotations

from pathlib import Path

import click

from tsa_registry.cli.output import console, emit_json, fail, load, progress
from tsa_registry.cli.params import FiniteFloatRange, int_range
from tsa_registry.training.request import LIMITS


@click.command("check")
@click.argument("model")
@click.option("--revision", help="Branch, tag or commit of a Hub model (default: main).")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path),
              help="A CoNLL file (or norec_tsa: its train split): measure coverage and sentence length on it.")
@click.option("--max-seq-length", type=int_range(LIMITS["max_seq_length"]),
              help="Count the sentences this length cuts.")
@click.option("--gpu-memory", type=FiniteFloatRange(min=1), metavar="GIB",
              help="GPU memory in GiB for the batch-size estimate (default: a table for 8-80 GiB).")
@click.option("--deep", is_flag=True, help="Also train a shrunken copy for two steps with NERModel (about 10 s).")
@click.option("--trust-remote-code", is_flag=True, help="Allow the repository's own Python code to run.")
@click.option("--allow-pickle", is_flag=True,
              help="Judge pickle weights as `train --allow-pickle` would (nothing is unpickled).")
@click.option("--offline", is_flag=True, default=None, help="Use the HF cache only (as HF_HUB_OFFLINE=1).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (docs/check.md).")
@click.pass_context
def check(ctx, model, revision, data, max_seq_length, gpu_memory, deep, trust_remote_code, allow_pickle,
          offline, as_json):
    """Check whether a model can be fine-tuned for TSA.

    Can MODEL be fine-tuned for Norwegian TSA with Simpletransformers NER, with which settings,
    at what cost? MODEL is a catalogue id, a Hub repo id or a local folder. No weights are
    downloaded. Exit status: 0 compatible, 10 compatible with settings, 20 needs opt-in,
    30 incompatible, 40 unknown."""
    from tsa_registry.check import check_model
    from tsa_registry.check.render import render_text
    from tsa_registry.cli.data_files import data_file
    from tsa_registry.task.conll import DataError

    data = data_file(data, "train")
    registry = load(ctx)
    try:
        with progress("Checking") as update:
            report = check_model(model, registry=registry, revision=revision, data=data,
                                 max_seq_length=max_seq_length, gpu_memory_gib=gpu_memory, deep=deep,
                                 trust_remote_code=trust_remote_code, allow_pickle=allow_pickle,
                                 offline=offline or None, progress=update)
    except DataError as error:
        fail(str(error), code=2)
    if as_json:
        emit_json(report.to_dict())
    else:
        console().print(render_text(report))
    ctx.exit(report.exit_code)
