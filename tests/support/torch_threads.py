"""One CPU thread for PyTorch while a test runs tiny models: on a busy CPU, PyTorch's threads
mostly wait for each other. Also for the training processes the tests start (OMP_NUM_THREADS).
A conftest that imports `one_cpu_thread` turns it on for its folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def one_cpu_thread(monkeypatch):
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    yield
    torch.set_num_threads(before)
