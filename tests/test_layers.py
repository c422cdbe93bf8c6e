"""The layers hold: the import-linter contracts in pyproject.toml, and no module imports torch,
transformers or simpletransformers when imported, but the few that run models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "transformers", "simpletransformers")
# The modules that import a heavy library at the top, on purpose: they run models.
RUN_MODELS = {"tsa_registry.nermodel.model", "tsa_registry.nermodel.features",
              "tsa_registry.training.worker.callbacks"}


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_only_the_modules_that_run_models_import_heavy_libraries():
    """Each module, imported in turn in a fresh interpreter (a new module is covered too): the
    first that pulls in a heavy library is named."""
    code = f"""
import importlib, pkgutil, sys
import tsa_registry
heavy = {HEAVY!r}
skip = {sorted(RUN_MODELS)!r}
names = sorted(m.name for m in pkgutil.walk_packages(tsa_registry.__path__, "tsa_registry."))
for name in names:
    if name in skip or name.endswith("__main__"):
        continue
    importlib.import_module(name)
    pulled = [h for h in heavy if h in sys.modules]
    if pulled:
        print(name, pulled)
        break
print("checked", len(names))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("checked"), done.stdout
    assert int(done.stdout.split()[1]) > 90
