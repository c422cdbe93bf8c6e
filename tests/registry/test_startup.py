"""The fast paths never import the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("torch", "transformers", "simpletransformers")

PROBE = """
import sys
from tsa_registry.cli import main
sys.argv = ["tsa-registry", *{args!r}]
try:
    main()
except SystemExit:
    pass
print("HEAVY:" + ",".join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["list"], ["list", "--json"], ["show", "xlm-roberta-base"], ["plugins"]])
def test_fast_commands_import_no_heavy_library(args, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)], capture_output=True, text=True,
        env={"TSA_REGISTRY_HOME": str(tmp_path), "PATH": ""},
    )
    assert "HEAVY:\n" in done.stderr, done.stderr


def test_importing_the_cli_lists_no_heavy_module():
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import tsa_registry.cli"],
                          capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    assert not imported & set(HEAVY)
