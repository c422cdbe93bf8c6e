"""Strict span F1 as NorBench computes it, on tag sequences whose answer is worked out by hand."""

import random

import pytest
from seqeval.metrics.sequence_labeling import get_entities

from tsa_registry.task.metrics import score
from tsa_registry.task.tags import Span, spans

P, IP, N, IN, O = "B-targ-Positive", "I-targ-Positive", "B-targ-Negative", "I-targ-Negative", "O"


def test_spans_of_valid_bio():
    assert spans([P, IP, O, N, O, P]) == [
        Span(0, 2, "targ-Positive"), Span(3, 4, "targ-Negative"), Span(5, 6, "targ-Positive")]


def test_invalid_bio_i_after_o_or_another_type_starts_a_span():
    assert spans([O, IP, IP, O]) == [Span(1, 3, "targ-Positive")]
    assert spans([IP, O]) == [Span(0, 1, "targ-Positive")]
    assert spans([P, IN, IN, IP]) == [
        Span(0, 1, "targ-Positive"), Span(1, 3, "targ-Negative"), Span(3, 4, "targ-Positive")]
    assert spans(["B-targ-Positive-1", "I-targ-Positive-2"]) == [
        Span(0, 1, "targ-Positive-1"), Span(1, 2, "targ-Positive-2")]


def test_spans_agree_with_seqeval_default_mode_on_random_sequences():
    rng = random.Random(7)
    for _ in range(500):
        tags = [rng.choice([P, IP, N, IN, O, O]) for _ in range(rng.randint(1, 15))]
        ours = [(s.type, s.start, s.end - 1) for s in spans(tags)]
        assert ours == get_entities(tags), tags


def test_perfect_prediction():
    result = score([[P, IP, O, N]], [[P, IP, O, N]])
    assert (result.f1, result.strict.precision, result.strict.recall) == (1.0, 1.0, 1.0)


def test_right_extent_wrong_polarity():
    gold = [[P, IP, O], [N, O, O]]
    pred = [[N, IN, O], [N, O, O]]
    result = score(gold, pred).to_dict()
    # Sentence 1: incorrect (same extent, other polarity); sentence 2: correct.
    assert result["counts"] == {"correct": 1, "incorrect": 1, "missed": 0, "spurious": 0}
    assert (result["precision"], result["recall"], result["f1"]) == (0.5, 0.5, 0.5)
    # Polarity ignored, both targets are found.
    assert result["target_only"]["f1"] == 1.0
    assert result["polarity_confusion"] == {
        "Negative": {"Negative": 1, "Positive": 0}, "Positive": {"Negative": 1, "Positive": 0}}
    # Per polarity: the positive target is missed; one of two negative predictions is right.
    assert result["per_polarity"]["Positive"]["recall"] == 0.0
    assert result["per_polarity"]["Positive"]["precision"] == 0.0
    assert result["per_polarity"]["Negative"]["precision"] == 0.5
    assert result["per_polarity"]["Negative"]["recall"] == 1.0
    assert result["per_polarity"]["Negative"]["f1"] == pytest.approx(2 / 3)


def test_partial_overlap_counts_as_incorrect_not_as_miss_plus_spurious():
    gold = [[O, P, IP, IP, O]]
    result = score(gold, [[O, P, IP, O, O]]).to_dict()
    assert result["counts"] == {"correct": 0, "incorrect": 1, "missed": 0, "spurious": 0}
    assert result["f1"] == 0.0
    assert result["target_only"]["f1"] == 0.0


def test_overlap_on_the_last_token_only_is_not_an_overlap_for_norbench():
    # Gold covers tokens 1-3, the prediction 3-4: they share token 3, but NorBench's evaluator
    # tests overlap on ranges that leave out each span's last token, so this is one spurious
    # prediction and one missed target.
    result = score([[O, P, IP, IP, O]], [[O, O, O, P, IP]]).to_dict()
    assert result["counts"] == {"correct": 0, "incorrect": 0, "missed": 1, "spurious": 1}


def test_two_predictions_inside_one_target_both_count_against_recall():
    # Sentence 1: gold has one 4-token target; the prediction splits it in two: both halves
    # are "incorrect", so NorBench's recall denominator is 2 here, not 1.
    # Sentence 2: one correct target.
    gold = [[P, IP, IP, IP], [N]]
    pred = [[P, IP, P, IP], [N]]
    result = score(gold, pred).to_dict()
    assert result["counts"] == {"correct": 1, "incorrect": 2, "missed": 0, "spurious": 0}
    assert result["precision"] == pytest.approx(1 / 3)
    assert result["recall"] == pytest.approx(1 / 3)  # seqeval would say 1/2
    assert result["f1"] == pytest.approx(1 / 3)


def test_invalid_bio_in_predictions_is_read_as_seqeval_default_reads_it():
    gold = [[P, IP, O], [O, N, IN]]
    # An I- after O starts a span: both predictions are then exactly right.
    pred = [[IP, IP, O], [O, IN, IN]]
    assert score(gold, pred).f1 == 1.0
    # An I- of another type starts a new span: two one-token spans, neither right. They do not
    # "overlap" the two-token gold span either (last tokens left out), so both are spurious.
    result = score([[P, IP, O], [N]], [[P, IN, O], [O]]).to_dict()
    assert result["counts"] == {"correct": 0, "incorrect": 0, "missed": 2, "spurious": 2}


def test_predicted_types_absent_from_gold_are_ignored():
    # No negative target anywhere in gold: NorBench drops negative predictions altogether.
    result = score([[P, O, O]], [[P, O, N]]).to_dict()
    assert result["f1"] == 1.0
    assert result["predicted_spans"] == 1
    assert list(result["per_polarity"]) == ["Positive"]


def test_counts_are_summed_over_sentences_before_dividing():
    gold = [[P, O], [P, O], [P, O], [N, O]]
    pred = [[P, O], [O, O], [O, P], [N, O]]
    result = score(gold, pred).to_dict()
    # correct 2, spurious 1 (sentence 3), missed 2 (sentences 2 and 3)
    assert result["counts"] == {"correct": 2, "incorrect": 0, "missed": 2, "spurious": 1}
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(2 / 4)
    assert result["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_no_predictions_scores_zero_without_dividing_by_zero():
    result = score([[P, O]], [[O, O]]).to_dict()
    assert (result["f1"], result["precision"], result["recall"]) == (0.0, 0.0, 0.0)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError, match="sentence 1: 1 predicted tags for 2 gold tags"):
        score([[P], [P, O]], [[P], [P]])
    with pytest.raises(ValueError, match="1 predicted sentences for 2 gold sentences"):
        score([[P], [O]], [[P]])
