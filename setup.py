"""One build step beyond pyproject.toml: registry.toml, kept at the repository's root where its
readers look for it, is copied into the package when it is built (wheel, sdist's wheel, or an
install), so the installed package carries its catalogue without a symbolic link in the
repository (links break on Windows checkouts)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CATALOGUE = Path(__file__).resolve().with_name("registry.toml")


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib, "tsa_registry", "registry.toml")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CATALOGUE, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), str(Path(self.build_lib, "tsa_registry", "registry.toml"))]


setup(cmdclass={"build_py": BuildPy})
