"""A user and password in HF_ENDPOINT (http://user:password@host) are never printed or logged:
every message that shows an endpoint or quotes an error shows `http://***@host`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PASSWORD = "hunter2pass"


def search(endpoint: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_ENDPOINT": endpoint}
    return subprocess.run([sys.executable, "-m", "tsa_registry", "search", "bert"], capture_output=True,
                          text=True, env=env, timeout=120)


def test_an_unreachable_endpoints_password_is_not_printed():
    done = search(f"http://user:{PASSWORD}@127.0.0.1:9")  # the discard port: nothing listens
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert PASSWORD not in output and "user:" not in output
    assert "cannot reach the Hub at http://***@127.0.0.1:9" in output


def test_a_refusing_endpoints_password_is_not_printed():
    from tests.support.search_server import SearchServer

    with SearchServer([]) as server:
        server.fail_with = 403
        done = search(server.endpoint.replace("http://", f"http://user:{PASSWORD}@"))
    output = done.stdout + done.stderr
    assert done.returncode == 1 and PASSWORD not in output
    assert "refused the search (403)" in output and "http://***@127.0.0.1:" in output


@pytest.mark.parametrize("message", [
    f"404 Client Error for url: https://user:{PASSWORD}@hub.example/api/models/x (Request ID: 1)",
    f"cannot connect to HTTP://me:{PASSWORD}@[::1]:8080/path and ftp://a@b/c",
])
def test_every_url_in_a_message_loses_its_user_and_password(message):
    from tsa_registry.safe_text import redact_urls

    shown = redact_urls(message)
    assert PASSWORD not in shown and "***@" in shown
    assert redact_urls("https://huggingface.co/api/models?x=a@b") == "https://huggingface.co/api/models?x=a@b"


def test_hub_errors_and_findings_are_redacted():
    from tsa_registry.check.findings import warning
    from tsa_registry.sources.errors import SourceError

    error = SourceError("source.http", f"A file is missing: url http://u:{PASSWORD}@127.0.0.1/x", "")
    assert PASSWORD not in error.message and PASSWORD not in str(error)
    finding = warning("tokenizer.load", f"failed: http://u:{PASSWORD}@host/x", f"see http://u:{PASSWORD}@h")
    assert PASSWORD not in finding.message + finding.fix
