"""Facts from a Hub-compatible server (olah on loopback) and from the HF cache, with the real client."""

from __future__ import annotations

import logging
import re
import socket

import pytest

from tsa_registry.sources import SourceError, load_facts


def test_hub_facts_without_downloading_weights(hub):
    repo = hub.model("bert-cased")
    start = hub.mark()
    facts = load_facts(repo)
    assert facts.source == "hub" and re.fullmatch(r"[0-9a-f]{40}", facts.revision)
    assert facts.config["model_type"] == "bert"
    assert facts.card["language"] == ["no", "nb", "nn"]
    assert facts.weight_files == {"model.safetensors": hub.weights_of(repo)}
    assert facts.safetensors_parameters["F32"] > 40_000
    assert (facts.folder / "tokenizer.json").is_file()
    assert not (facts.folder / "model.safetensors").exists()
    assert hub.weight_downloads(repo, since=start) == []
    header = [r for r in hub.requests(repo, since=start) if r.path.endswith(".safetensors") and r.method == "GET"]
    assert [r.range for r in header] == ["bytes=0-100000"] and header[0].status == 206


def test_card_with_a_bare_no_is_read_as_norwegian(hub):
    facts = load_facts(hub.model("card-bare-no"))
    assert facts.card["language"] == ["no"]


def test_remote_code_is_not_downloaded_unless_trusted(hub):
    repo = hub.model("remote-code")
    start = hub.mark()
    facts = load_facts(repo)
    assert facts.remote_code and "modeling_custom.py" in facts.files
    assert not any(r.path.endswith(".py") for r in hub.requests(repo, since=start))
    trusted = load_facts(repo, trust_remote_code=True)
    assert (trusted.folder / "modeling_custom.py").is_file()


def test_the_cache_answers_offline_after_one_online_check(hub):
    repo = hub.model("distilbert")
    online = load_facts(repo)
    start = hub.mark()
    offline = load_facts(repo, offline=True)
    assert hub.requests(since=start) == []
    assert offline.source == "cache" and offline.revision == online.revision
    assert offline.config == online.config and not offline.files_complete
    assert "not in the HF cache" in offline.notes[0]


def test_offline_and_not_cached(hub):
    with pytest.raises(SourceError) as caught:  # an id no test ever fetches online
        load_facts("tsa-test/never-fetched", offline=True)
    assert caught.value.code == "source.offline-not-cached"
    assert "HF_HUB_OFFLINE" in caught.value.message


@pytest.mark.parametrize("repo, revision, code, words", [
    ("tsa-test/no-such-model", None, "source.not-found", "not found"),
    ("tsa-test/bert-cased", "v9.9", "source.revision-not-found", "no revision 'v9.9'"),
])
def test_missing_repo_and_revision(hub, repo, revision, code, words):
    hub.model("bert-cased")
    with pytest.raises(SourceError) as caught:
        load_facts(repo, revision=revision)
    assert caught.value.code == code and words in caught.value.message


def test_gated_repo_needs_a_token_and_the_token_is_never_shown(hub, caplog):
    repo = hub.model("gated")
    with pytest.raises(SourceError) as caught:
        load_facts(repo)
    assert caught.value.code == "source.gated" and "hf auth login" in caught.value.fix
    secret = "hf_" + "s3cr3tT0kenThatMustNotLeak"
    caplog.set_level(logging.DEBUG)
    start = hub.mark()
    with pytest.raises(SourceError) as caught:
        load_facts(repo, token=secret)
    assert caught.value.code == "source.gated"
    assert {r.status for r in hub.requests(repo, since=start) if "/resolve/" in r.path} == {403}
    shown = f"{caught.value.message} {caught.value.fix} {caplog.text}"
    assert secret not in shown and "s3cr3t" not in shown


def test_rate_limited(hub):
    with pytest.raises(SourceError) as caught:
        load_facts(hub.model("rate-limited"))
    assert caught.value.code == "source.rate-limited" and "Wait 1 s" in caught.value.fix


def test_network_error():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    with pytest.raises(SourceError) as caught:
        load_facts("tsa-test/bert-cased", endpoint=f"http://127.0.0.1:{closed.getsockname()[1]}")
    closed.close()
    assert caught.value.code == "source.network" and "network" in caught.value.fix
