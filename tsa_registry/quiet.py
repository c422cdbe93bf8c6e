"""Libraries' own chatter kept out of our output.

huggingface_hub draws "Fetching 4 files" bars, transformers draws "Loading weights" bars and
logs a LOAD REPORT table (with ANSI codes) for every model it loads, tqdm draws whatever else:
all on the same streams as our report and our JSON. Each library reads its switch from the
environment when it is first imported, so the shells set them once at start, before any of the
libraries is imported; a variable the user has set wins (TRANSFORMERS_VERBOSITY=info shows the
libraries' logs again). Our own progress is drawn by the shells, on stderr, on a terminal only.
"""

from __future__ import annotations

import os
import sys

LIBRARY_QUIET = {
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",  # huggingface_hub's bars, and transformers' (it follows them)
    "HF_HUB_VERBOSITY": "error",  # huggingface_hub's warnings, its retry lines among them
    "TRANSFORMERS_VERBOSITY": "error",  # LOAD REPORT tables and advice meant for library users
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
    "TQDM_DISABLE": "1",  # any other tqdm bar (Simpletransformers' own, among them)
}


def quiet_libraries() -> None:
    """Silence the libraries' bars and logs in this process and in the processes it starts.

    Libraries imported already (a script that imported them first) are told directly too."""
    for name, value in LIBRARY_QUIET.items():
        os.environ.setdefault(name, value)
    if "huggingface_hub" in sys.modules and os.environ["HF_HUB_VERBOSITY"] == "error":
        from huggingface_hub.utils import disable_progress_bars
        from huggingface_hub.utils import logging as hub_logging

        disable_progress_bars()
        hub_logging.set_verbosity_error()
    if "transformers" in sys.modules and os.environ["TRANSFORMERS_VERBOSITY"] == "error":
        from transformers.utils import logging

        logging.set_verbosity_error()
        logging.disable_progress_bar()
