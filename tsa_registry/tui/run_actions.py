"""The app's actions on a run of the Runs view: cancel (asking first for a run another process
trains), resume, delete (asking first; never while it runs). The work is in training.run_admin
and training.process, as `runs rm` and `train --resume` do it."""

from __future__ import annotations

from pathlib import Path

from textual import work

from tsa_registry.tui.app_state import AppState
from tsa_registry.tui.messages import RunsChanged
from tsa_registry.tui.screens.confirm import ConfirmScreen
from tsa_registry.tui.training_jobs import TrainingJobs


class RunActions(TrainingJobs, AppState):

    def cancel_run_named(self, name: str, path: str) -> None:
        from tsa_registry.training.run_admin import is_running
        from tsa_registry.training.runs import Run

        if self.training is not None and Path(self.training.run.path).resolve() == Path(path).resolve():
            self.action_cancel_run()
            return
        run = Run(Path(path))
        if not is_running(run):
            self.notify(f"Run {name} is not running ({run.effective_status()[0]}).", severity="warning",
                        markup=False)
            return
        pid = run.status().get("pid", "?")

        def answer(yes: bool | None) -> None:
            if yes:
                self._stop_other(run)

        self.push_screen(ConfirmScreen(
            f"Run {name} was not started here: another process ({pid}) trains it. Cancel it? It is marked "
            "cancelled and can be resumed."), answer)

    @work(thread=True, group="cancel", exit_on_error=False)
    def _stop_other(self, run) -> None:
        from tsa_registry.training.runs import RunError

        try:
            from tsa_registry.training.run_admin import stop_run

            stop_run(run)
        except RunError as err:
            self.call_from_thread(self.notify, str(err), severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Asked run {run.name} to stop.", title="Runs", markup=False)
        self.post_message(RunsChanged())

    def resume_run(self, path: str) -> None:
        from tsa_registry.training.process import resume_training
        from tsa_registry.training.runs import Run, RunError

        run = Run(Path(path))
        try:
            request = run.request()
        except (RunError, OSError, ValueError) as err:
            self.notify(f"Run {run.name} cannot be resumed: {err}", severity="error", markup=False)
            return
        opt_ins = {"trust_remote_code": request.trust_remote_code, "allow_pickle": request.allow_pickle}

        def start(yes: bool | None = True) -> None:
            if yes:
                self.start_process(lambda: resume_training(
                    run, detachable=True, trust_remote_code=opt_ins["trust_remote_code"],
                    allow_pickle=opt_ins["allow_pickle"]))
                self.post_message(RunsChanged())

        needed = [name.replace("_", " ") for name, on in opt_ins.items() if on]
        if needed:  # the opt-ins are given again, by this user, now
            self.push_screen(ConfirmScreen(f"Run {run.name} was started with {' and '.join(needed)}. Resume it "
                                           "with the same?"), start)
        else:
            start()

    def delete_run(self, name: str, path: str) -> None:
        from tsa_registry.training.run_admin import is_running, remove_run
        from tsa_registry.training.runs import Run, RunError

        run = Run(Path(path))
        if is_running(run):
            self.notify(f"Run {name} is running: it can only be cancelled (x). Delete it once it has stopped.",
                        severity="warning", markup=False)
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                remove_run(run, root=self.services.runs_path())
            except (RunError, OSError) as err:
                self.notify(f"Run {name} was not deleted: {err}", severity="error", markup=False)
                return
            self.notify(f"Deleted run {name}.", title="Runs", markup=False)
            self.post_message(RunsChanged())

        self.push_screen(ConfirmScreen(f"Delete run {name} and its folder {Path(path).resolve()}, model and "
                                       "checkpoints included? This cannot be undone."), answer)
