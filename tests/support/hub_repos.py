"""The model repositories the test Hub serves, by name (repo id `tsa-test/<name>`).

Each spec says how to build the repository from a tiny model (`repo_id` overrides the id, to
serve a catalogue id): `arch` and `options` go to
`build_tiny_model`; `config` is merged into config.json (None values delete keys); `files` adds
files; `raw` replaces a file's text; `behaviour` asks the server's front layer for an answer olah
cannot give ("gated", "rate-limited").
"""

from __future__ import annotations

from pathlib import Path

ORG = "tsa-test"

# Modelling code that must never run: importing it raises, so a test that reaches it fails loudly.
TRAP_CODE = 'raise RuntimeError("remote code from the test Hub was executed")\n'

BARE_NO_CARD = """---
language:
- no
license: mit
---
# A Norwegian model whose card says `no` without quotes
"""

NORBERT3_LIKE = {
    "arch": "bert",
    "options": {"weights": "bin"},
    "config": {"model_type": None, "architectures": ["NorbertForMaskedLM"],
               "auto_map": {"AutoConfig": "configuration_norbert.NorbertConfig",
                            "AutoModel": "modeling_norbert.NorbertModel",
                            "AutoModelForMaskedLM": "modeling_norbert.NorbertForMaskedLM",
                            "AutoModelForTokenClassification": "modeling_norbert.NorbertForTokenClassification"}},
    "files": {"configuration_norbert.py": TRAP_CODE, "modeling_norbert.py": TRAP_CODE},
}

# NorBERT 4 as re-saved copies show it: no model_type, `"model": "norbert4"`, GPT-BERT classes in
# the auto_map and its own names for the sizes (num_layers, max_sequence_length).
NORBERT4_LIKE = {
    "arch": "bert",
    "options": {"card": {"language": ["no", "nb", "nn", "se"], "license": "apache-2.0"}},
    "config": {"model_type": None, "model": "norbert4", "architectures": ["GptBertForMaskedLM"],
               "max_position_embeddings": None, "max_sequence_length": 16384, "num_layers": 2,
               "local_global_ratio": 4, "local_window_length": 256, "global_window_length": 8192,
               "classifier_dropout": 0.2,
               "auto_map": {"AutoConfig": "configuration_gptbert.GptBertConfig",
                            "AutoModel": "modeling_gptbert.GptBertModel",
                            "AutoModelForCausalLM": "modeling_gptbert.GptBertForCausalLM",
                            "AutoModelForMaskedLM": "modeling_gptbert.GptBertForMaskedLM",
                            "AutoModelForTokenClassification": "modeling_gptbert.GptBertForTokenClassification"}},
    "files": {"configuration_gptbert.py": TRAP_CODE, "modeling_gptbert.py": TRAP_CODE},
}

# The same, with modelling code that runs (tests/support/gptbert/, written from the architecture's
# description): for `check --deep --trust-remote-code`.
_GPTBERT = Path(__file__).parent / "gptbert"
NORBERT4_CODE = {**NORBERT4_LIKE, "files": {name: (_GPTBERT / name).read_text(encoding="utf-8")
                                            for name in ("configuration_gptbert.py", "modeling_gptbert.py")}}

EUROBERT_LANGUAGES = ["en", "fr", "de", "es", "zh", "it", "ru", "pl", "pt", "ja", "vi", "nl", "ar", "tr", "hi"]
# English text only, so that the tokenizer probes measure what a vocabulary without Norwegian does.
ENGLISH_TEXTS = [
    "The film was a great success and the audience loved the actors.",
    "The food at the restaurant was cold and the service was slow.",
    "This phone has a bright screen but the battery does not last long.",
    "The new album sounds fresh, although the lyrics are weak in places.",
    "Critics praised the book for its clear writing and honest characters.",
] * 4
EUROBERT_LIKE = {
    "arch": "bert",
    "options": {"texts": ENGLISH_TEXTS, "card": {"language": EUROBERT_LANGUAGES, "license": "apache-2.0"}},
    "config": {"model_type": "eurobert", "architectures": ["EuroBertForMaskedLM"],
               "auto_map": {"AutoConfig": "configuration_eurobert.EuroBertConfig",
                            "AutoModel": "modeling_eurobert.EuroBertModel",
                            "AutoModelForMaskedLM": "modeling_eurobert.EuroBertForMaskedLM",
                            "AutoModelForTokenClassification": "modeling_eurobert.EuroBertForTokenClassification"}},
    "files": {"configuration_eurobert.py": TRAP_CODE, "modeling_eurobert.py": TRAP_CODE},
}
# XLM-R XL's real sizes over a tiny tokenizer and pickle weights: its size comes from the config.
XLMR_XL_LIKE = {
    "arch": "xlmroberta",
    "options": {"weights": "bin", "card": {"language": ["multilingual", "no"], "license": "mit"}},
    "config": {"model_type": "xlm-roberta-xl", "architectures": ["XLMRobertaXLForMaskedLM"],
               "hidden_size": 2560, "num_hidden_layers": 36, "num_attention_heads": 32,
               "intermediate_size": 10240, "vocab_size": 250880, "max_position_embeddings": 514},
}

# AI Sweden's ModernBERT card: an apache-2.0 tag, and prose that limits use to research.
RESEARCH_ONLY_CARD = """---
language:
- sv
- 'no'
- da
- is
license: apache-2.0
---
# ModernBERT (Nordic)

This is a **research artefact** and is only intended for **research purposes**.
"""

SPECS: dict[str, dict] = {
    "bert-cased": {"arch": "bert"},
    "bert-uncased": {"arch": "bert", "options": {"cased": False}},
    "xlmr": {"arch": "xlmroberta"},
    "distilbert": {"arch": "distilbert"},
    "deberta-v2": {"arch": "deberta-v2"},
    "xlm": {"arch": "xlm", "options": {"dtype": "float16",
                                       "card": {"language": ["no", "en"], "license": "cc-by-nc-4.0"}}},
    "bart": {"arch": "bart"},
    "gpt2": {"arch": "gpt2"},
    "modernbert": {"arch": "modernbert"},
    "pickle-only": {"arch": "bert", "options": {"weights": "bin"}},
    "card-bare-no": {"arch": "bert", "options": {"card": BARE_NO_CARD}},
    "english-card": {"arch": "bert", "options": {"card": {"language": ["en"], "license": "apache-2.0"}}},
    "malformed-config": {"arch": "bert", "raw": {"config.json": '{"model_type": "bert", "hidden_size": 32,\n'}},
    "remote-code": {
        "arch": "bert",
        "config": {"model_type": "tsa-custom", "architectures": ["CustomForMaskedLM"],
                   "auto_map": {"AutoConfig": "configuration_custom.CustomConfig",
                                "AutoModelForTokenClassification": "modeling_custom.CustomForTokenClassification"}},
        "files": {"configuration_custom.py": TRAP_CODE, "modeling_custom.py": TRAP_CODE},
    },
    "norbert3-like": NORBERT3_LIKE,
    "norbert3-xs": {**NORBERT3_LIKE, "repo_id": "ltg/norbert3-xs"},  # a catalogue id
    "norbert4-like": NORBERT4_LIKE,
    "norbert4-code": NORBERT4_CODE,
    "eurobert-like": EUROBERT_LIKE,
    "mmbert-like": {"arch": "modernbert", "options": {
        "weights": "bin", "card": {"language": ["multilingual", "no"], "license": "mit"}}},
    "xlmr-xl-like": XLMR_XL_LIKE,
    "research-only-card": {"arch": "modernbert", "options": {"card": RESEARCH_ONLY_CARD}},
    "gated": {"arch": "bert", "behaviour": "gated"},
    "rate-limited": {"arch": "bert", "behaviour": "rate-limited"},
    "slow": {"arch": "xlmroberta", "behaviour": "slow"},  # every answer takes a second, as on a bad line
    # Big enough that a check's small files and header range are a realistic share of the weights.
    "bert-14mb": {"arch": "bert", "options": {"hidden_size": 256, "num_layers": 4}},
}
