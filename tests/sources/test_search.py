"""The Hub search behind `tsa-registry search` and the terminal UI's Add screen, against a loopback
server that answers as the Hub does."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from tests.support.search_server import SearchServer
from tsa_registry.sources.search import SearchError, search_hub


@pytest.fixture
def server():
    with SearchServer() as running:
        yield running


def test_search_asks_for_each_norwegian_code_and_merges(server):
    found = search_hub("bert", endpoint=server.endpoint)
    # most downloaded first; not the Swedish, the generative or the flax one
    assert [m.id for m in found] == ["NbAiLab/nb-bert-base", "ltg/norbert3-base", "someone/nynorsk-bert"]
    assert found[2].languages == ("nn",) and found[1].languages == ("no", "nb", "nn")
    assert found[0].downloads == 50000
    asked = [(q["filter"], q["pipeline_tag"], q["search"]) for q in server.queries]
    assert asked == [([code, "transformers"], ["fill-mask"], ["bert"]) for code in ("no", "nb", "nn")]


def test_search_without_words_lists_every_norwegian_encoder(server):
    found = search_hub(endpoint=server.endpoint)
    assert {m.id for m in found} == {"NbAiLab/nb-bert-base", "ltg/norbert3-base", "someone/nynorsk-bert"}
    assert next(m for m in found if m.id == "ltg/norbert3-base").languages == ("no", "nb", "nn")
    assert all("search" not in q for q in server.queries)


def test_search_can_drop_the_task_and_library(server):
    found = search_hub("norsk", endpoint=server.endpoint, task=None, library=None)
    assert {m.id for m in found} == {"someone/norsk-gpt", "someone/norsk-bert-flax", "someone/nynorsk-bert"}


@pytest.mark.parametrize("status, words", [(401, "HF_TOKEN"), (403, "refused the search (403)"),
                                           (404, "answered 404")])
def test_search_errors_say_what_to_do(server, status, words):
    server.fail_with = status
    with pytest.raises(SearchError, match=words.replace("(", r"\(").replace(")", r"\)")):
        search_hub("bert", endpoint=server.endpoint)


def cli_process(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`tsa-registry ARGS` in a process of its own (huggingface_hub reads HF_ENDPOINT at import)."""
    return subprocess.run([sys.executable, "-m", "tsa_registry", *args], capture_output=True, text=True,
                          env={**os.environ, **env})


def test_search_command_prints_a_table_and_json(server):
    done = cli_process("search", "bert", HF_ENDPOINT=server.endpoint)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].split()[:2] == ["NbAiLab/nb-bert-base", "50000"] and "3 models." in done.stdout
    done = cli_process("search", "--language", "sv", "--json", HF_ENDPOINT=server.endpoint)
    assert [m["id"] for m in json.loads(done.stdout)] == ["someone/bert-svensk"]


def test_search_offline_fails_with_a_message():
    done = cli_process("search", "bert", HF_HUB_OFFLINE="1")
    assert done.returncode == 1
    assert "HF_HUB_OFFLINE is set" in done.stderr and "Traceback" not in done.stderr


def closed_port() -> int:
    """A loopback port nothing listens on: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_search_fails_at_once_when_the_hub_refuses_connections():
    endpoint = f"http://127.0.0.1:{closed_port()}"
    started = time.monotonic()
    with pytest.raises(SearchError, match="cannot reach the Hub") as caught:
        search_hub("bert", endpoint=endpoint)
    assert time.monotonic() - started < 2.0  # not huggingface_hub's five retries over ~24 s
    assert "ConnectError" in str(caught.value) and "HF_ENDPOINT" in str(caught.value)
    done = cli_process("search", "bert", HF_ENDPOINT=endpoint)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [f"error: {caught.value}"]  # one line, no retry chatter
