"""Planning a sweep and the Slurm options, without running anything."""

from __future__ import annotations

import json

import pytest

from tests.support.attacks import cli
from tsa_registry.cpus import thread_env
from tsa_registry.sweeps.plan import parse_seeds
from tsa_registry.sweeps.slurm import SlurmError, slurm_parameters
from tsa_registry.sweeps.task import slurm_threads


def test_seeds_are_a_count_of_fixed_seeds_or_a_list():
    assert parse_seeds("5") == [101, 202, 303, 404, 505]
    assert parse_seeds("1,2,3") == [1, 2, 3]
    for bad, message in (("0", "give 1 to 10"), ("1,1", "given twice"), ("a,b", "whole numbers")):
        with pytest.raises(ValueError, match=message):
            parse_seeds(bad)


def test_the_norbench_preset_plans_norbench_settings(tiny_model, tsa_data, tmp_path):
    folder = tmp_path / "sweep"
    result = cli("sweep", tiny_model("bert"), "--train", tsa_data.train, "--dev", tsa_data.dev,
                 "--preset", "norbench", "--output", folder, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "5 to run, 0 already complete" in result.output and "GiB" in result.output
    for seed in (101, 202, 303, 404, 505):
        assert f"-s{seed}-lr5e-05-e10" in result.output
    assert not folder.exists()


def test_bad_sweeps_are_refused_before_anything_starts(tiny_model, tsa_data, tmp_path):
    model = str(tiny_model("bert"))
    twice = cli("sweep", model, model, "--train", tsa_data.train, "--dev", tsa_data.dev, "--output", tmp_path / "a")
    assert twice.exit_code == 2 and "a model is given twice" in twice.output
    missing = cli("sweep", model, "--train", tmp_path / "nope.conll", "--dev", tsa_data.dev)
    assert missing.exit_code == 2 and "nope.conll" in missing.output
    lrs = cli("sweep", model, "--train", tsa_data.train, "--dev", tsa_data.dev, "--lr", "fast")
    assert lrs.exit_code == 2 and "--lr 'fast'" in lrs.output
    assert cli("sweep", "status", tmp_path / "nothing").exit_code == 2


def test_slurm_options_come_from_a_profile_then_the_command_line(user_home):
    (user_home / "config").mkdir(parents=True)
    (user_home / "config" / "clusters.toml").write_text(
        '[profiles.saga]\naccount = "nn9851k"\npartition = "accel"\ntime = "1-00:00:00"\ngpus_per_task = 1\n'
        'mem = "32G"\nparallel = 4\nsetup = ["module load Python"]\n', encoding="utf-8")
    parameters = slurm_parameters("saga", None, mem="64G", time_limit=None, account=None)
    assert parameters["account"] == "nn9851k" and parameters["partition"] == "accel"
    assert parameters["time"] == 24 * 60 and parameters["gpus_per_node"] == 1
    assert parameters["mem"] == "64G" and parameters["array_parallelism"] == 4
    assert parameters["setup"] == ["module load Python"]
    assert slurm_parameters("saga", 2, time_limit="1:30:00")["array_parallelism"] == 2
    assert slurm_parameters(None, None, time_limit="1:30:00")["time"] == 90
    with pytest.raises(SlurmError, match="has no \\[profiles.lumi\\]; it has: saga"):
        slurm_parameters("lumi", None)
    (user_home / "config" / "clusters.toml").write_text('[profiles.x]\ngpu = 1\n', encoding="utf-8")
    with pytest.raises(SlurmError, match="unknown key 'gpu'"):
        slurm_parameters("x", None)
    assert json.loads(json.dumps(parameters)) == parameters  # plain data, as submitit takes it


def test_a_slurm_task_uses_as_many_threads_as_cpus_it_was_given():
    assert slurm_threads({"SLURM_CPUS_PER_TASK": "4"}) == {"OMP_NUM_THREADS": "4", "MKL_NUM_THREADS": "4"}
    assert slurm_threads({"SLURM_CPUS_PER_TASK": "4", "OMP_NUM_THREADS": "2"}) == {"MKL_NUM_THREADS": "4"}
    assert slurm_threads({}) == {} and slurm_threads({"SLURM_CPUS_PER_TASK": "0"}) == {}
    assert thread_env(0, {}) == {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}  # never none
