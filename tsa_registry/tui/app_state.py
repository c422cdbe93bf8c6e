"""The app's state, which its screens and its jobs (checks, fine-tunes) read: the registry, the
runs, the places it works in (Services), the highlighted model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from tsa_registry.registry import Registry
from tsa_registry.tui.messages import RegistryChanged
from tsa_registry.tui.services import Services
from tsa_registry.tui.sweep_jobs import SweepJobs

if TYPE_CHECKING:
    from tsa_registry.speed.results import Measurement
    from tsa_registry.training.leaderboard import LeaderboardRow
    from tsa_registry.tui.screens.models import ModelsScreen


class AppState(App[None]):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.registry: Registry = Registry(families={}, entries={}, plugins=[])
        self.leaderboard: list[LeaderboardRow] = []
        self.measured: dict[str, Measurement] = {}  # each model's latest speed measurement here
        self.data_files: dict[str, str] = {}  # the data files of the last fine-tune form
        self.sweep_jobs = SweepJobs()  # sweeps running on this machine, whichever screen is shown

    def reload_registry(self, select: str | None = None, notify: bool = True) -> None:
        try:
            self.registry = self.services.load_registry()
        except Exception as err:  # noqa: BLE001 - the app stays up and says what went wrong
            self.notify(f"The registry could not be loaded: {err}", severity="error", markup=False)
            return
        if notify:  # other screens read the registry again when they are shown
            self.screen.post_message(RegistryChanged(select))

    def local_f1(self) -> dict[str, float]:
        """Best dev F1 (a fraction) of each model's complete runs."""
        best: dict[str, float] = {}
        for row in self.leaderboard:
            if row.status == "complete" and row.dev_f1 is not None and row.model:
                best[row.model] = max(best.get(row.model, 0.0), row.dev_f1)
        return best

    def runs_for(self, model_id: str) -> list[LeaderboardRow]:
        return [row for row in self.leaderboard if row.model == model_id]

    def reference_f1(self, model_id: str) -> float | None:
        entry = self.registry.entries.get(model_id)
        best = entry.best_reference if entry else None
        return best.f1 if best else None

    def remember_data(self, files: dict[str, str]) -> None:
        self.data_files = files

    @property
    def models_screen(self) -> ModelsScreen:
        from tsa_registry.tui.screens.models import ModelsScreen

        screen = self.get_screen("models")
        assert isinstance(screen, ModelsScreen)
        return screen

    def selected_model(self) -> str | None:
        model = self.models_screen.selected_id if self.models_screen.is_mounted else None
        if model is None:
            self.notify("Highlight a model in the Models view (m) first.", severity="warning")
        return model

