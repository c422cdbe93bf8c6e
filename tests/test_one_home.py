"""Each rule lives in one module: these read the package's source and fail when a second copy of
a rule appears elsewhere. (The rules' behaviour is tested beside each module.)"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tsa_registry"
STYLES = {"green", "red", "yellow", "cyan", "magenta", "dim"}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def where(found) -> list[str]:
    return sorted({name for name, _ in found})


def test_the_norwegian_codes_are_written_once():
    """A collection naming Bokmål and Nynorsk together: tsa_registry/languages.py."""
    found = [(name, node) for name, tree in modules() for node in ast.walk(tree)
             if isinstance(node, (ast.Set, ast.List, ast.Tuple)) and {"nb", "nn"} <= strings(node)]
    assert where(found) == ["tsa_registry/languages.py"]


def test_the_colours_of_states_are_written_once():
    """Catalogue statuses, compatibilities, verdicts and run statuses mapped to rich styles."""
    found = [(name, node) for name, tree in modules() for node in ast.walk(tree)
             if isinstance(node, ast.Dict) and node.values and all(
                 isinstance(v, ast.Constant) and isinstance(v.value, str) and set(v.value.split()) <= STYLES | {"bold"}
                 for v in node.values)]
    assert where(found) == ["tsa_registry/formatting.py"]


@pytest.mark.parametrize("name", ["HfHubHTTPError", "GatedRepoError", "OfflineModeIsEnabled",
                                  "LocalEntryNotFoundError"])
def test_the_hubs_errors_are_translated_in_one_place(name):
    found = [(module, node) for module, tree in modules() for node in ast.walk(tree)
             if isinstance(node, (ast.Name, ast.Attribute)) and getattr(node, "id", getattr(node, "attr", "")) == name]
    assert where(found) == ["tsa_registry/sources/errors.py"]


def test_files_are_replaced_whole_in_one_place():
    """Renaming a temporary file over another (os.replace, Path.replace) and its `.tmp` names."""
    found = [(name, node) for name, tree in modules() for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace"
             and isinstance(node.func.value, ast.Name) and node.func.value.id == "os"]
    found += [(name, None) for name, tree in modules() if any(".tmp" in s for s in strings(tree))]
    assert where(found) == ["tsa_registry/files.py"]


def test_f1_turns_into_percent_in_one_place():
    """Multiplying or dividing by 100: the display formatter, and the registry files' percent."""
    found = [(name, node) for name, tree in modules() for node in ast.walk(tree)
             if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Div))
             and any(isinstance(side, ast.Constant) and side.value == 100 for side in (node.left, node.right))]
    # speed/ computes percentiles (0-100) of latencies and sentence lengths, which are not F1
    percentiles = {"tsa_registry/speed/stats.py", "tsa_registry/speed/sentences.py"}
    assert [w for w in where(found) if w not in percentiles] == ["tsa_registry/catalogue.py",
                                                                  "tsa_registry/formatting.py"]


def test_the_tag_set_and_the_span_reader_are_written_once():
    """A list of TSA tags, and reading B-/I- prefixes (`tag[0] == "B"`): tsa_registry/task/tags.py."""
    tags = [(name, node) for name, tree in modules() for node in ast.walk(tree)
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and "B-targ-Positive" in strings(node)]
    prefixes = [(name, node) for name, tree in modules() for node in ast.walk(tree)
                if isinstance(node, ast.Compare) and isinstance(node.left, ast.Subscript)
                and any(isinstance(c, ast.Constant) and c.value in ("B", "I") for c in node.comparators)]
    assert where(tags) == [] and where(prefixes) == ["tsa_registry/task/tags.py"]


def test_model_positions_and_nermodels_quiet_args_are_read_once():
    positions = [(name, None) for name, tree in modules()
                 if {"n_positions", "max_position"} & strings(tree)]
    quiet = [(name, None) for name, tree in modules() if {"use_multiprocessing", "wandb_project"} & strings(tree)]
    assert where(positions) == ["tsa_registry/task/lengths.py"]
    assert where(quiet) == ["tsa_registry/nermodel/args.py"]


def test_which_hub_failures_may_pass_is_decided_once():
    """Sets of source.* codes (unreachable, transient): tsa_registry/sources/errors.py."""
    found = [(name, node) for name, tree in modules() for node in ast.walk(tree)
             if isinstance(node, (ast.Set, ast.List, ast.Tuple))
             and len({s for s in strings(node) if s.startswith("source.")}) >= 2]
    assert where(found) == ["tsa_registry/sources/errors.py"]
