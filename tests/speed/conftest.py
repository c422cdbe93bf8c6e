"""The shared tiny run and data (tests/support/runs.py), and PyTorch on one thread."""

from tests.support.runs import trained_run, tsa_data  # noqa: F401 - shared fixtures
from tests.support.torch_threads import one_cpu_thread  # noqa: F401 - on for this folder
