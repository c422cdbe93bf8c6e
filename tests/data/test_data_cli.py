"""`tsa-registry data get` and `data list` as a user runs them: a process of its own, the real
huggingface_hub client, the test Hub standing in for the real one."""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys

from tests.data.conftest import same, served
from tsa_registry.data.known import NOREC_TSA
from tsa_registry.task.conll import read_conll


def cli(*args: str, timeout: float = 120, limit_bytes: int | None = None, **env: str):
    """`tsa-registry ARGS`; `limit_bytes` caps the size of any file it writes (RLIMIT_FSIZE)."""
    def cap():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([sys.executable, "-m", "tsa_registry", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **env},
                          preexec_fn=cap if limit_bytes else None)


def test_data_get_then_list_on_a_fresh_machine(norec_hub, tmp_path, user_home):
    fresh = {"HF_HOME": str(tmp_path / "hf")}
    done = cli("data", "get", "norec_tsa", **fresh)
    assert done.returncode == 0, done.stderr
    folder = user_home / "data" / "datasets" / "norec_tsa" / "default"
    out = done.stdout
    assert f"Downloaded norec_tsa (ltg/norec_tsa at 28187f0) to {folder}" in out
    assert f"train  8,634 sentences  {folder / 'train.conll'}" in out
    assert "dev    1,531 sentences" in out and "test   1,272 sentences" in out
    assert "Licence: CC BY-NC 4.0" in out and "non-commercial" in out and "@InProceedings{OvrMaeBar20" in out
    assert "Downloading data/train-00000-of-00001.parquet (1/3)" in done.stderr
    assert same(read_conll(folder / "test.conll").sentences, served("test"))

    again = cli("data", "get", "norec_tsa", **fresh)
    assert again.returncode == 0
    assert f"norec_tsa is already downloaded (ltg/norec_tsa at 28187f0), in {folder}" in again.stdout
    listed = json.loads(cli("data", "list", "--json").stdout)
    assert [(r["name"], r["status"]) for r in listed] == [("norec_tsa", "installed"),
                                                          ("norec_tsa:intensity", "not downloaded")]
    assert listed[0]["revision"] == NOREC_TSA.revision and listed[0]["licence"] == "cc-by-nc-4.0"
    assert [f["sentences"] for f in listed[0]["files"]] == [8634, 1531, 1272]
    table = cli("data", "list").stdout
    assert "norec_tsa  " in table and "8,634" in table and "not downloaded" in table
    assert f"data sets:          {user_home / 'data' / 'datasets'}" in cli("paths").stdout


def test_offline_it_works_from_the_cache_and_says_what_to_do_when_it_cannot(norec_hub, tmp_path):
    cache = {"HF_HOME": str(tmp_path / "hf")}
    empty = cli("data", "get", "norec_tsa:intensity", HF_HUB_OFFLINE="1", **cache)
    assert empty.returncode == 1 and "Traceback" not in empty.stderr
    assert ("error: norec_tsa:intensity is not downloaded and not in the Hugging Face cache, and "
            "offline mode is on (HF_HUB_OFFLINE=1). Run `tsa-registry data get norec_tsa:intensity` "
            "once online") in empty.stderr
    assert cli("data", "get", "norec_tsa", "--intensity", **cache).returncode == 0
    start = norec_hub.mark()
    again = cli("data", "get", "norec_tsa:intensity", "--force", "--json", HF_HUB_OFFLINE="1", **cache)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["fetched"] and norec_hub.requests(since=start) == []


def test_an_unreachable_hub_is_one_line_and_status_1(tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    done = cli("data", "get", "norec_tsa", timeout=15, HF_HOME=str(tmp_path / "hf"),
               HF_ENDPOINT=f"http://user:pa55@127.0.0.1:{closed.getsockname()[1]}")
    closed.close()
    assert done.returncode == 1 and "Traceback" not in done.stderr and "pa55" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot reach the Hub for ltg/norec_tsa" in errors[0]


def test_a_write_that_fails_halfway_leaves_the_files_as_they_were(norec_hub, tmp_path, user_home):
    """No room for train.conll (a cap on file size stands in for a full disk): the first get
    installs nothing, and a --force over an installed copy leaves that copy intact."""
    cache = {"HF_HOME": str(tmp_path / "hf")}
    datasets = user_home / "data" / "datasets"
    cut = cli("data", "get", "norec_tsa", limit_bytes=400_000, **cache)
    assert cut.returncode == 2 and "train.conll" not in cut.stdout
    assert "cannot be written (File too large); nothing was installed" in cut.stderr
    assert list((datasets / "norec_tsa").iterdir()) == []
    assert cli("data", "get", "norec_tsa", **cache).returncode == 0
    before = {p.name: p.read_bytes() for p in (datasets / "norec_tsa" / "default").iterdir()}
    cut = cli("data", "get", "norec_tsa", "--force", limit_bytes=400_000, **cache)
    assert cut.returncode == 2
    assert [p.name for p in (datasets / "norec_tsa").iterdir()] == ["default"]
    assert {p.name: p.read_bytes() for p in (datasets / "norec_tsa" / "default").iterdir()} == before
    assert "installed" in cli("data", "list").stdout


def test_bad_names_are_usage_errors(hub):
    for args, words in ((("nope",), "unknown data set 'nope'; known: norec_tsa"),
                        (("norec_tsa:binary",), "no config 'binary'"),
                        (("norec_tsa:default", "--intensity"), "names another config")):
        done = cli("data", "get", *args)
        assert done.returncode == 2 and words in done.stderr
