"""The side of training that runs models; it imports torch and simpletransformers.

- __main__: the training process, `python -m tsa_registry.training.worker [--resume] -- RUN`.
- loop: a run from start to finish, around its RunState; setup: NERModel for each attempt;
  callbacks: each step and epoch inside NERModel's loop (events, scores, checkpoints).
- model_source: where the base model comes from. predict: a run's model on new data.
"""
