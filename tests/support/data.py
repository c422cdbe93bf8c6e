"""Where the tests find NoReC_tsa: the shared data folder beside the repository, or NOREC_TSA_DIR.
Tests that need it are skipped, saying where they looked, when it is not there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOREC_TSA = Path(os.environ.get("NOREC_TSA_DIR")
                 or Path(__file__).resolve().parents[3] / "shared" / "data" / "norec_tsa")

needs_norec_tsa = pytest.mark.skipif(
    not (NOREC_TSA / "train.conll").is_file(),
    reason=f"NoReC_tsa is not at {NOREC_TSA} (the shared data folder beside the repository; "
           "NOREC_TSA_DIR=FOLDER points elsewhere)")
