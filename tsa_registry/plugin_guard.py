"""Running plugin code so that whatever it raises stays its own, and a real Ctrl-C still stops.

A plugin may raise anything, ``SystemExit`` and ``KeyboardInterrupt`` included (``sys.exit`` in
a hook, a library that raises KeyboardInterrupt on its own). Those are the plugin's failures, to
be reported; only a KeyboardInterrupt that follows a real SIGINT is the user's Ctrl-C.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType


@contextlib.contextmanager
def watching_ctrl_c() -> Iterator[Callable[[BaseException], bool]]:
    """Around plugin code: yields `pressed(exc)`, true when `exc` is a real Ctrl-C (SIGINT came
    in meanwhile) that must stop the command, false when the plugin raised it or anything else.

    Signals reach only the main thread, so elsewhere every KeyboardInterrupt is the plugin's."""
    arrived: list[int] = []
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.getsignal(signal.SIGINT)  # None: set outside Python, left alone
    if previous is not None:

        def note(signum: int, frame: FrameType | None) -> None:
            arrived.append(signum)
            if callable(previous):
                previous(signum, frame)
            elif previous != signal.SIG_IGN:
                raise KeyboardInterrupt

        signal.signal(signal.SIGINT, note)
    try:
        yield lambda exc: isinstance(exc, KeyboardInterrupt) and bool(arrived)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def describe(exc: BaseException) -> str:
    """What a plugin raised, in words: the exception's type and message."""
    if isinstance(exc, SystemExit):
        return f"SystemExit: it called sys.exit({exc.code!r})"
    if isinstance(exc, KeyboardInterrupt):
        return "KeyboardInterrupt (raised by the plugin, not by Ctrl-C)"
    return f"{type(exc).__name__}: {exc}"
