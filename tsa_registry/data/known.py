"""The data sets tsa-registry can fetch from the Hugging Face Hub: facts, not code.

Each entry says where a data set lives (a Hub dataset repository at a pinned commit), which files
make each split of each config (the `configs: data_files` globs of its card), how many sentences
each split must hold, and its licence and citation. Adding a data set in the same Hub layout
(parquet files with an id column, a token list and a tag list per row) is one more entry here.
"""

from __future__ import annotations

import msgspec


class Split(msgspec.Struct, frozen=True):
    """One split: its file name here, its name on the Hub, and the sentences it must hold."""

    name: str  # train, dev, test: the CoNLL file is `<name>.conll`
    hub_name: str  # the split's name in the card's `configs` (`validation` for dev)
    sentences: int


class Config(msgspec.Struct, frozen=True):
    """One config of the Hub dataset: the files of each split, by the card's glob."""

    name: str
    files: dict[str, str]  # Hub split name -> path glob in the repository
    description: str
    intensity: bool = False  # tags carry an intensity (`B-targ-Positive-2`)


class DataSet(msgspec.Struct, frozen=True):
    name: str  # what the user types: `tsa-registry data get norec_tsa`
    title: str
    repo_id: str  # a dataset repository on the Hub
    revision: str  # a full commit hash: the same bytes on every machine
    configs: tuple[Config, ...]
    splits: tuple[Split, ...]
    licence: str  # SPDX id, as in the card's front matter
    licence_name: str
    licence_note: str  # what the licence means for models trained on the data
    citation: str  # BibTeX
    homepage: str
    sources: tuple[str, ...]  # where these facts were read
    id_column: str = "idx"
    tokens_column: str = "tokens"
    tags_column: str = "tsa_tags"

    def config(self, name: str) -> Config:
        for config in self.configs:
            if config.name == name:
                return config
        known = ", ".join(c.name for c in self.configs)
        raise KeyError(f"{self.name} has no config {name!r} (configs: {known})")

    def split(self, name: str) -> Split:
        for split in self.splits:
            if name in (split.name, split.hub_name):
                return split
        known = ", ".join(s.name for s in self.splits)
        raise KeyError(f"{self.name} has no split {name!r} (splits: {known})")


# NoReC_tsa on the Hub. Sources, read for this entry:
# - the card, https://huggingface.co/datasets/ltg/norec_tsa (README.md front matter at f9757d4 and
#   28187f0): `license: cc-by-nc-4.0`; `configs`: default with data_files `data/{train,validation,
#   test}-*`, intensity with `intensity/{train,validation,test}-*`; `dataset_info`: features
#   idx (string), tokens (sequence of string), tsa_tags (sequence of string: the tags are plain
#   strings, no class ids); num_examples 8634 / 1531 / 1272 in both configs;
# - the file tree at main (tree/main/intensity: `{train,validation,test}-00000-of-00001.parquet`,
#   676 kB / 122 kB / 104 kB, stored in LFS); parquet only, no loading script;
# - commit 28187f05fc1c2b0e1b0271aab9c5190707af9932 ("update readme", parent 5ed3124), the head of
#   main when this entry was written; the data files last changed in 8d2698c and f9757d4;
# - NorBench's copy (github.com/ltgoslo/norbench, sentiment_analysis/tsa/{train,validation,test}/
#   dataset_info.json): the same three features; its `splits` is null, so the counts come from the
#   card, and they match NoReC_fine's README table (8634 / 1531 / 1272 sentences);
# - the citation: the card's "Citation Information" (commit 2b569e3), the LREC 2020 paper.
NOREC_TSA = DataSet(
    name="norec_tsa",
    title="NoReC_tsa: targeted sentiment in Norwegian reviews",
    repo_id="ltg/norec_tsa",
    revision="28187f05fc1c2b0e1b0271aab9c5190707af9932",
    configs=(
        Config("default", {"train": "data/train-*", "validation": "data/validation-*",
                           "test": "data/test-*"},
               "targets tagged Positive or Negative"),
        Config("intensity", {"train": "intensity/train-*", "validation": "intensity/validation-*",
                             "test": "intensity/test-*"},
               "targets tagged with polarity and intensity 1-3 (Slight, Standard, Strong)",
               intensity=True),
    ),
    splits=(Split("train", "train", 8634), Split("dev", "validation", 1531),
            Split("test", "test", 1272)),
    licence="cc-by-nc-4.0",
    licence_name="CC BY-NC 4.0 (Creative Commons Attribution-NonCommercial 4.0)",
    licence_note=("Use it for non-commercial purposes only, and credit its authors. A model "
                  "fine-tuned on it carries that condition: do not use or distribute such a model "
                  "commercially."),
    citation="""@InProceedings{OvrMaeBar20,
  author = {Lilja Øvrelid and Petter Mæhlum and Jeremy Barnes and Erik Velldal},
  title = {A Fine-grained Sentiment Dataset for {N}orwegian},
  booktitle = {{Proceedings of the 12th Edition of the Language Resources and Evaluation Conference}},
  year = 2020,
  address = {Marseille, France, 2020}
}""",
    homepage="https://github.com/ltgoslo/norec_tsa",
    sources=("https://huggingface.co/datasets/ltg/norec_tsa (card front matter and file tree)",
             "https://github.com/ltgoslo/norbench/tree/main/sentiment_analysis/tsa"),
)

KNOWN: dict[str, DataSet] = {data.name: data for data in (NOREC_TSA,)}


class UnknownDataSet(KeyError):
    """A name that is no known data set, config or split; the message lists the known ones."""

    def __str__(self) -> str:
        return str(self.args[0])


def is_data_name(text: str) -> bool:
    """Whether `text` names a known data set (`norec_tsa`, `norec_tsa:intensity`) rather than a
    file: the part before any `:` is a known name. Whether a file of that name in the working
    folder wins is for the caller to say."""
    return str(text).partition(":")[0] in KNOWN


def lookup(text: str, config: str | None = None) -> tuple[DataSet, Config]:
    """The data set and config `text` names (`name` or `name:config`; `config` when given
    names the config instead). Raises UnknownDataSet listing what is known."""
    name, _, named = str(text).partition(":")
    if name not in KNOWN:
        raise UnknownDataSet(f"unknown data set {name!r}; known: {', '.join(sorted(KNOWN))}")
    data = KNOWN[name]
    try:
        return data, data.config(config or named or data.configs[0].name)
    except KeyError as err:
        raise UnknownDataSet(str(err.args[0])) from None


def full_name(data: DataSet, config: Config) -> str:
    """How the user names this config: `norec_tsa`, or `norec_tsa:intensity` for another one."""
    return data.name if config.name == data.configs[0].name else f"{data.name}:{config.name}"
