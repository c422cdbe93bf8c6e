"""Run records written before the typed structs still read: state.json and progress.jsonl."""

from __future__ import annotations

from tsa_registry.training import events
from tsa_registry.training.state import EpochRecord, RunState

# state.json as the training loop's dict wrote it (auto_batch_size popped, no checkpoint key).
OLD_STATE = """{
  "epoch": 1, "global_step": 6, "epochs": 3, "batch_size": 16, "gradient_accumulation_steps": 1,
  "best_epoch": 1, "best_f1": 0.25, "training_seconds": 1.5, "max_seq_length": 24,
  "feature_seconds": 0.01,
  "history": [{"epoch": 1, "step": 6, "train_loss": 1.2, "dev": {"f1": 0.25, "precision": 0.5}}]
}
"""


def test_an_old_state_json_resumes(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(OLD_STATE, encoding="utf-8")
    state = RunState.load(path)
    assert (state.epoch, state.batch_size, state.max_seq_length, state.auto_batch_size) == (1, 16, 24, False)
    assert state.history == [EpochRecord(epoch=1, step=6, train_loss=1.2, dev={"f1": 0.25, "precision": 0.5})]
    assert state.metrics()["dev"] == {"f1": 0.25, "precision": 0.5}
    state.save(tmp_path / "again.json")
    assert RunState.load(tmp_path / "again.json") == state


def test_an_old_progress_line_reads_as_its_event():
    line = ('{"event": "evaluation", "epoch": 1, "step": 6, "f1": 0.25, "precision": 0.5, '
            '"recall": 0.1666, "best": true, "time": 1700000000.0}')
    event = events.decode(line)
    assert isinstance(event, events.Evaluation) and event.kind == "evaluation" and event.best
    assert events.encode(event) == line
