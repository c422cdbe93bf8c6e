"""NoReC_tsa CoNLL files: read (with checks that name file and line), BIO repair, write.

Format: an optional `#sent_id=...` line, then one `token<TAB>tag` line per token, then a blank
line. Other lines before a sentence's first token that start with `#` and hold no tab are
comments; inside a sentence such a line is a token (or, in labelled data, an error).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from tsa_registry.files import FileProblem, read_text, write_whole
from tsa_registry.task.tags import ALL_TAGS, has_intensity, invalid_bio_positions, label_order, repair_bio


class DataError(ValueError):
    """A problem in a data file; the message names the file and, where known, the line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclasses.dataclass(frozen=True, slots=True)
class Sentence:
    sent_id: str | None
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    line: int = 0  # line of the first token, for messages

    def with_tags(self, tags: Iterable[str]) -> Sentence:
        return dataclasses.replace(self, tags=tuple(tags))


@dataclasses.dataclass
class Corpus:
    """The sentences of one file, with what was learnt about its tags while reading it."""

    path: Path
    sentences: list[Sentence]
    first_line: dict[str, int]  # each tag -> the first line it occurs on
    invalid_bio_lines: list[int]  # lines of I- tags that start a span (repaired if `repaired`)
    repaired: bool

    @property
    def labels(self) -> list[str]:
        return label_order(self.first_line)

    @property
    def intensity(self) -> bool:
        return any(has_intensity(tag) for tag in self.first_line)

    def bio_warning(self) -> str | None:
        """One sentence for the user when tags were not valid BIO, else None."""
        if not self.invalid_bio_lines:
            return None
        n, first = len(self.invalid_bio_lines), self.invalid_bio_lines[0]
        action = "repaired to B-" if self.repaired else "read as starting a span"
        return (
            f"{self.path}: {n} I- tag{'s' if n != 1 else ''} that start a span "
            f"(first at line {first}) {action}."
        )


def read_conll(path: Path | str, *, labelled: bool = True, repair: bool = True,
               strict: bool = False) -> Corpus:
    """Read a CoNLL file; raise DataError naming file and line for anything malformed.

    `repair` turns an I- tag that starts a span into B-; `strict` refuses such tags instead.
    With `labelled=False` a line may hold a token alone (for files to predict on).
    """
    path = Path(path)
    text = _read_text(path)
    sentences = _parse_lines(path, text.split("\n"), labelled)
    if not sentences:
        raise DataError(path, None, "contains no sentences (expected token<TAB>tag lines)")
    first_line: dict[str, int] = {}
    invalid: list[int] = []
    for i, sentence in enumerate(sentences):
        positions = invalid_bio_positions(sentence.tags)
        if positions and strict:
            at = positions[0]
            before = sentence.tags[at - 1] if at else "the sentence start"
            raise DataError(path, sentence.line + at, f"{sentence.tags[at]} does not continue a "
                            f"span (it follows {before}); fix the tags or leave out --strict")
        invalid.extend(sentence.line + p for p in positions)
        if positions and repair:  # the labels are those of the repaired tags (IO data has no B-)
            sentence = sentences[i] = sentence.with_tags(repair_bio(sentence.tags)[0])
        for tag in set(sentence.tags).difference(first_line):
            first_line[tag] = sentence.line + sentence.tags.index(tag)
    _ensure_one_scheme(path, first_line)
    return Corpus(path, sentences, first_line, invalid, repair and bool(invalid))


def _parse_lines(path: Path, lines: list[str], labelled: bool) -> list[Sentence]:
    """The sentences of the file's lines (comments, stray whitespace, CRLF line ends and, when
    not `labelled`, token-only lines allowed), or an error naming the line."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    sent_id: str | None = None
    start = 1
    for number, text in enumerate(lines, 1):
        text = text.rstrip("\r")
        is_comment = not tokens and text[:1] == "#" and "\t" not in text
        if tokens and not text.strip():
            sentences.append(Sentence(sent_id, tuple(tokens), tuple(tags), start))
            tokens, tags, sent_id = [], [], None
        if is_comment:
            sent_id = _sent_id(text, sent_id)
            continue
        if not text.strip():
            continue
        token, tab, tag = text.partition("\t")
        tag = tag.strip()
        if not tab:
            if labelled:
                hint = ("; a comment line (#...) may only come before a sentence's first token"
                        if text[:1] == "#" else "")
                raise DataError(path, number, f"expected token<TAB>tag, found no tab in "
                                f"{quote(text)}{hint}")
            tag = "O"
        if not token.strip():
            raise DataError(path, number, "empty token: each line needs a token before the tab")
        if tag not in ALL_TAGS:
            raise DataError(path, number, _unknown_tag_message(tag))
        if not tokens:
            start = number
        tokens.append(token)
        tags.append(tag)
    if tokens:
        sentences.append(Sentence(sent_id, tuple(tokens), tuple(tags), start))
    return sentences


def ensure_same_labels(train: Corpus, other: Corpus) -> None:
    """Refuse data whose label set differs from the training data's (the model would get
    labels it cannot predict, or never see labels it is asked to learn)."""
    only_other = sorted(set(other.first_line) - set(train.first_line))
    only_train = sorted(set(train.first_line) - set(other.first_line))
    if only_other:
        tag = only_other[0]
        raise DataError(other.path, other.first_line[tag],
                        f"label {tag} is not in the training data {train.path} "
                        f"(labels only here: {', '.join(only_other)})")
    if only_train:
        tag = only_train[0]
        raise DataError(train.path, train.first_line[tag],
                        f"label {tag} does not occur in {other.path} "
                        f"(labels only in the training data: {', '.join(only_train)}); "
                        "train and dev must use the same labels")


def write_conll(path: Path | str, sentences: Iterable[Sentence]) -> None:
    """Write sentences in the same format `read_conll` reads (whole or not at all)."""
    parts = []
    for sentence in sentences:
        if sentence.sent_id is not None:
            parts.append(f"#sent_id={sentence.sent_id}\n")
        parts.extend(f"{t}\t{g}\n" for t, g in zip(sentence.tokens, sentence.tags))
        parts.append("\n")
    write_whole(path, "".join(parts))


def _read_text(path: Path) -> str:
    try:
        text = read_text(path, "data")
    except FileProblem as problem:
        raise DataError(path, problem.line, problem.reason) from None
    if not text.strip():
        raise DataError(path, None, "is empty")
    if "\r" in text and text.replace("\r\n", "\n").count("\r") > text.count("\n"):
        first = text.split("\r", 1)[0]
        raise DataError(path, None, f"ends its lines with a carriage return alone (\\r, as old "
                        f"Mac files do), starting {quote(first)}; convert the line ends, e.g. with "
                        f"`tr '\\r' '\\n' < {path.name} > fixed.conll`")
    return text


def quote(text: str, limit: int = 60) -> str:
    """A line of the file for a message: one line at most, cut to `limit` characters."""
    line = text.splitlines()[0] if text else text
    return repr(line if len(line) <= limit and line == text else line[:limit] + "...")


def _sent_id(line: str, current: str | None) -> str | None:
    body = line[1:].strip()
    key, eq, value = body.partition("=")
    if eq and key.strip() == "sent_id":
        return value.strip()
    return current


def _unknown_tag_message(tag: str) -> str:
    if not tag:
        return "missing tag after the tab"
    return (f"unknown tag {quote(tag)}; expected O, B-/I-targ-Positive, B-/I-targ-Negative, "
            "optionally with an intensity -1, -2 or -3")


def _ensure_one_scheme(path: Path, first_line: dict[str, int]) -> None:
    with_i = [line for tag, line in first_line.items() if tag != "O" and has_intensity(tag)]
    without = [line for tag, line in first_line.items() if tag != "O" and not has_intensity(tag)]
    if with_i and without:
        line = max(min(with_i), min(without))
        raise DataError(path, line, "mixes tags with and without intensity (-1, -2, -3); "
                        "use one scheme in a file")
