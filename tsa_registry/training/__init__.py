"""Fine-tuning, evaluation and prediction for TSA, with a record of every run.

Modules (none imports torch or simpletransformers at import time, except ner_model, which only
the training process and prediction load):

- conll, labels: NoReC_tsa CoNLL files, the tag set, BIO repair.
- metrics, scoring: strict span F1 exactly as NorBench computes it; scoring files.
- plan: the request of a run (args.json), resolved from the registry or the check.
- runs, leaderboard: run folders, their status, the leaderboard.
- events: the typed event stream of a run.
- process, worker: the training process, and starting it / reading its events.
- trainer, model_setup, hooks, ner_model, lengths, model_source: inside the training process.
- predict: a run's model on new text or files.
"""
