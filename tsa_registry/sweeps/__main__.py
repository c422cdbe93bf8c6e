"""`python -m tsa_registry.sweeps SWEEP TASK`: one task of a sweep, by its index in SWEEP/tasks.txt
(what the script of `sweep --executor sbatch` runs for $SLURM_ARRAY_TASK_ID) or by its run's key.
Exit status 0 when the run is complete."""

from __future__ import annotations

import sys
from pathlib import Path

from tsa_registry.sweeps.folder import DONE
from tsa_registry.sweeps.task import run_task


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m tsa_registry.sweeps SWEEP TASK (an index into SWEEP/tasks.txt, or a run's key)",
              file=sys.stderr)
        return 2
    sweep, task = Path(args[0]), args[1]
    if task.isdigit():
        keys = (sweep / "tasks.txt").read_text(encoding="utf-8").split()
        task = keys[int(task)]
    status = run_task(sweep, task)
    print(f"{task}: {status}")
    return 0 if status == DONE else 1


if __name__ == "__main__":
    sys.exit(main())
