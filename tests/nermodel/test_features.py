"""The run-start comparison's sample of sentences."""

from __future__ import annotations

from tsa_registry.task.conll import Sentence


def test_the_sample_spreads_over_the_data_and_takes_every_new_character():
    from tsa_registry.nermodel.features import sample_rows

    plain = [Sentence(f"s{i}", ("Filmen", "var", "god"), ("O",) * 3) for i in range(2000)]
    odd = {700: "fa\u030ar", 1333: "🙂", 1999: "\u200e"}
    data = [Sentence(s.sent_id, (odd[i],) + s.tokens[1:], s.tags) if i in odd else s
            for i, s in enumerate(plain)]
    rows = sample_rows(data, size=100, extra=10)
    assert rows == sorted(set(rows)) and set(odd) <= set(rows)
    assert 100 <= len(rows) <= 110 and rows[0] == 0 and rows[-1] >= 1980
    assert sample_rows(data[:50], size=100) == list(range(50))
