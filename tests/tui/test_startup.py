"""The first screen imports none of the heavy libraries (torch, transformers, simpletransformers)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from tsa_registry.cli import main
from tsa_registry.tui.app import create_app


async def first_screen(pilot):
    await pilot.app.workers.wait_for_complete()  # the runs are read in the background
    await pilot.pause()
    screen = pilot.app.screen
    print("SCREEN", type(screen).__name__, screen.query_one("#catalogue").row_count)
    pilot.app.exit()


create_app().run(headless=True, size=(80, 24), auto_pilot=first_screen)
print("HEAVY", ",".join(m for m in ("torch", "transformers", "simpletransformers") if m in sys.modules))
"""


def test_first_screen_imports_no_heavy_library(tmp_path):
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60,
                          env={"TSA_REGISTRY_HOME": str(tmp_path), "PATH": ""})
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if line.startswith(("SCREEN", "HEAVY")))
    assert lines.get("SCREEN", "").startswith("ModelsScreen "), done.stdout + done.stderr
    assert int(lines["SCREEN"].split()[1]) > 10
    assert lines["HEAVY"] == "", lines["HEAVY"]


def test_importing_the_tui_package_is_light():
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import tsa_registry.tui"],
                          capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()[1:]}
    assert not imported & {"textual", "torch", "transformers", "simpletransformers", "huggingface_hub"}


def test_without_a_terminal_it_exits_2_within_two_seconds(tmp_path):
    """Started from a script (no TTY): one line and status 2, never a UI spinning on a pipe."""
    done = subprocess.run([sys.executable, "-m", "tsa_registry"], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=2, env={"TSA_REGISTRY_HOME": str(tmp_path), "PATH": ""})
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "needs a terminal" in done.stderr
    assert done.stdout == ""
