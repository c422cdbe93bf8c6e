"""Keys from the state in which each screen opens: every footer key reaches its action (no focused
widget takes it first), every screen shows and takes esc to go back, `m` returns to the catalogue."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from tests.support.tui import screen_text
from tsa_registry.tui.run_progress import RunProgress

# How to reach each screen from the app's first screen, and the screen's class.
OPENINGS = {
    "models": ((), "ModelsScreen"),
    "model": (("enter",), "ModelScreen"),
    "runs": (("r",), "RunsScreen"),
    "plugins": (("p",), "PluginsScreen"),
    "add": (("a",), "AddModelScreen"),
    "fine-tune": (("f",), "FineTuneScreen"),
    "sweep-form": (("w",), "SweepFormScreen"),
    "sweeps": (("v",), "SweepListScreen"),
    "help": (("question_mark",), "HelpScreen"),
}


def shown_bindings(app) -> list[tuple[str, Binding]]:
    """Each key of each binding that the screen or the app declares for the footer."""
    declared = [b for b in (*app.screen.BINDINGS, *app.BINDINGS) if isinstance(b, Binding) and b.show]
    return [(key, binding) for binding in declared for key in binding.key.split(",")]


async def open_screen(app, pilot, name: str) -> None:
    keys, screen = OPENINGS[name]
    await pilot.press(*keys)
    await pilot.pause()
    assert type(app.screen).__name__ == screen


async def test_every_footer_key_reaches_its_action_from_the_opening_state(make_app):
    for name in OPENINGS:  # (a loop: the async tests here take no parametrize)
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_screen(app, pilot, name)
            active = app.active_bindings
            for key, binding in shown_bindings(app):
                if binding in app.BINDINGS and (isinstance(app.focused, Input) or app.screen.is_modal or (
                        key in active and active[key].binding in app.screen.BINDINGS)):
                    continue  # letters type into a text field; a dialog has its own keys; the screen's win
                taken = active[key].node if key in active else None
                assert key in active and active[key].binding.action == binding.action, (
                    f"{name}: {key} ({binding.description}) is taken by {taken}")


async def test_every_screen_shows_the_way_back_and_esc_takes_it(make_app):
    for name in [n for n in OPENINGS if n != "models"]:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await open_screen(app, pilot, name)
            assert any(key == "escape" for key, _ in shown_bindings(app)), f"{name}: no esc in the footer"
            if not app.screen.is_modal:  # a dialog says it in its own words; a screen's footer shows it at 80
                assert "esc" in screen_text(app).splitlines()[-1], f"{name}: esc cut from the footer at 80"
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "ModelsScreen", name


async def test_the_run_screen_and_a_confirmation_go_back_with_esc(make_app, tmp_path):
    from tsa_registry.tui.screens.confirm import ConfirmScreen
    from tsa_registry.tui.screens.run import RunScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for screen in (RunScreen(RunProgress(name="r", path=str(tmp_path))), ConfirmScreen("Go on?")):
            app.push_screen(screen)
            await pilot.pause()
            assert any(key == "escape" for key, _ in shown_bindings(app))
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "ModelsScreen"


async def test_m_returns_to_the_catalogue(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for name in ("model", "runs", "plugins"):
            await open_screen(app, pilot, name)
            await pilot.press("m")
            await pilot.pause()
            assert type(app.screen).__name__ == "ModelsScreen" and app.current_mode == "models", name
        await pilot.press("enter", "r", "m")  # the model screen stays under the runs: m closes it too
        await pilot.pause()
        assert type(app.screen).__name__ == "ModelsScreen"
