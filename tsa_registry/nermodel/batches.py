"""Tags for words from a loaded NERModel: NERModel.predict's tags, computed with less waste.

NERModel.predict builds its features word by word, batches the sentences in the order given
(so a batch is as wide as its longest sentence, whatever the others are), and maps the
predictions back to words with Python loops over every position of every row. Here the features
are the checked fast features (nermodel/features.py, compared with NERModel's own at run time), the
sentences are sorted by length so that each batch holds sentences of about one length and is cut
to its own longest one, and each word takes the prediction of its first piece: the positions
whose label id is not NERModel's padding label, which is how NERModel.predict reads them too.
Padding is masked out of attention, so the tags are NERModel.predict's; the tests compare them.
"""

from __future__ import annotations

from collections.abc import Sequence

from tsa_registry.task.conll import Sentence


def length_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices of the sentences, shortest first (ties in their given order), in batches of
    `batch_size`: neighbours have about the same length, so a batch cut to its longest sentence
    holds little padding. `predict` and `speed` batch this way."""
    if batch_size < 1:
        raise ValueError(f"batch size must be at least 1, not {batch_size}")
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    return [order[start:start + batch_size] for start in range(0, len(order), batch_size)]


def word_features(model, sentences: Sequence[Sentence]):
    """The features NERModel would build to predict `sentences` (every word labelled with the
    first label, as NERModel.predict does), from the checked fast builder; a difference from
    NERModel's own features is kept in `model.feature_mismatches` (its own are then used)."""
    from tsa_registry.nermodel.features import checked_features

    filler = model.args.labels_list[0]
    rows = [Sentence(s.sent_id, tuple(s.tokens), (filler,) * len(s.tokens), s.line) for s in sentences]
    features, mismatch = checked_features(model, rows, evaluate=True)
    if mismatch is not None:
        model.feature_mismatches.append(mismatch)
    return features


def batch_inputs(model, tensors, rows: Sequence[int]) -> dict:
    """The forward pass's inputs for `rows` of the features, cut to the longest of them and on
    the model's device (without labels: the loss is not needed to predict)."""
    import torch

    index = torch.tensor(list(rows))
    width = int(tensors[1][index].sum(dim=1).max())
    inputs = model._get_inputs_dict(tuple(t[index, :width] for t in tensors))
    inputs.pop("labels", None)
    return inputs


def tag_words(model, sentences: Sequence[Sentence], batch_size: int | None = None) -> list[list[str]]:
    """Each sentence's word tags, as NERModel.predict gives them (words cut by max_seq_length get
    none). `batch_size`: sentences a forward pass (default: the model's eval_batch_size)."""
    import torch

    if not sentences:
        return []
    tensors = word_features(model, sentences).tensors
    widths = tensors[1].sum(dim=1).tolist()
    labels = list(model.args.labels_list)
    found: list[list[str]] = [[] for _ in sentences]
    model._move_model_to_device()
    model.model.eval()
    with torch.inference_mode():
        for rows in length_batches(widths, batch_size or model.args.eval_batch_size):
            inputs = batch_inputs(model, tensors, rows)
            best = model.model(**inputs)[0].argmax(dim=-1).cpu()
            first_pieces = tensors[3][torch.tensor(rows), :best.shape[1]] != model.pad_token_label_id
            for at, row in enumerate(rows):
                found[row] = [labels[i] for i in best[at][first_pieces[at]].tolist()]
    return found
