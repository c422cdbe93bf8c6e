"""`tsa-registry plugins new NAME`: a plugin distribution whose own tests pass once installed."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.plugins import pip_install
from tsa_registry.new_plugin import TEMPLATE, template_files


def test_a_new_plugin_installs_and_passes_its_own_tests(cli, tmp_path):
    code, out, err = cli("plugins", "new", "fjord-models", "--dir", str(tmp_path))
    assert code == 0, err
    target = tmp_path / "tsa-fjord-models-plugin"
    assert f"Wrote the plugin 'fjord-models' to {target}" in out
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        "README.md", "pyproject.toml", "src/tsa_fjord_models_plugin/__init__.py",
        "tests/test_tsa_fjord_models_plugin.py"]
    assert 'fjord-models = "tsa_fjord_models_plugin"' in (target / "pyproject.toml").read_text()

    site = tmp_path / "site"
    pip_install(site, target)  # into a folder of its own: the other tests never see it
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0"], cwd=target,
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(site), "TSA_REGISTRY_HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout

    # Its tests fail when the plugin breaks: they are not tests that cannot fail.
    module = site / "tsa_fjord_models_plugin" / "__init__.py"
    module.write_text(module.read_text().replace('families=(FUNNEL.name,)', 'families=("bert",)'))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0"], cwd=target,
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(site), "TSA_REGISTRY_HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 1 and "1 failed, 2 passed" in done.stdout


def test_the_example_is_the_template_itself(tmp_path):
    from tsa_registry.new_plugin import new_plugin

    example = new_plugin("example", tmp_path)
    for relative in template_files():
        assert (example / relative).read_bytes() == (TEMPLATE / relative).read_bytes(), relative
    other = new_plugin("fjord", tmp_path)
    texts = [path.read_text() for path in other.rglob("*") if path.is_file()]
    assert not any("example" in text for text in texts)  # every name of the template is replaced
    assert not any("example" in path.relative_to(other).as_posix() for path in other.rglob("*"))


def test_a_name_that_cannot_be_used_is_refused_and_nothing_is_written(cli, tmp_path):
    code, out, err = cli("plugins", "new", "Fjord Models", "--dir", str(tmp_path))
    assert code == 2 and "'Fjord Models' cannot name a plugin" in err
    code, out, err = cli("plugins", "new", "bert", "--dir", str(tmp_path))
    assert code == 2 and "'bert' is the name of a built-in plugin" in err
    assert list(tmp_path.iterdir()) == []

    (tmp_path / "tsa-fjord-plugin").mkdir()
    (tmp_path / "tsa-fjord-plugin" / "mine.txt").write_text("keep me")
    code, out, err = cli("plugins", "new", "fjord", "--dir", str(tmp_path))
    assert code == 2 and "already exists and is not an empty folder: nothing was written" in err
    assert [p.name for p in (tmp_path / "tsa-fjord-plugin").iterdir()] == ["mine.txt"]


def test_plugins_alone_still_lists(cli):
    code, out, err = cli("plugins")
    assert code == 0 and "norbert3" in out and "register_checks" in out
    code, out, err = cli("plugins", "--help")
    assert "new" in out and "Write a new plugin distribution NAME" in out
