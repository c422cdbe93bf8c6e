"""What a sweep adds to its runs (target: at most 5% on the local executor).

Four runs of tiny models made on the spot (2 models × 2 seeds, one epoch each, a slice of
../shared/data/norec_tsa):

- train: `tsa-registry train` four times, one after another, each its own command;
- sweep: `tsa-registry sweep` of the same four runs on the local executor.

Both are timed from the command's start to its end (wall clock); the two alternate, and the
best of the rounds is kept. With Slurm up (`scontrol ping`), the same sweep also goes through a
job array: it prints the time from submitting to the first task running, and from the last run
ending to the report being printed.

Usage: python benchmarks/sweep_overhead.py [--sentences 128] [--rounds 2] [--no-slurm] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "norec_tsa"
SEEDS = (1, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=2, help="0: only the Slurm figures")
    parser.add_argument("--no-slurm", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of NoReC_tsa train.conll and dev.conll")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sweep-overhead-") as tmp:
        work = Path(tmp)
        os.environ["TSA_REGISTRY_HOME"] = str(work / "home")
        train, dev = _data(options.data, work, options.sentences)
        models = [_model(work, arch) for arch in ("bert", "distilbert")]
        common = ["--train", str(train), "--dev", str(dev), "--epochs", "1", "--batch-size", "16"]
        best = {"train": float("inf"), "sweep": float("inf")}
        for n in range(options.rounds):
            started = time.perf_counter()
            for model in models:
                for seed in SEEDS:
                    _tsa("train", str(model), *common, "--seed", str(seed),
                         "--output", str(work / f"t{n}-{model.name}-{seed}"))
            best["train"] = min(best["train"], time.perf_counter() - started)
            started = time.perf_counter()
            _tsa("sweep", *map(str, models), *common, "--seeds", ",".join(map(str, SEEDS)),
                 "--output", str(work / f"s{n}"))
            best["sweep"] = min(best["sweep"], time.perf_counter() - started)
        if options.rounds:
            overhead = best["sweep"] / best["train"] - 1
            print(f"4 runs, one after another with `train`: {best['train']:.1f} s (best of {options.rounds})")
            print(f"the same 4 runs as one local sweep:      {best['sweep']:.1f} s")
            print(f"sweep overhead: {overhead:+.1%} (target: at most +5%)", flush=True)
        if not options.no_slurm and _slurm_up():
            _slurm(work, models, common)


def _slurm(work: Path, models: list[Path], common: list[str]) -> None:
    from tsa_registry.sweeps.folder import open_sweep
    from tsa_registry.sweeps.slurm import queued

    folder = work / "slurm-sweep"
    submit = time.time()
    _tsa("sweep", *map(str, models), *common, "--seeds", ",".join(map(str, SEEDS)), "--output", str(folder),
         "--executor", "slurm", "--cpus-per-task", "1", "--mem", "2G", "--time", "60", "--detach")
    sweep = open_sweep(folder)
    first_running = None
    while True:
        states = sweep.states(queued(sweep))
        if first_running is None and any(s.state in ("running", "complete") for s in states):
            first_running = time.time()
        if all(s.state in ("complete", "failed", "cancelled") for s in states):
            break
        time.sleep(0.1)
    ended = max(json.loads((Path(s.run) / "status.json").read_text())["ended"] for s in states)
    _tsa("sweep", "report", str(folder))
    reported = time.time()
    submitted = sweep.jobs().submissions[0].submitted
    print(f"Slurm: submit -> first task running: {first_running - submitted:.2f} s from sbatch "
          f"({first_running - submit:.2f} s from the start of the `sweep` command, planning included)")
    print(f"Slurm: last run ended -> report printed: {reported - ended:.2f} s")


def _tsa(*args: str) -> None:
    subprocess.run([str(Path(sys.executable).with_name("tsa-registry")), *args], check=True,
                   stdout=subprocess.DEVNULL)


def _slurm_up() -> bool:
    try:
        return "is UP" in subprocess.run(["scontrol", "ping"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False


def _data(data: Path, work: Path, sentences: int) -> tuple[Path, Path]:
    from tsa_registry.task.conll import read_conll, write_conll

    train, dev = work / "train.conll", work / "dev.conll"
    write_conll(train, read_conll(data / "train.conll").sentences[:sentences])
    write_conll(dev, read_conll(data / "dev.conll").sentences[: max(16, sentences // 4)])
    return train, dev


def _model(work: Path, arch: str) -> Path:
    from tsa_registry.tiny import build_tiny_model

    folder = work / arch
    build_tiny_model(folder, arch=arch)
    return folder


if __name__ == "__main__":
    main()
