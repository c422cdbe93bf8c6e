"""The plugin contract: the hooks a tsa-registry plugin may implement, and their argument types.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose names match the
specifications below, made known through the entry-point group ``tsa_registry``::

    [project.entry-points.tsa_registry]
    mymodels = "mymodels_plugin"

Every hook receives a ``register`` callback (or the click group) instead of returning values, so
that one plugin can register several things and the registry can tell which plugin registered
what. Each plugin's implementations are called through pluggy on their own, so an
implementation may name only the arguments it uses, and a ``wrapper=True`` implementation wraps
its own plugin's implementations of that hook. Hooks must be cheap and must not import torch,
transformers or simpletransformers at module level (``tsa-registry list`` loads every plugin).
docs/plugins.md has an example of each hook.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

import pluggy

if TYPE_CHECKING:
    import click

    from tsa_registry.check.findings import Finding
    from tsa_registry.families import Family
    from tsa_registry.sources.facts import ModelFacts

PROJECT = "tsa_registry"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class Check(Protocol):
    """A compatibility check: reads what is known of a model, returns findings (or None).

    ``facts`` is the ``ModelFacts`` of the model being checked (config, tokenizer files, card,
    file list), ``family`` the ``Family`` that claims it, or None. A check only reads ``facts``:
    it never downloads and never loads weights.
    """

    def __call__(self, facts: ModelFacts, family: Family | None, /) -> Iterable[Finding] | None: ...


class RegisterFamily(Protocol):
    def __call__(self, family: Family, /) -> None: ...


class RegisterCheck(Protocol):
    def __call__(self, check: Check, /, *, families: Iterable[str] | None = None) -> None: ...


@hookspec
def register_families(register: RegisterFamily) -> None:
    """Register model families.

    Call ``register(Family(...))`` once per family. A family claims ``config.json`` model_type
    values (or, for configs without one, ``auto_map`` class names), names the Simpletransformers
    NER model_type to use, and states the NERArgs it needs, its known problems and its default
    hyperparameters. When two families claim the same model_type, the rule in
    ``tsa_registry.families.claim_order`` decides.
    """


@hookspec
def register_checks(register: RegisterCheck) -> None:
    """Register extra compatibility checks for ``tsa-registry check``.

    Call ``register(check)`` to run ``check`` for every model, or
    ``register(check, families=("name", ...))`` to run it only for models those families claim.
    A check that raises is reported as a warning finding and the others still run.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``tsa-registry`` command line.

    ``cli`` is a click group: decorate functions with ``@cli.command()``. Import heavy libraries
    inside the command, not at module level, so ``tsa-registry --help`` stays fast.
    """
