"""Parquet rows (id, tokens, tags) to CoNLL text in NoReC_tsa's own form, checked both ways.

The form is that of the CoNLL files NoReC_tsa is distributed in (github.com/ltgoslo/norec_tsa,
`tsa_conll/*.conll`): a `#sent_id=<id>` line, one `token<TAB>tag` line per token, a blank line
between sentences and no newline after the last line. The same data therefore gives the same
bytes, and the same sha256 in a run's record, whether it came from the Hub or from those files.
(`write_conll` ends a file with a blank line instead.)

Every row is checked before it is written (a token the CoNLL format cannot hold, a tag that is
not NoReC_tsa's, tokens and tags of different lengths) and every written file is read back with
the reader `train` uses and compared, sentence by sentence: a token such as `#10` at the start of
a sentence must come back as a token, not a comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tsa_registry.data.errors import DataSetError
from tsa_registry.data.known import Config, DataSet
from tsa_registry.task.conll import DataError, Sentence, read_conll
from tsa_registry.task.tags import ALL_TAGS, has_intensity

_REFETCH = "Fetch it again with `tsa-registry data get {name} --force`."


def read_split(data: DataSet, config: Config, files: list[tuple[str, Path]]) -> list[Sentence]:
    """The sentences of one split's parquet files, in order. Raises DataSetError naming the file
    and row of anything that cannot become NoReC_tsa CoNLL."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = [data.id_column, data.tokens_column, data.tags_column]
    sentences: list[Sentence] = []
    for name, path in files:
        try:
            table = pq.read_table(path, columns=columns)
        except (OSError, pa.ArrowException, KeyError) as err:
            raise DataSetError("data.unreadable", f"{name} of {data.repo_id} cannot be read as "
                               f"parquet with the columns {', '.join(columns)} ({err}).",
                               _REFETCH.format(name=data.name)) from None
        rows = zip(*(table.column(c).to_pylist() for c in columns))
        for row, (sent_id, tokens, tags) in enumerate(rows):
            if problem := row_problem(sent_id, tokens, tags, config.intensity):
                raise DataSetError(
                    "data.bad-row", f"{name} of {data.repo_id}, row {row} (sentence "
                    f"{sent_id!r}): {problem}.", "These rows cannot be written as NoReC_tsa "
                    "CoNLL; give the data as file paths.")
            sentences.append(Sentence(sent_id, tuple(tokens), tuple(tags)))
    return sentences


def row_problem(sent_id, tokens, tags, intensity: bool) -> str | None:
    """Why a row cannot be one sentence of a CoNLL file, or None."""
    if not isinstance(sent_id, str) or not sent_id or sent_id != sent_id.strip() \
            or any(c in sent_id for c in "\t\n\r"):
        return "its id is empty, not text, or holds a tab, a line break or edge spaces"
    if not tokens:
        return "it has no tokens"
    if tags is None or len(tags) != len(tokens):
        return f"it has {len(tokens)} tokens but {len(tags or ())} tags"
    for i, token in enumerate(tokens):
        if not isinstance(token, str) or not token or token.isspace() \
                or any(c in token for c in "\t\n\r"):
            return f"token {i} ({token!r}) is empty, blank, or holds a tab or a line break"
    for i, tag in enumerate(tags):
        if tag not in ALL_TAGS:
            return f"tag {i} ({tag!r}) is not a NoReC_tsa tag"
        if tag != "O" and has_intensity(tag) != intensity:
            return f"tag {i} ({tag}) is {'without' if intensity else 'with'} an intensity"
    return None


def conll_text(sentences: Iterable[Sentence]) -> str:
    """The sentences in NoReC_tsa's CoNLL form (no newline after the last line)."""
    blocks = []
    for sentence in sentences:
        lines = [] if sentence.sent_id is None else [f"#sent_id={sentence.sent_id}"]
        lines.extend(f"{token}\t{tag}" for token, tag in zip(sentence.tokens, sentence.tags))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def check_read_back(path: Path, sentences: list[Sentence], label: str) -> None:
    """Read `path` as `train` would and require exactly `sentences` back. `label` names the
    data in the message (`norec_tsa train`)."""
    try:
        back = read_conll(path, repair=False).sentences
    except DataError as err:
        raise DataSetError("data.round-trip", f"{label}: its CoNLL file cannot be read back "
                           f"({err.message}).", "Please report this.") from None
    for i, (wrote, read) in enumerate(zip(sentences, back)):
        if (wrote.sent_id, wrote.tokens, wrote.tags) != (read.sent_id, read.tokens, read.tags):
            raise DataSetError("data.round-trip", f"{label}: sentence {i} ({wrote.sent_id!r}) "
                               "would be read back differently from its CoNLL file.",
                               "Give the data as file paths; please report this.")
    if len(back) != len(sentences):
        raise DataSetError("data.round-trip", f"{label}: {len(sentences)} sentences were written "
                           f"but {len(back)} are read back.", "Please report this.")
