"""The model repositories the test Hub serves, by name (repo id `tsa-test/<name>`).

Each spec says how to build the repository from a tiny model (`repo_id` overrides the id, to
serve a catalogue id): `arch` and `options` go to
`build_tiny_model`; `config` is merged into config.json (None values delete keys); `files` adds
files; `raw` replaces a file's text; `behaviour` asks the server's front layer for an answer olah
cannot give ("gated", "rate-limited").
"""

from __future__ import annotations

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
    "gated": {"arch": "bert", "behaviour": "gated"},
    "rate-limited": {"arch": "bert", "behaviour": "rate-limited"},
    "slow": {"arch": "xlmroberta", "behaviour": "slow"},  # every answer takes a second, as on a bad line
    # Big enough that a check's small files and header range are a realistic share of the weights.
    "bert-14mb": {"arch": "bert", "options": {"hidden_size": 256, "num_layers": 4}},
}
