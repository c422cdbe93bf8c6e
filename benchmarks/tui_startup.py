"""Time from starting `tsa-registry` (no command) to the Models screen drawn (target: under 1 s).

Each run is a fresh process that goes the way the command does (the click group, then the app),
with Textual's headless driver, and exits as soon as the first screen has been drawn with the
catalogue in it. Also prints which heavy libraries were imported by then (there should be none).

Usage: python benchmarks/tui_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PROBE = r"""
import sys, time
from tsa_registry.cli import main  # what `tsa-registry` imports first
from tsa_registry.tui.app import TsaApp, create_app
from tsa_registry.tui.screens.models import ModelsScreen


class Timed(TsaApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.drawn)

    def drawn(self):
        screen = self.screen
        rows = screen.query_one("#catalogue").row_count if isinstance(screen, ModelsScreen) else 0
        self.result = {"drawn": time.time(), "rows": rows, "screen": type(screen).__name__,
                       "heavy": [m for m in ("torch", "transformers", "simpletransformers") if m in sys.modules]}
        self.exit()


app = Timed(create_app().services)
app.run(headless=True, size=(80, 24))
print(__import__("json").dumps(app.result))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TSA_REGISTRY_HOME": home}
        subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, check=True)  # warm caches
        times, last = [], {}
        for _ in range(runs):
            start = time.time()
            done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
            last = json.loads(done.stdout.strip().splitlines()[-1])
            times.append(last["drawn"] - start)
    print(f"first screen ({last['screen']}, {last['rows']} models, 80x24): median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s over {runs} runs (target < 1 s)")
    print(f"heavy libraries imported by then: {', '.join(last['heavy']) or 'none'}")


if __name__ == "__main__":
    main()
