"""scripts/start runs the command in the folder it was started from: relative paths are the user's."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_start_reads_relative_paths_from_the_callers_folder(tmp_path):
    stamp = ROOT / ".venv" / ".installed-from"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text().strip() != wanted:
        pytest.skip("scripts/start would set .venv up first: run it once by hand")
    (tmp_path / "gold.conll").write_text("Filmen\tB-targ-Positive\nvar\tO\nbra\tO\n", encoding="utf-8")
    done = subprocess.run([str(ROOT / "scripts" / "start"), "score", "gold.conll", "gold.conll", "--json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TSA_REGISTRY_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["f1"] == 1.0
