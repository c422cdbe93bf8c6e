"""Fine-tuning, evaluation and prediction for TSA, with a record of every run.

Two sides. The parent side, these modules, imports no torch: the `train` command, the terminal
UI and scripts plan a run, start its process and follow its events with them.

- request: TrainRequest (args.json) and the limits of its numbers.
- plan: a request resolved from the registry, or from `check` for a model outside it.
- runs: run folders, their status and lock. state: RunState (state.json), metrics.json.
- events: the typed event stream of a run. process: starting the training process, reading it.
- leaderboard: the runs beside the catalogue's published F1. trust: opt-ins come from the caller.

worker/ is the side that runs models (torch, simpletransformers, through nermodel/): the
training process itself (`python -m tsa_registry.training.worker`) and a run's model for
`evaluate` and `predict`.
"""
