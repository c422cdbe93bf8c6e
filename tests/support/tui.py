"""Helpers for driving the terminal UI in tests: what the screen shows, tables, notifications,
pasting, waiting for workers."""

from __future__ import annotations

from typing import Any

from textual.app import App

USER_REGISTRY = """\
# My own checkpoints: keep this comment.
# (written by hand)

[[model]]
id = "someone/keep-me"   # and this one
family = "bert"
status = "expected"
languages = ["nb"]
"""


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain text. Textual has no public way to read the composed
    screen as text (export_screenshot gives SVG), so this asks the screen's compositor."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def table_ids(table) -> list[str]:
    """The row keys of a DataTable, top to bottom."""
    return [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)]


def toasts(app: App[Any]) -> list[str]:
    """The text of each notification on screen, its title first if it has one (needs
    `run_test(notifications=True)`)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def paste(pilot, selector: str, text: str) -> None:
    """Focus a field, empty it, and paste text into it as a terminal paste does."""
    from textual import events

    field = pilot.app.screen.query_one(selector)
    field.focus()
    field.value = ""
    field.post_message(events.Paste(text))
    await pilot.pause()


def widget_text(widget) -> str:
    """A Static's content rendered without wrapping, for text that the screen wraps."""
    import io

    from rich.console import Console

    console = Console(width=400, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


async def settle(pilot, seconds: float = 300) -> None:
    """Wait until no worker runs, including workers that finished ones start (plan, then train),
    and until the fine-tune the app follows (in a thread of its own) has ended."""
    import time

    app = pilot.app
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if not any(worker.is_running for worker in app.workers) and getattr(app, "training", None) is None:
            await pilot.pause()
            return
