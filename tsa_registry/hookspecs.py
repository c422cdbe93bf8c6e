"""The plugin contract: the hooks a tsa-registry plugin may implement.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose names match the
specifications below, made known through the entry-point group ``tsa_registry``::

    [project.entry-points.tsa_registry]
    mymodels = "mymodels_plugin"

Every hook receives a ``register`` callback (or the click group) instead of returning values, so
that one plugin can register several things and the registry can tell which plugin registered
what. Hooks run once per process; they must be cheap and must not import torch, transformers or
simpletransformers at module level (``tsa-registry list`` loads every plugin).
"""

from __future__ import annotations

from typing import Any, Callable

import pluggy

PROJECT = "tsa_registry"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_families(register: Callable[[Any], None]) -> None:
    """Register model families.

    Call ``register(Family(...))`` once per family (``tsa_registry.families.Family``). A family
    claims ``config.json`` model_type values (or, for configs without one, ``auto_map`` class
    names), names the Simpletransformers NER model_type to use, and states the NERArgs it needs,
    its known problems and its default hyperparameters. When two families claim the same
    model_type, the rule in ``tsa_registry.families.resolve_claims`` decides.
    """


@hookspec
def register_checks(register: Callable[[Callable[..., Any]], None]) -> None:
    """Register extra compatibility checks for ``tsa-registry check``.

    Call ``register(check)`` with ``check(facts, family)`` returning an iterable of
    ``tsa_registry.check.findings.Finding``: ``facts`` is the ``ModelFacts`` of the model being
    checked (config, tokenizer files, card, files), ``family`` the ``Family`` that claims it, or
    None. A check must only read ``facts``: never download, never load weights. A check that
    raises is reported as a warning finding and the others still run.
    """


@hookspec
def register_commands(cli: Any) -> None:
    """Add commands to the ``tsa-registry`` command line.

    ``cli`` is the top-level click group: decorate functions with ``@cli.command()``. Import heavy
    libraries inside the command, not at module level, so ``tsa-registry --help`` stays fast.
    """
