"""sweep: many runs (models × seeds × learning rates × epochs) on this machine or on Slurm;
sweep status, resume and report over the sweep folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tsa_registry.cli.output import emit_json, fail, load
from tsa_registry.cli.params import int_range
from tsa_registry.cli.training import BatchSize
from tsa_registry.training.request import DEVICES, LIMITS

DATA = click.Path(dir_okay=False)
EXECUTORS = ("local", "slurm", "sbatch")


class SweepGroup(click.Group):
    """`sweep MODEL ...` starts a sweep (the `start` command); `sweep status|resume|report` act on one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["start", *args]
        return super().parse_args(ctx, args)


@click.group(cls=SweepGroup)
def sweep():
    """Compare models across seeds, here or on a Slurm cluster.

    `tsa-registry sweep MODEL... --train FILE --dev FILE --seeds 5` plans one ordinary run per
    model × seed (× --lr × --epochs), then runs them. `sweep status|resume|report SWEEP` act on
    the sweep folder it made."""


def _slurm_options(f):
    for option in reversed([
        click.option("--parallel", type=click.IntRange(min=1), help="Slurm: tasks running at once (array throttle)."),
        click.option("--profile", help="Slurm: a named profile of `tsa-registry paths`' Slurm profiles file."),
        click.option("--account", help="Slurm account (overrides the profile)."),
        click.option("--partition", help="Slurm partition (overrides the profile)."),
        click.option("--time", "time_limit", help="Slurm time limit per task: minutes or HH:MM:SS."),
        click.option("--gpus-per-task", type=click.IntRange(min=0), help="Slurm: GPUs per task."),
        click.option("--cpus-per-task", type=click.IntRange(min=1), help="Slurm: CPUs per task."),
        click.option("--mem", help="Slurm: memory per task (32G, 4000M)."),
        click.option("--setup", multiple=True, help="Slurm: a line to run before each task (module load ...)."),
    ]):
        f = option(f)
    return f


@sweep.command()
@click.argument("models", nargs=-1, required=True)
@click.option("--data", "data_name", help="A known data set (norec_tsa, norec_tsa:intensity) for train/dev/test.")
@click.option("--train", "train_file", type=DATA, help="Training data (CoNLL file or data set name).")
@click.option("--dev", "dev_file", type=DATA, help="Dev data, scored after each epoch.")
@click.option("--test", "test_file", type=DATA, help="Test data, scored once with the best epoch.")
@click.option("--seeds", default="5", show_default=True,
              help="A count of fixed seeds (101, 202, ...) or a list: 1,2,3.")
@click.option("--lr", "learning_rates", help="Learning rates to try, comma-separated (default: the model's).")
@click.option("--epochs", help="Epoch counts to try, comma-separated (default: the model's, 10).")
@click.option("--batch-size", type=BatchSize(), help="Sentences a batch, or 'auto' (default: the family's, 32).")
@click.option("--grad-accum", "gradient_accumulation_steps", type=int_range(LIMITS["gradient_accumulation_steps"]))
@click.option("--max-seq-length", type=int_range(LIMITS["max_seq_length"]))
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--fp16/--no-fp16", default=None)
@click.option("--intensity", is_flag=True)
@click.option("--strict", is_flag=True)
@click.option("--revision")
@click.option("--trust-remote-code", is_flag=True)
@click.option("--allow-pickle", is_flag=True)
@click.option("--preset", type=click.Choice(["norbench"]), help="NorBench's TSA protocol: seeds 101-505, batch 32, "
              "lr 5e-5, best of 10 epochs on dev.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              help="The sweep folder (default: a new one under `tsa-registry paths`' sweeps).")
@click.option("--dry-run", is_flag=True, help="Print the plan and exit: runs, GPU memory, what is done already.")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True)
@click.option("--gpus", help="Local: GPU ids to use, one run each at a time (0,1).")
@click.option("--detach", is_flag=True, help="Slurm: return once submitted (`sweep status` follows).")
@_slurm_options
@click.pass_context
def start(ctx, models, data_name, train_file, dev_file, test_file, seeds, learning_rates, epochs, batch_size,
          gradient_accumulation_steps, max_seq_length, device, fp16, intensity, strict, revision, trust_remote_code,
          allow_pickle, preset, output, dry_run, executor, gpus, detach, **slurm):
    """Plan a sweep and run it (the default when `sweep` is given models)."""
    from tsa_registry.sweeps.folder import SweepError, create_sweep, new_sweep_path, open_sweep
    from tsa_registry.sweeps.plan import PRESETS, parse_numbers, parse_seeds, plan_sweep
    from tsa_registry.task.conll import DataError
    from tsa_registry.training.plan import PlanError

    try:
        seed_list = parse_seeds(seeds)
        rates = parse_numbers(learning_rates, float, "--lr")
        epoch_list = parse_numbers(epochs, int, "--epochs")
        if preset:
            chosen = PRESETS[preset]
            seed_list, rates, epoch_list = chosen["seeds"], chosen["learning_rates"], chosen["epochs"]
            batch_size = chosen["batch_size"]
        train, dev, test, intensity = _data(data_name, train_file, dev_file, test_file, intensity)
        plan = plan_sweep(list(models), seeds=seed_list, registry=load(ctx), learning_rates=rates, epochs=epoch_list,
                          preset=preset, train=train, dev=dev, test=test, batch_size=batch_size,
                          gradient_accumulation_steps=gradient_accumulation_steps, max_seq_length=max_seq_length,
                          device=device, fp16=fp16, intensity=intensity, strict=strict, revision=revision,
                          trust_remote_code=trust_remote_code, allow_pickle=allow_pickle)
        if dry_run:
            from tsa_registry.cli.sweep_view import show_plan

            existing = open_sweep(output) if output is not None and (output / "plan.json").exists() else None
            show_plan(plan, existing, load(ctx))
            return
        folder = create_sweep(plan, output or new_sweep_path())
    except (ValueError, DataError, PlanError, SweepError) as err:
        fail(str(err), code=2)
    click.echo(f"Sweep: {folder.path} ({len(plan.tasks)} runs)")
    sys.exit(_execute(folder, executor, gpus, detach, slurm))


@sweep.command()
@click.argument("sweep_folder", metavar="SWEEP")
@click.option("--executor", type=click.Choice(EXECUTORS), help="Default: where it ran before.")
@click.option("--gpus", help="Local: GPU ids to use (0,1).")
@click.option("--detach", is_flag=True, help="Slurm: return once submitted.")
@_slurm_options
def resume(sweep_folder, executor, gpus, detach, **slurm):
    """Run again what has not completed (failed, cancelled, never started)."""
    sweep_ = _open(sweep_folder)
    if not sweep_.unfinished():
        click.echo("Every run is complete: `tsa-registry sweep report` shows the results.")
        return
    jobs = sweep_.jobs().submissions
    chosen = executor or (jobs[-1].executor if jobs else "local")
    sys.exit(_execute(sweep_, chosen, gpus, detach, slurm))


@sweep.command()
@click.argument("sweep_folder", metavar="SWEEP")
@click.option("--json", "as_json", is_flag=True)
def status(sweep_folder, as_json):
    """Each run's state, from the sweep folder and the scheduler."""
    from tsa_registry.sweeps.slurm import queued

    sweep_ = _open(sweep_folder)
    states = sweep_.states(queued(sweep_))
    if as_json:
        import msgspec

        emit_json(msgspec.to_builtins(states))
        return
    from tsa_registry.cli.sweep_view import show_states

    show_states(sweep_, states)


@sweep.command()
@click.argument("sweep_folder", metavar="SWEEP")
@click.option("--json", "as_json", is_flag=True)
@click.option("--csv", "as_csv", is_flag=True)
@click.pass_context
def report(ctx, sweep_folder, as_json, as_csv):
    """Mean ± sd of strict F1 per model over seeds, beside the catalogue's reference."""
    from tsa_registry.sweeps.report import csv_rows, sweep_report

    rows = sweep_report(_open(sweep_folder), load(ctx))
    if as_json:
        import msgspec

        emit_json(msgspec.to_builtins(rows))
    elif as_csv:
        import csv

        csv.writer(sys.stdout, lineterminator="\n").writerows(csv_rows(rows))
    else:
        from tsa_registry.cli.sweep_view import show_report

        show_report(rows)


def _execute(sweep_, executor: str, gpus: str | None, detach: bool, slurm: dict) -> int:
    from tsa_registry.cli.sweep_view import follow_local, follow_slurm

    if executor == "local":
        gpu_list = [g.strip() for g in gpus.split(",") if g.strip()] if gpus else None
        return follow_local(sweep_, gpu_list)
    from tsa_registry.sweeps.slurm import SlurmError, slurm_parameters, submit, write_sbatch

    try:
        parameters = slurm_parameters(slurm.pop("profile"), slurm.pop("parallel"), **slurm)
        if executor == "sbatch":
            script = write_sbatch(sweep_, parameters)
            click.echo(f"Wrote {script}: submit it with `sbatch {script}`; `tsa-registry sweep status "
                       f"{sweep_.path}` follows it.")
            return 0
        submission = submit(sweep_, parameters)
    except SlurmError as err:
        fail(str(err), code=2)
    click.echo(f"Submitted job {submission.job_id} ({len(submission.keys)} tasks).")
    if detach:
        click.echo(f"`tsa-registry sweep status {sweep_.path}` follows it.")
        return 0
    return follow_slurm(sweep_)


def _open(text: str):
    from tsa_registry.sweeps.folder import SweepError, open_sweep

    try:
        return open_sweep(text)
    except SweepError as err:
        fail(str(err), code=2)


def _data(name: str | None, train: str | None, dev: str | None, test: str | None,
          intensity: bool) -> tuple[Path, Path, Path | None, bool]:
    """The data files and whether they carry intensity, as `train` resolves them: from `--data NAME`,
    or --train/--dev/--test, each a file or a data set name (`norec_tsa:intensity` implies it)."""
    from tsa_registry.cli.data_files import data_file, names_intensity

    if name:
        train, dev, test = train or name, dev or name, test or name
    if not (train and dev):
        raise click.UsageError("give --train and --dev (files or a data set name), or --data NAME")

    intensity = intensity or names_intensity(train, dev, test)
    return (data_file(train, "train", intensity=intensity), data_file(dev, "dev", intensity=intensity),  # type: ignore[return-value]
            data_file(test, "test", intensity=intensity), intensity)
