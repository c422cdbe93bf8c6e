"""The training tests' tiny run and data, shared here."""

from tests.training.conftest import one_cpu_thread, trained_run, tsa_data  # noqa: F401
