"""The Plugins view, the help screen and the command palette, by keyboard."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.support.tui import screen_text, table_ids, toasts
from tsa_registry.hookspecs import hookimpl
from tsa_registry.plugins import PluginSet
from tsa_registry.registry import load_registry


class Exploding:
    """A plugin whose hook raises: the app must list it as failed and keep going."""

    @hookimpl
    def register_families(self, register):
        raise RuntimeError("the exploding plugin always fails")


def with_exploding_plugin(user_registry):
    plugins = PluginSet()
    plugins.load_entry_points()
    plugins.register(Exploding(), "exploding")
    return load_registry(user_registry, plugins=plugins)


async def test_plugins_view_lists_families_and_failures(make_app):
    app = make_app(loader=with_exploding_plugin)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        table = app.screen.query_one("#plugins", DataTable)
        assert {"bert", "xlmroberta", "norbert3", "exploding"} <= set(table_ids(table))
        text = screen_text(app)
        assert "1 failed" in app.screen.sub_title
        assert "exploding: register_families raised RuntimeError: the exploding plugin always fails" in text
        await pilot.press("m")  # back to the catalogue, which still works
        assert app.screen.query_one("#catalogue", DataTable).row_count > 10


async def test_help_lists_the_keys_of_the_screen_underneath(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        text = screen_text(app)
        assert "Models screen" in text
        for line in ("Check: Check the model from its metadata", "Fine-tune: Fine-tune this model",
                     "Runs: Runs beside reference F1s"):
            assert line in text
        await pilot.press("escape")
        assert "Models screen" not in screen_text(app)


async def test_palette_entries_are_namespaced_and_run_their_action(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        from textual.command import CommandList

        from tsa_registry.tui.commands import PALETTE

        await pilot.press("ctrl+p")
        listed = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette gathers what discover() yields in the background
            await pilot.pause(0.05)
            if listed.option_count >= len(PALETTE):
                break
        titles = {str(listed.get_option_at_index(i).prompt).split("\n")[0] for i in range(listed.option_count)}
        assert {"model: check", "model: add from the Hub", "run: cancel", "view: runs"} <= titles
        await pilot.press(*"run: canc")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert any("No fine-tune is running." in text for text in toasts(app))

        await pilot.press("ctrl+p", *"view: plug")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "plugins"


async def test_registry_problems_are_shown_as_warnings(make_app, user_registry):
    user_registry.write_text(user_registry.read_text() + '\n[[model]]\nid = "broken"\nfamily = "nope"\n'
                             'status = "expected"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert any("unknown family 'nope'" in text for text in toasts(app))
        assert app.screen.query_one("#catalogue", DataTable).row_count > 10


async def test_sort_and_the_screens_own_actions_are_in_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        first = app.screen.selected_id
        await pilot.press("ctrl+p", *"models: sort")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.sort_key == "family"  # the next column after the model id
        await pilot.press("ctrl+p", *"model: open")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ModelScreen" and first is not None
