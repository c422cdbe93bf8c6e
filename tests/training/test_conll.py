"""Reading and writing NoReC_tsa CoNLL files, and the errors a user sees for bad files."""

from pathlib import Path

import pytest

from tsa_registry.training.conll import (
    Corpus,
    DataError,
    Sentence,
    check_same_labels,
    read_conll,
    write_conll,
)

GOOD = (
    "#sent_id=a-1\n"
    "Filmen\tB-targ-Positive\n"
    "var\tO\n"
    "flott\tO\n"
    "\n"
    "#sent_id=a-2\n"
    "Lyden\tB-targ-Negative\n"
    "i\tI-targ-Negative\n"
    "salen\tI-targ-Negative\n"
    "var\tO\n"
    "dårlig\tO\n"
)


def write(tmp_path: Path, text: str, name: str = "data.conll", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_sentences_ids_tokens_and_tags(tmp_path):
    corpus = read_conll(write(tmp_path, GOOD))
    assert [s.sent_id for s in corpus.sentences] == ["a-1", "a-2"]
    assert corpus.sentences[1].tokens == ("Lyden", "i", "salen", "var", "dårlig")
    assert corpus.sentences[1].tags[:3] == ("B-targ-Negative", "I-targ-Negative", "I-targ-Negative")
    assert corpus.sentences[1].line == 7
    assert not corpus.intensity


def test_labels_come_in_a_fixed_order_whatever_order_the_data_has(tmp_path):
    corpus = read_conll(write(tmp_path, GOOD))
    assert corpus.labels == ["O", "B-targ-Negative", "I-targ-Negative", "B-targ-Positive"]


def test_intensity_tags(tmp_path):
    text = "#sent_id=b\nBoka\tB-targ-Positive-3\ner\tO\nfin\tO\n"
    corpus = read_conll(write(tmp_path, text))
    assert corpus.intensity
    assert corpus.labels == ["O", "B-targ-Positive-3"]


def test_crlf_comments_extra_blank_lines_and_no_final_newline(tmp_path):
    text = "# a comment\r\n#sent_id=x\r\nA\tO\r\n\r\n\r\n\r\n#sent_id=y\r\nB\tB-targ-Positive"
    corpus = read_conll(write(tmp_path, text))
    assert [(s.sent_id, s.tokens, s.tags) for s in corpus.sentences] == [
        ("x", ("A",), ("O",)), ("y", ("B",), ("B-targ-Positive",))]


def test_write_then_read_gives_the_same_sentences(tmp_path):
    corpus = read_conll(write(tmp_path, GOOD))
    out = tmp_path / "copy.conll"
    write_conll(out, corpus.sentences)
    assert out.read_text(encoding="utf-8") == GOOD + "\n"
    assert read_conll(out).sentences == corpus.sentences


def test_invalid_bio_is_repaired_and_counted(tmp_path):
    text = "I\tI-targ-Positive\nO\tO\nx\tI-targ-Negative\ny\tB-targ-Positive\nz\tI-targ-Negative\n"
    corpus = read_conll(write(tmp_path, text))
    assert corpus.sentences[0].tags == (
        "B-targ-Positive", "O", "B-targ-Negative", "B-targ-Positive", "B-targ-Negative")
    assert corpus.invalid_bio_lines == [1, 3, 5]
    assert "3 I- tags that start a span (first at line 1) repaired to B-" in corpus.bio_warning()


def test_strict_refuses_invalid_bio_naming_the_line(tmp_path):
    path = write(tmp_path, GOOD + "\nx\tO\ny\tI-targ-Positive\n")
    with pytest.raises(DataError, match=r"data.conll:14: I-targ-Positive does not continue a span "
                                         r"\(it follows O\)"):
        read_conll(path, strict=True)


def test_without_repair_tags_stay_as_written(tmp_path):
    corpus = read_conll(write(tmp_path, "x\tI-targ-Positive\n"), repair=False)
    assert corpus.sentences[0].tags == ("I-targ-Positive",)
    assert "read as starting a span" in corpus.bio_warning()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (GOOD.replace("var\tO\nflott", "var O\nflott"), 3, "expected token<TAB>tag, found no tab in 'var O'"),
        (GOOD.replace("salen\t", "\t"), 9, "empty token"),
        (GOOD.replace("salen\t", "  \t"), 9, "empty token"),
        (GOOD.replace("flott\tO", "flott\tB-PER"), 4, "unknown tag 'B-PER'"),
        (GOOD.replace("flott\tO", "flott\tB-targ-Neutral"), 4, "unknown tag 'B-targ-Neutral'"),
        (GOOD.replace("flott\tO", "flott\t"), 4, "missing tag after the tab"),
        (GOOD.replace("flott\tO", "flott\tO\tO"), 4, "unknown tag 'O\\tO'"),
        (GOOD.replace("var\tO\ndårlig", "var\tB-targ-Positive-2\ndårlig"), 10,
         "mixes tags with and without intensity"),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        read_conll(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)


def test_empty_file(tmp_path):
    path = write(tmp_path, "\n\n")
    with pytest.raises(DataError, match=rf"^{path}: is empty$"):
        read_conll(path)


def test_file_with_comments_only_has_no_sentences(tmp_path):
    with pytest.raises(DataError, match="contains no sentences"):
        read_conll(write(tmp_path, "#sent_id=1\n\n#sent_id=2\n"))


def test_file_that_is_not_utf8(tmp_path):
    path = write(tmp_path, GOOD, encoding="latin-1")
    with pytest.raises(DataError) as caught:
        read_conll(path)
    assert caught.value.line == 11  # "dårlig"
    assert "is not UTF-8 text (byte 0xe5)" in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_conll(tmp_path / "nope.conll")


def test_unlabelled_file_may_hold_tokens_alone(tmp_path):
    corpus = read_conll(write(tmp_path, "Filmen\nvar\nflott\n\nLyden\n"), labelled=False)
    assert [s.tokens for s in corpus.sentences] == [("Filmen", "var", "flott"), ("Lyden",)]


def corpus_of(tmp_path, name, text) -> Corpus:
    return read_conll(write(tmp_path, text, name))


def test_label_sets_must_match_between_train_and_dev(tmp_path):
    train = corpus_of(tmp_path, "train.conll", GOOD)
    check_same_labels(train, corpus_of(tmp_path, "dev.conll", GOOD))
    dev = corpus_of(tmp_path, "dev.conll", GOOD + "\nx\tB-targ-Positive\ny\tI-targ-Positive\n")
    with pytest.raises(DataError, match=r"dev.conll:14: label I-targ-Positive is not in the training data"):
        check_same_labels(train, dev)
    small_dev = corpus_of(tmp_path, "dev2.conll", "x\tB-targ-Positive\ny\tO\n")
    with pytest.raises(DataError, match=r"train.conll:7: label B-targ-Negative does not occur in "
                                        r".*dev2.conll"):
        check_same_labels(train, small_dev)


def test_sentence_with_tags():
    s = Sentence("1", ("a", "b"), ("O", "O"), 3)
    assert s.with_tags(["B-targ-Positive", "O"]) == Sentence("1", ("a", "b"), ("B-targ-Positive", "O"), 3)
