"""The core stays free of the shells, and cheap to import."""

from __future__ import annotations

import subprocess
import sys

CORE = ["tsa_registry.check", "tsa_registry.check.run", "tsa_registry.gpu_memory",
        "tsa_registry.check.report", "tsa_registry.check.render", "tsa_registry.sources",
        "tsa_registry.sources.hub", "tsa_registry.tiny"]


def test_core_modules_import_neither_shells_nor_heavy_libraries():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in CORE) +
            "print(sorted(m for m in ('click', 'textual', 'torch', 'transformers', 'simpletransformers') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
