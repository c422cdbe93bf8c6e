"""``TSA_REGISTRY_TRACE_PLUGINS=1``: every hook call and its outcome, on stderr.

Through pluggy's ``add_hookcall_monitoring``, so it sees exactly what pluggy calls: which
implementations (wrappers marked), with which arguments, and what came back or was raised.
The ``register`` arguments say what the plugin registered.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence

import pluggy

from tsa_registry.plugin_guard import describe
from tsa_registry.safe_text import inert

PREFIX = "tsa-registry plugin trace:"


def trace_hook_calls(pm: pluggy.PluginManager) -> Callable[[], None]:
    """Print each hook call of `pm` to stderr from now on; returns the function that stops it."""

    def before(hook: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, object]) -> None:
        called = ", ".join(_implementation(impl) for impl in impls) or "no implementation"
        _say(f"{hook}({', '.join(kwargs)}) calls {called}")

    def after(outcome: pluggy.Result[object], hook: str, impls: Sequence[pluggy.HookImpl],
              kwargs: Mapping[str, object]) -> None:
        on = f"{hook} on {', '.join(dict.fromkeys(impl.plugin_name for impl in impls))}"
        if outcome.exception is not None:
            _say(f"{on} raised {describe(outcome.exception)}")
            return
        result = outcome.get_result()
        returned = [f"returned {result!r}"] if result else []  # register hooks return nothing
        _say(f"{on}: " + ", ".join([*returned, *(f"{name}={value!r}" for name, value in kwargs.items())]))

    return pm.add_hookcall_monitoring(before, after)


def _implementation(impl: pluggy.HookImpl) -> str:
    function = impl.function
    where = f"{getattr(function, '__module__', '?')}.{getattr(function, '__qualname__', repr(function))}"
    wrapper = " (wrapper)" if impl.wrapper or impl.hookwrapper else ""
    return f"{impl.plugin_name}: {where}{wrapper}"


def _say(line: str) -> None:
    print(f"{PREFIX} {inert(line)}", file=sys.stderr, flush=True)
