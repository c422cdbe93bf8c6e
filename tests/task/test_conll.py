"""Reading and writing NoReC_tsa CoNLL files, and the errors a user sees for bad files."""

from pathlib import Path

import pytest

from tsa_registry.task.conll import (
    Corpus,
    DataError,
    Sentence,
    ensure_same_labels,
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
    ensure_same_labels(train, corpus_of(tmp_path, "dev.conll", GOOD))
    dev = corpus_of(tmp_path, "dev.conll", GOOD + "\nx\tB-targ-Positive\ny\tI-targ-Positive\n")
    with pytest.raises(DataError, match=r"dev.conll:14: label I-targ-Positive is not in the training data"):
        ensure_same_labels(train, dev)
    small_dev = corpus_of(tmp_path, "dev2.conll", "x\tB-targ-Positive\ny\tO\n")
    with pytest.raises(DataError, match=r"train.conll:7: label B-targ-Negative does not occur in "
                                        r".*dev2.conll"):
        ensure_same_labels(train, small_dev)


def test_sentence_with_tags():
    s = Sentence("1", ("a", "b"), ("O", "O"), 3)
    assert s.with_tags(["B-targ-Positive", "O"]) == Sentence("1", ("a", "b"), ("B-targ-Positive", "O"), 3)


def test_io_tagged_data_gets_the_labels_of_its_repaired_tags(tmp_path):
    """Data tagged IO (I- only, no B-): the label list is built after the repair, so training
    knows the B- labels the repaired sentences use."""
    text = "Filmen\tI-targ-Positive\nvar\tO\n\nLyden\tI-targ-Negative\ni\tI-targ-Negative\nvar\tO\n"
    corpus = read_conll(write(tmp_path, text))
    assert corpus.labels == ["O", "B-targ-Negative", "I-targ-Negative", "B-targ-Positive"]
    used = {tag for sentence in corpus.sentences for tag in sentence.tags}
    assert used <= set(corpus.labels)


def test_a_hash_line_inside_a_sentence_is_not_a_comment(tmp_path):
    """Comments come only before a sentence's first token: a `#...` line without a tab after it
    must neither split the sentence nor vanish."""
    text = "#sent_id=a\nFilmen\tO\n#1\nvar\tO\n"
    with pytest.raises(DataError) as caught:
        read_conll(write(tmp_path, text))
    assert str(caught.value).startswith(f"{tmp_path / 'data.conll'}:3: expected token<TAB>tag")
    assert "may only come before a sentence's first token" in str(caught.value)
    unlabelled = read_conll(write(tmp_path, "#sent_id=a\nSe\n#MeToo\nnå\n"), labelled=False)
    assert [s.tokens for s in unlabelled.sentences] == [("Se", "#MeToo", "nå")]
    assert unlabelled.sentences[0].sent_id == "a"


def test_a_file_with_carriage_return_line_ends_quotes_one_line_at_most(tmp_path):
    lines = [f"#sent_id={i}\rord\tO\rmer\tB-targ-Positive\r\r" for i in range(2000)]
    path = write(tmp_path, "".join(lines))
    with pytest.raises(DataError) as caught:
        read_conll(path)
    message = str(caught.value)
    assert "carriage return alone" in message and "'#sent_id=0'" in message
    assert len(message) < 400


def test_a_long_bad_line_is_quoted_cut(tmp_path):
    path = write(tmp_path, "Filmen\tO\n" + "x" * 5000 + "\n")
    with pytest.raises(DataError) as caught:
        read_conll(path)
    assert f"{path}:2: expected token<TAB>tag" in str(caught.value)
    assert len(str(caught.value)) < 400


def test_a_utf16_file_is_named_as_such(tmp_path):
    path = write(tmp_path, "\ufeff" + GOOD, encoding="utf-16-le")
    with pytest.raises(DataError) as caught:
        read_conll(path)
    assert "is UTF-16 text" in str(caught.value) and "iconv -f UTF-16 -t UTF-8" in str(caught.value)
    assert "latin1" not in str(caught.value)


def test_a_device_is_refused_as_data():
    with pytest.raises(DataError) as caught:
        read_conll("/dev/zero")
    assert str(caught.value) == "/dev/zero: is not a regular file (a device or a socket): give a file"


def test_a_file_far_too_large_for_data_is_refused(tmp_path, monkeypatch):
    from tsa_registry import files

    monkeypatch.setitem(files.LIMITS, "data", 1024)
    with pytest.raises(DataError) as caught:
        read_conll(write(tmp_path, GOOD * 100))
    assert "is larger than" in str(caught.value)
