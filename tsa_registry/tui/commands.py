"""Command palette entries, named by what they act on ("model: check", "run: cancel")."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# title, help, App action
PALETTE: tuple[tuple[str, str, str], ...] = (
    ("model: check", "Check the highlighted model from its metadata (no weights)", "check"),
    ("model: deep check", "Train a shrunken copy for a few steps through Simpletransformers", "check(True)"),
    ("model: cancel check", "Stop the check that is running", "cancel_check"),
    ("model: add from the Hub", "Check a Hub model or search the Hub, then add it to your registry file",
     "add_model"),
    ("model: fine-tune", "Fine-tune the highlighted model on your data", "fine_tune"),
    ("model: filter", "Narrow the catalogue as you type", "focus_filter"),
    ("model: measure speed", "Time the highlighted model on this machine's CPU (p90 ms)", "measure"),
    ("model: open", "The highlighted model on a screen of its own, with its check report", "screen.open_model"),
    ("models: sort", "Sort the catalogue by the next column", "screen.sort"),
    ("models: reverse the sort", "Reverse the catalogue's order", "screen.sort(True)"),
    ("run: open", "The highlighted run's log, plot and metrics", "screen.open_run"),
    ("run: cancel the highlighted run", "Stop it (asks first if another process trains it)", "screen.cancel_run"),
    ("run: resume", "Go on with the highlighted failed or cancelled run", "screen.resume_run"),
    ("run: delete", "Delete the highlighted run's folder, after you confirm", "screen.delete_run"),
    ("run: copy folder", "Copy the highlighted run's folder to the clipboard", "screen.copy_path"),
    ("runs: refresh", "Read the runs folder again", "reload_runs"),
    ("run: show progress", "Open the fine-tune that is running (or ran last)", "show_run"),
    ("run: cancel", "Cancel the fine-tune that is running", "cancel_run"),
    ("view: models", "The catalogue and the details of each model", "catalogue"),
    ("view: runs", "Your runs beside the catalogue's reference F1s", "switch_mode('runs')"),
    ("view: plugins", "Loaded plugins, their families, and failures", "switch_mode('plugins')"),
    ("view: help", "Keys and screens", "help"),
    ("app: quit", "Leave tsa-registry", "quit"),
)


class PaletteCommands(Provider):
    """Every app action, for users who would rather type than remember keys; a screen's own
    actions (`screen.…`) only where that screen is open."""

    def _entries(self) -> list[tuple[str, str, str]]:
        def here(action: str) -> bool:
            name = action.removeprefix("screen.").split("(")[0]
            return not action.startswith("screen.") or hasattr(self.screen, f"action_{name}")

        return [entry for entry in PALETTE if here(entry[2])]

    async def discover(self) -> Hits:
        for title, help_text, action in self._entries():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._entries():
            score = matcher.match(f"{title} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action),
                          text=title, help=help_text)
