"""Trust comes from this invocation's command line, never from a run folder.

Run folders get shared and downloaded, and anyone can edit one: its args.json says
`trust_remote_code` and `allow_pickle`, and its model can carry modelling code and an `auto_map`.
So loading a run (predict, evaluate, train --resume) takes those two from the command that loads
it. A run trained with remote code, or whose model points to code of its own, needs
--trust-remote-code again; one started with --allow-pickle needs --allow-pickle again to resume.
"""

from __future__ import annotations

import msgspec

from tsa_registry.sources.facts import folder_remote_code
from tsa_registry.training.request import TrainRequest
from tsa_registry.training.runs import Run, RunError


def trusted_request(run: Run, *, trust_remote_code: bool, allow_pickle: bool | None = None,
                    doing: str = "load it") -> TrainRequest:
    """The run's request, with the opt-ins of this invocation in place of args.json's.

    `allow_pickle=None`: the pickle opt-in does not matter here (a run's own model and
    checkpoints are safetensors; only resuming loads the base model again). RunError says
    which flag is missing."""
    request = run.request()
    if not trust_remote_code:
        if request.trust_remote_code:
            raise RunError(f"run {run.name} was trained with the model's own code "
                           f"(--trust-remote-code): pass --trust-remote-code again to {doing}, if "
                           "you trust that code")
        for folder in [run.model_dir, *(path for _, path in run.checkpoints())]:
            found = folder_remote_code(folder) if folder.is_dir() else []
            if found:
                where = ", ".join(f"{folder.relative_to(run.path)}/{name}" for name in found)
                raise RunError(f"run {run.name}'s model points to code of its own ({where} has an "
                               f"auto_map), which would run on loading: pass --trust-remote-code to "
                               f"{doing}, if you trust that code")
    if allow_pickle is not None and request.allow_pickle and not allow_pickle:
        raise RunError(f"run {run.name} was started with --allow-pickle (its base model has pickle "
                       f"weights): pass --allow-pickle again to {doing}, if you trust that model")
    return msgspec.structs.replace(request, trust_remote_code=trust_remote_code,
                                   allow_pickle=bool(allow_pickle))
