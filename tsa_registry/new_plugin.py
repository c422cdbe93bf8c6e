"""`tsa-registry plugins new NAME`: a plugin distribution to start from, with its own test.

The template is a working plugin, ``plugin_template/`` beside this module: the distribution
``tsa-example-plugin`` (module ``tsa_example_plugin``, plugin name ``example``). A new plugin is
that distribution with those three names replaced, so what the tests install as the example and
what a user starts from are one source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path(__file__).with_name("plugin_template")
TEMPLATE_NAME = "example"
TEMPLATE_SUFFIXES = (".py", ".toml", ".md")
NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")


class NewPluginError(ValueError):
    """A plugin name or folder that cannot be used; the message says what to do."""


@dataclass(frozen=True)
class PluginNames:
    """The three names of a plugin: entry point, distribution and import package."""

    plugin: str

    @property
    def distribution(self) -> str:
        return f"tsa-{self.plugin.replace('_', '-')}-plugin"

    @property
    def module(self) -> str:
        return f"tsa_{self.plugin.replace('-', '_')}_plugin"

    def render(self, text: str) -> str:
        """Template text with this plugin's names in place of the template's."""
        template = PluginNames(TEMPLATE_NAME)
        text = text.replace(template.distribution, self.distribution).replace(template.module, self.module)
        text = re.sub(rf"^{TEMPLATE_NAME} = ", f"{self.plugin} = ", text, flags=re.MULTILINE)  # entry point
        return text.replace(f'"{TEMPLATE_NAME}"', f'"{self.plugin}"')


def template_files() -> list[Path]:
    """The template's files, relative to it (build leftovers and caches are not part of it)."""
    files = (path.relative_to(TEMPLATE) for path in TEMPLATE.rglob("*") if path.is_file())
    return sorted(path for path in files if path.suffix in TEMPLATE_SUFFIXES and not any(
        part in ("__pycache__", "build", "dist") or part.endswith(".egg-info") for part in path.parts))


def new_plugin(name: str, folder: Path, taken: frozenset[str] = frozenset()) -> Path:
    """Write the distribution of plugin `name` into a new folder inside `folder`; return that folder.

    `taken`: plugin names already in use (the built-in ones), refused because the plugin would
    not load beside them."""
    if not NAME.match(name):
        raise NewPluginError(f"{name!r} cannot name a plugin: use lower-case letters and digits, "
                             "words joined by '-' or '_', starting with a letter (such as 'funnel-models').")
    if name in taken:
        raise NewPluginError(f"{name!r} is the name of a built-in plugin, and a plugin of that name would "
                             "not load; choose another name.")
    names = PluginNames(name)
    target = folder / names.distribution
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewPluginError(f"{target} already exists and is not an empty folder: nothing was written. "
                             "Choose another --dir or name, or move it away.")
    for relative in template_files():
        out = target / Path(*(names.render(part) for part in relative.parts))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(names.render((TEMPLATE / relative).read_text(encoding="utf-8")), encoding="utf-8")
    return target
