"""`tsa-registry tiny-model`: a random-weight checkpoint for trying the tool without downloads."""

from __future__ import annotations

from pathlib import Path

import click

from tsa_registry.cli.output import fail
from tsa_registry.tiny import ARCHITECTURES


@click.command("tiny-model")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--arch", type=click.Choice(ARCHITECTURES), default="bert", show_default=True,
              help="Architecture to copy.")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path),
              help="Train the tokenizer on the sentences of this CoNLL file, or of norec_tsa's train "
                   "split (default: built-in Bokmål and Nynorsk sentences).")
@click.option("--uncased", is_flag=True, help="Lower-casing vocabulary (strips accents too, as BERT does).")
@click.option("--keep-accents", is_flag=True, help="With --uncased: lower-case but keep accents.")
@click.option("--hidden-size", type=click.IntRange(min=2), default=32, show_default=True)
@click.option("--layers", type=click.IntRange(min=1), default=2, show_default=True)
@click.option("--weights", type=click.Choice(["safetensors", "bin", "both"]), default="safetensors",
              show_default=True, help='"bin" writes pickle weights only.')
@click.option("--seed", type=int, default=0, show_default=True)
def tiny_model(out, arch, data, uncased, keep_accents, hidden_size, layers, weights, seed):
    """Make a tiny random-weight model to try the tool.

    It is written to OUT, a new or empty folder; with random weights it learns nothing."""
    from tsa_registry.files import FileProblem, ensure_writable

    try:
        ensure_writable(out, folder=True, empty=True)  # before the slow imports
    except FileProblem as problem:
        fail(f"{problem}; choose a new folder")
    from tsa_registry.cli.data_files import data_file

    data = data_file(data, "train")
    if data is not None and not data.is_file():
        fail(f"--data {data}: no such file; give a CoNLL file or norec_tsa")
    from transformers.utils import logging

    from tsa_registry.tiny import build_tiny_model, texts_from_conll

    logging.disable_progress_bar()  # transformers' "Writing model shards" bar says nothing here
    try:
        texts = texts_from_conll(data) if data else None
        path = build_tiny_model(out, arch, texts=texts, cased=not uncased,
                                strip_accents=False if keep_accents else None,
                                hidden_size=hidden_size, num_layers=layers, weights=weights, seed=seed)
    except ValueError as error:  # bad data (DataError), a used folder (FileProblem), options
        fail(str(error))
    click.echo(f"Wrote a tiny {arch} model with random weights to {path}")
