"""A plain (non-editable) install from the built wheel works on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_installs_and_lists_the_catalogue(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path),
         str(ROOT)],
        check=True,
    )
    wheel = next(tmp_path.glob("tsa_registry-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "tsa_registry/registry.toml" in names
    assert "tsa_registry_plugins/bert.py" in names
    template = "tsa_registry/plugin_template/"  # what `plugins new` writes from
    assert {template + "pyproject.toml", template + "README.md", template + "src/tsa_example_plugin/__init__.py",
            template + "tests/test_tsa_example_plugin.py"} <= set(names)
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "tsa_registry").rglob("__init__.py")}
    assert packages <= {Path(n).parent.as_posix() for n in names}, "a package is missing from pyproject.toml"

    # A fresh environment with only the wheel installed; its dependencies come from this one.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    str(wheel)], check=True)
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    env = {**os.environ, "TSA_REGISTRY_HOME": str(tmp_path / "home")}
    done = subprocess.run([venv / "bin" / "tsa-registry", "list", "--json"], capture_output=True, text=True,
                          cwd=tmp_path, env=env, check=True)
    assert done.stderr == ""
    rows = json.loads(done.stdout)
    assert len(rows) >= 14 and all(row["family"] and row["simpletransformers_model_type"] for row in rows)
    where = subprocess.run([python, "-c", "import tsa_registry; print(tsa_registry.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert where.startswith(site)


def test_the_repository_holds_no_symbolic_link():
    """Links break on Windows checkouts: registry.toml reaches the package at build time instead."""
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert [line for line in listed.splitlines() if line.startswith("120000")] == []
