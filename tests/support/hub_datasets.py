"""Dataset repositories the test Hub serves, shaped like NoReC_tsa on the Hub, made up here.

The layout is the real one (see tsa_registry/data/known.py for its sources): parquet files
`data/{train,validation,test}-00000-of-00001.parquet` (config `default`) and
`intensity/...` (config `intensity`) in LFS, columns `idx` (string), `tokens` and `tsa_tags`
(lists of strings), and a README whose front matter has the card's `configs` (data_files) and
`dataset_info`. The sentences are synthetic (`tagged_sentences`), never NoReC_tsa's, with exactly
its split sizes, so that the sentence count check runs for real, and a few odd tokens of the
shapes real data has: `#10` as a sentence's first token, a lone `#`, C1 control characters, a soft
hyphen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tsa_registry.data.known import NOREC_TSA
from tsa_registry.task.norwegian import tagged_sentences

REAL_COUNTS = {"train": 8634, "validation": 1531, "test": 1272}
FEATURES = {"idx": {"dtype": "string", "_type": "Value"},
            "tokens": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"},
            "tsa_tags": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"}}
# (split, sentence, tokens put first): shapes a CoNLL reader or writer can get wrong.
ODD_STARTS = [("test", 5, ["#10"]), ("train", 3, ["#"]), ("validation", 2, ["#sent_id=lure"]),
              ("train", 7, ["Baldur\x92s", "\x96"]), ("validation", 0, ["\xad", "»"]),
              ("test", 9, ["#", "#metoo"])]


@dataclass(frozen=True)
class DatasetSpec:
    repo_id: str
    counts: dict[str, int] = field(default_factory=lambda: dict(REAL_COUNTS))
    published_as: str | None = NOREC_TSA.revision  # the commit id it is served under
    behaviour: str | None = None  # "gated": as for model repositories
    seed: int = 11


DATASETS = {
    "norec_tsa": DatasetSpec("ltg/norec_tsa"),
    "norec_tsa-wrong-count": DatasetSpec("tsa-test/norec_tsa-wrong-count",
                                         counts={**REAL_COUNTS, "test": 1271}),
    "norec_tsa-gated": DatasetSpec("tsa-test/norec_tsa-gated", behaviour="gated"),
}


def rows(spec: DatasetSpec, intensity: bool = False) -> dict[str, list[tuple[str, list[str], list[str]]]]:
    """The (idx, tokens, tags) rows of each Hub split, as the fixture serves them."""
    total = sum(spec.counts.values())
    made = tagged_sentences(total, seed=spec.seed)
    out, start = {}, 0
    for split, count in spec.counts.items():
        out[split] = []
        for i, (words, tags) in enumerate(made[start:start + count]):
            n = start + i
            idx = f"{600000 + n // 40:06d}-{(n // 8) % 5 + 1:02d}-{n % 8 + 1:02d}"
            if intensity:
                tags = [t if t == "O" else f"{t}-{n % 3 + 1}" for t in tags]
            out[split].append((idx, list(words), list(tags)))
        start += count
    for split, index, first in ODD_STARTS:
        idx, words, tags = out[split][index]
        out[split][index] = (idx, first + words, ["O"] * len(first) + tags)
    return out


def build_dataset(spec: DatasetSpec, folder: Path) -> Path:
    """Write the repository's files into `folder` (parquet, README, .gitattributes)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("idx", pa.string()), ("tokens", pa.list_(pa.string())),
                        ("tsa_tags", pa.list_(pa.string()))],
                       metadata={"huggingface": json.dumps({"info": {"features": FEATURES}})})
    info = {}
    for config, subfolder in (("default", "data"), ("intensity", "intensity")):
        (folder / subfolder).mkdir(parents=True)
        info[config] = {}
        for split, data in rows(spec, intensity=config == "intensity").items():
            table = pa.Table.from_pylist(
                [{"idx": i, "tokens": w, "tsa_tags": t} for i, w, t in data], schema=schema)
            pq.write_table(table, folder / subfolder / f"{split}-00000-of-00001.parquet")
            info[config][split] = (table.nbytes, len(data))
    (folder / "README.md").write_text(_card(info), encoding="utf-8")
    return folder


def _card(info: dict) -> str:
    lines = ["---", "language:", "- 'no'", "- nb", "- nn", "license: cc-by-nc-4.0",
             "size_categories:", "- 10K<n<100K", "task_categories:", "- token-classification",
             "pretty_name: NoReC TSA", "dataset_info:"]
    for config, splits in info.items():
        lines += [f"- config_name: {config}", "  features:", "  - name: idx", "    dtype: string",
                  "  - name: tokens", "    sequence: string", "  - name: tsa_tags",
                  "    sequence: string", "  splits:"]
        for split, (size, count) in splits.items():
            lines += [f"  - name: {split}", f"    num_bytes: {size}", f"    num_examples: {count}"]
    lines.append("configs:")
    for config, subfolder in (("default", "data"), ("intensity", "intensity")):
        lines += [f"- config_name: {config}", "  data_files:"]
        lines += [f"  - split: {s}\n    path: {subfolder}/{s}-*" for s in REAL_COUNTS]
    lines += ["---", "# NoReC TSA (synthetic sentences in its layout, for tests)", ""]
    return "\n".join(lines)
