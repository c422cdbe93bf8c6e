"""Sweeps: many ordinary runs (models × seeds × learning rates × epochs) compared as one.

- plan: the runs' requests, resolved as `train` resolves one; the NorBench preset.
- folder: the sweep folder (plan.json, jobs.json, runs/) and each run's state.
- task: one run as every executor runs it (start, or go on from the saved epoch).
- local: one after another here, or one per GPU. slurm: a job array through submitit, or an
  sbatch script. report: mean ± sd over seeds beside the catalogue's reference.
- estimate: the check's GPU memory estimate for `--dry-run`.
"""
