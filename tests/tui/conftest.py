"""Fixtures for the app tests: an empty user home, your registry file, the app factory, the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tsa_registry.tui.app import TsaApp, create_app

USER_REGISTRY = """\
# My own checkpoints: keep this comment.
# (written by hand)

[[model]]
id = "someone/keep-me"   # and this one
family = "bert"
status = "expected"
languages = ["nb"]
"""


def pytest_collection_modifyitems(items):
    """Run the async tests here on asyncio, through anyio's pytest plugin."""
    import inspect

    for item in items:
        if "tests/tui/" in str(item.path).replace("\\", "/") and inspect.iscoroutinefunction(
            getattr(item, "function", None)
        ):
            item.add_marker(pytest.mark.anyio)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def user_registry(tmp_path) -> Path:
    path = tmp_path / "registry.toml"
    path.write_text(USER_REGISTRY, encoding="utf-8")
    return path


@pytest.fixture
def make_app(tmp_path, user_registry):
    """The real app over your registry file and an empty runs folder of the test's own."""

    def make(**options) -> TsaApp:
        options.setdefault("user_registry", user_registry)
        options.setdefault("runs_root", tmp_path / "runs")
        return create_app(**options)

    return make


def screen_text(app: TsaApp) -> str:
    """What the terminal shows now, as plain text (the compositor's lines)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def table_ids(table) -> list[str]:
    """The row keys of a DataTable, top to bottom."""
    return [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)]


def toasts(app: TsaApp) -> list[str]:
    """The text of the notifications on screen (needs `run_test(notifications=True)`)."""
    from textual.widgets._toast import Toast

    return [str(toast._notification.message) for toast in app.screen.query(Toast)]


@pytest.fixture(scope="session")
def tsa_files(tmp_path_factory):
    """Small NoReC_tsa-style train and dev files (template sentences, made here)."""
    from tsa_registry.task.conll import Sentence, write_conll
    from tsa_registry.task.norwegian import tagged_sentences

    folder = tmp_path_factory.mktemp("tsa-data")
    sentences = [Sentence(f"s-{i}", tuple(w), tuple(t)) for i, (w, t) in enumerate(tagged_sentences(48, seed=5))]
    write_conll(folder / "train.conll", sentences[:32])
    write_conll(folder / "dev.conll", sentences[32:])
    return folder


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


async def settle(pilot, rounds: int = 20) -> None:
    """Wait until no worker runs, including workers that finished ones start (plan, then train)."""
    app = pilot.app
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return
