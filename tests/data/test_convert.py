"""Parquet rows to NoReC_tsa CoNLL: the upstream files' exact form, lossless through `train`'s
reader, and rows the format cannot hold refused by file and row."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tsa_registry.data.convert import check_read_back, conll_text, read_split
from tsa_registry.data.errors import DataSetError
from tsa_registry.data.known import NOREC_TSA, lookup
from tsa_registry.task.conll import Sentence, read_conll

# NoReC_tsa's CoNLL files beside the repository, or where NOREC_TSA_DIR says (never copied here).
SHARED = Path(os.environ.get("NOREC_TSA_DIR")
              or Path(__file__).resolve().parents[3] / "shared" / "data" / "norec_tsa")
DEFAULT, INTENSITY = lookup("norec_tsa")[1], lookup("norec_tsa:intensity")[1]


def parquet(path: Path, rows: list[tuple]) -> list[tuple[str, Path]]:
    """Rows (idx, tokens, tags) in the Hub's parquet schema, as one split's file list."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("idx", pa.string()), ("tokens", pa.list_(pa.string())),
                        ("tsa_tags", pa.list_(pa.string()))])
    table = pa.Table.from_pylist([{"idx": i, "tokens": w, "tsa_tags": t} for i, w, t in rows],
                                 schema=schema)
    pq.write_table(table, path)
    return [(f"data/{path.name}", path)]


def test_the_text_has_the_upstream_form():
    sentences = [Sentence("1-01-01", ("Filmen", "var", "flott"), ("B-targ-Positive", "O", "O")),
                 Sentence("1-01-02", (".",), ("O",))]
    assert conll_text(sentences) == ("#sent_id=1-01-01\nFilmen\tB-targ-Positive\nvar\tO\nflott\tO"
                                     "\n\n#sent_id=1-01-02\n.\tO")


@pytest.mark.parametrize("first", [["#10"], ["#"], ["#sent_id=lure"], ["#", "#metoo"],
                                   ["Baldur\x92s", "\x96"], ["\xad", "»"], ["#10\x85"]])
@pytest.mark.parametrize("sent_id", ["704372-12-01", None])
def test_a_sentence_starting_with_odd_tokens_reads_back_as_written(tmp_path, first, sent_id):
    sentences = [Sentence("1-01-01", ("Bra", "."), ("O", "O")),
                 Sentence(sent_id, (*first, "var", "bra"), ("O",) * len(first) + ("O", "O")),
                 Sentence("1-01-03", ("#",), ("O",))]
    path = tmp_path / "test.conll"
    path.write_text(conll_text(sentences), encoding="utf-8")
    back = read_conll(path, repair=False).sentences
    assert [(s.sent_id, s.tokens, s.tags) for s in back] == \
        [(s.sent_id, s.tokens, s.tags) for s in sentences]
    check_read_back(path, sentences, "norec_tsa test")


def test_a_file_that_reads_back_differently_is_caught(tmp_path):
    sentences = [Sentence("1", ("a", "b"), ("O", "O"))]
    path = tmp_path / "x.conll"
    path.write_text("#sent_id=1\na\tO\nc\tO", encoding="utf-8")
    with pytest.raises(DataSetError) as caught:
        check_read_back(path, sentences, "norec_tsa train")
    assert caught.value.code == "data.round-trip" and "sentence 0 ('1')" in caught.value.message


@pytest.mark.parametrize("row, words", [
    (("3", ["a\tb"], ["O"]), "token 0 ('a\\tb') is empty, blank, or holds a tab"),
    (("3", ["a", ""], ["O", "O"]), "token 1 ('') is empty"),
    (("3", ["\xa0"], ["O"]), "token 0 ('\\xa0') is empty, blank"),
    (("3", ["a\nb"], ["O"]), "holds a tab or a line break"),
    (("3", ["a", "b"], ["O"]), "it has 2 tokens but 1 tags"),
    (("3", [], []), "it has no tokens"),
    (("3", ["a"], ["B-targ-Neutral"]), "tag 0 ('B-targ-Neutral') is not a NoReC_tsa tag"),
    (("3", ["a"], ["B-targ-Positive-2"]), "tag 0 (B-targ-Positive-2) is with an intensity"),
    (("3 ", ["a"], ["O"]), "its id is empty"),
    (("", ["a"], ["O"]), "its id is empty"),
])
def test_rows_the_format_cannot_hold_are_refused_by_file_and_row(tmp_path, row, words):
    files = parquet(tmp_path / "train-00000-of-00001.parquet", [("1", ["ok"], ["O"]), row])
    with pytest.raises(DataSetError) as caught:
        read_split(NOREC_TSA, DEFAULT, files)
    message = caught.value.message
    assert message.startswith("data/train-00000-of-00001.parquet of ltg/norec_tsa, row 1 ")
    assert words in message and caught.value.code == "data.bad-row"


def test_plain_tags_in_the_intensity_config_are_refused(tmp_path):
    files = parquet(tmp_path / "dev.parquet", [("1", ["a"], ["B-targ-Negative"])])
    with pytest.raises(DataSetError, match=r"tag 0 \(B-targ-Negative\) is without an intensity"):
        read_split(NOREC_TSA, INTENSITY, files)


def test_a_file_without_the_columns_is_refused(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "train.parquet"
    pq.write_table(pa.table({"id": ["1"], "words": [["a"]]}), path)
    with pytest.raises(DataSetError) as caught:
        read_split(NOREC_TSA, DEFAULT, [("data/train.parquet", path)])
    assert caught.value.code == "data.unreadable" and "idx, tokens, tsa_tags" in caught.value.message
    assert "data get norec_tsa --force" in caught.value.fix


@pytest.mark.skipif(not (SHARED / "train.conll").is_file(),
                    reason=f"NoReC_tsa is not at {SHARED} (NOREC_TSA_DIR=FOLDER points elsewhere)")
@pytest.mark.parametrize("name, config, split", [
    ("train.conll", DEFAULT, "train"), ("dev.conll", DEFAULT, "dev"),
    ("train.intensity.conll", INTENSITY, "train"), ("dev.intensity.conll", INTENSITY, "dev")])
def test_the_hubs_rows_become_the_upstream_files_byte_for_byte(tmp_path, name, config, split):
    """NoReC_tsa's own CoNLL files, as the Hub's parquet rows, come out with the same bytes (and
    so the same sha256 in a run's record), in the count the registry expects."""
    original = (SHARED / name).read_bytes()
    rows = [(s.sent_id, list(s.tokens), list(s.tags))
            for s in read_conll(SHARED / name, repair=False).sentences]
    sentences = read_split(NOREC_TSA, config, parquet(tmp_path / "split.parquet", rows))
    assert len(sentences) == NOREC_TSA.split(split).sentences
    assert conll_text(sentences).encode("utf-8") == original
