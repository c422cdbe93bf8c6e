"""`get_data` and `resolve_data` against the test Hub, through the real huggingface_hub client."""

from __future__ import annotations

import hashlib
import logging
import re
import socket
import threading

import msgspec
import pytest

from tests.data.conftest import same, served, variant
from tsa_registry.data import DataSetError, UnknownDataSet, events, get_data, resolve_data, statuses
from tsa_registry.data.known import NOREC_TSA
from tsa_registry.paths import datasets_dir
from tsa_registry.task.conll import read_conll


def test_get_installs_train_dev_test_that_read_back_to_the_served_sentences(norec_hub):
    seen = []
    start = norec_hub.mark()
    got = get_data("norec_tsa", progress=seen.append)
    assert got.fetched and got.folder == datasets_dir() / "norec_tsa" / "default"
    for split in ("train", "dev", "test"):
        assert same(read_conll(got.path(split)).sentences, served(split))
        record = next(f for f in got.manifest.files if f.split == split)
        assert record.sha256 == hashlib.sha256(got.path(split).read_bytes()).hexdigest()
    assert sorted(p.name for p in got.folder.iterdir()) == ["dev.conll", "manifest.json",
                                                           "test.conll", "train.conll"]
    assert (got.manifest.revision, got.manifest.licence) == (NOREC_TSA.revision, "cc-by-nc-4.0")
    kinds = [type(e).__name__ for e in seen]
    assert kinds == ["Resolving"] + ["Downloading", "Downloaded"] * 3 + ["Checked"] * 3 + ["Installed"]
    assert seen[-2] == events.Checked("test", 1272) and seen[6].done == seen[6].total
    # Every request named the pinned revision, and only the default config's files were fetched.
    paths = [r.path for r in norec_hub.requests("ltg/norec_tsa", since=start)]
    assert paths and all(NOREC_TSA.revision in p for p in paths)
    assert not any("/intensity/" in p for p in paths)


def test_a_second_get_is_a_no_op_and_force_fetches_again(norec_hub):
    get_data("norec_tsa")
    start = norec_hub.mark()
    again = get_data("norec_tsa")
    assert not again.fetched and norec_hub.requests(since=start) == []
    forced = get_data("norec_tsa", force=True)
    assert forced.fetched and forced.replaced is None
    downloads = [r for r in norec_hub.requests(since=start) if r.method == "GET" and "/resolve/" in r.path]
    assert len(downloads) == 3 and forced.manifest.files == again.manifest.files


def test_the_intensity_config_has_intensity_tags(norec_hub):
    path = resolve_data("norec_tsa:intensity", "dev")
    assert path == datasets_dir() / "norec_tsa" / "intensity" / "dev.conll"
    corpus = read_conll(path)
    assert corpus.intensity and same(corpus.sentences, served("dev", intensity=True))


def test_resolve_data_downloads_on_first_use_then_just_finds_the_file(norec_hub):
    seen = []
    path = resolve_data("norec_tsa", "test", progress=seen.append)
    assert path.name == "test.conll" and isinstance(seen[-1], events.Installed)
    seen.clear()
    assert resolve_data("norec_tsa", "test", progress=seen.append) == path and seen == []
    first = read_conll(path).sentences[5]  # served with `#10` as its first token
    assert first.tokens[0] == "#10" and first.tags[0] == "O"


@pytest.mark.parametrize("text, split, words", [
    ("norec_tsa", "validate", "norec_tsa has no split 'validate' (splits: train, dev, test)"),
    ("norec_tsa:binary", "dev", "no config 'binary'"), ("norec", "dev", "unknown data set")])
def test_resolve_data_refuses_unknown_names_and_splits_before_any_request(hub, text, split, words):
    start = hub.mark()
    with pytest.raises(UnknownDataSet, match=re.escape(words)):
        resolve_data(text, split)
    assert hub.requests(since=start) == []


def test_offline_after_a_download_works_from_the_hf_cache_alone(norec_hub, monkeypatch, tmp_path):
    online = get_data("norec_tsa")
    monkeypatch.setenv("TSA_REGISTRY_HOME", str(tmp_path / "elsewhere"))  # nothing installed here
    start = norec_hub.mark()
    offline = get_data("norec_tsa", offline=True)
    assert offline.fetched and norec_hub.requests(since=start) == []
    assert [f.sha256 for f in offline.manifest.files] == [f.sha256 for f in online.manifest.files]


def test_offline_with_nothing_cached_says_what_to_do(hub):
    never = msgspec.structs.replace(NOREC_TSA, repo_id="tsa-test/never-fetched")
    start = hub.mark()
    with pytest.raises(DataSetError) as caught:
        get_data(never, offline=True)
    assert caught.value.code == "data.offline-not-cached" and hub.requests(since=start) == []
    assert "HF_HUB_OFFLINE=1" in caught.value.message
    assert "`tsa-registry data get norec_tsa` once online" in caught.value.fix
    assert "file paths" in caught.value.fix
    assert not (datasets_dir() / "norec_tsa").exists()


def test_a_wrong_sentence_count_names_the_split_and_installs_nothing(hub):
    wrong = variant(hub, "norec_tsa-wrong-count")
    with pytest.raises(DataSetError) as caught:
        get_data(wrong)
    assert caught.value.code == "data.count"
    assert caught.value.message.startswith("The test split of norec_tsa (test in "
                                           "tsa-test/norec_tsa-wrong-count at 28187f0) has 1271 "
                                           "sentences; expected 1272. Nothing was installed.")
    assert not (datasets_dir() / "norec_tsa").exists()


def test_a_gated_dataset_says_to_log_in_and_never_shows_the_token(hub, monkeypatch, caplog):
    gated = variant(hub, "norec_tsa-gated")
    secret = "hf_" + "s3cr3tT0kenThatMustNotLeak"
    monkeypatch.setenv("HF_TOKEN", secret)
    caplog.set_level(logging.DEBUG)
    start = hub.mark()
    with pytest.raises(DataSetError) as caught:
        get_data(gated)
    assert caught.value.code == "data.gated" and "`hf auth login`" in caught.value.fix
    assert any(r.authorization for r in hub.requests(gated.repo_id, since=start))
    assert secret not in f"{caught.value} {caplog.text}"


def test_an_unreachable_hub_fails_at_once_with_one_attempt():
    """A server that closes every connection unanswered: huggingface_hub's back-off would try
    six times over about 23 s; the first request of a data set has no retries."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted = []

    def refuse():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            accepted.append(connection)
            connection.close()

    threading.Thread(target=refuse, daemon=True).start()
    with pytest.raises(DataSetError) as caught:
        get_data("norec_tsa", endpoint=f"http://127.0.0.1:{server.getsockname()[1]}")
    server.close()
    assert caught.value.code == "data.network" and len(accepted) == 1
    assert "cannot reach the Hub for ltg/norec_tsa" in caught.value.message
    assert "file paths" in caught.value.fix


def test_a_closed_port_fails_without_retrying():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    with pytest.raises(DataSetError) as caught:
        get_data("norec_tsa", endpoint=f"http://127.0.0.1:{closed.getsockname()[1]}")
    closed.close()
    assert caught.value.code == "data.network" and "ConnectError" in caught.value.message


def test_an_unwritable_data_folder_is_refused_before_any_request(hub, monkeypatch):
    monkeypatch.setenv("TSA_REGISTRY_HOME", "/proc/tsa")
    start = hub.mark()
    with pytest.raises(DataSetError) as caught:
        get_data("norec_tsa")
    assert caught.value.usage and caught.value.code == "data.write"
    assert caught.value.message.startswith("/proc/tsa/data/datasets: cannot be written")
    assert hub.requests(since=start) == []


def test_a_changed_file_is_noticed_and_fetched_again(norec_hub):
    got = get_data("norec_tsa")
    got.path("dev").write_text("#sent_id=1\nx\tO", encoding="utf-8")
    [status] = [s for s in statuses() if s.name == "norec_tsa"]
    assert status.problem == "damaged: dev.conll was changed"
    again = get_data("norec_tsa")
    assert again.fetched and again.replaced == "damaged: dev.conll was changed"
    assert same(read_conll(again.path("dev")).sentences, served("dev"))


def test_statuses_list_every_config(norec_hub):
    get_data("norec_tsa")
    found = {s.name: s for s in statuses()}
    assert set(found) == {"norec_tsa", "norec_tsa:intensity"}
    assert found["norec_tsa"].problem is None and found["norec_tsa"].manifest.name == "norec_tsa"
    assert found["norec_tsa:intensity"].problem == "not downloaded"
