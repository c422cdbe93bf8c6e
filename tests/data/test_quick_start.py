"""The README's quick start, run as written in a fresh clone with no ../shared beside it: the
test Hub stands in for the real one (HF_ENDPOINT), and the flow's own tiny model is the model.
The one change to the text: its scratch folder /tmp/tsa-demo becomes this test's own."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sh_blocks(readme: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", readme, re.S)


def test_the_quick_start_runs_as_written_in_a_fresh_clone(norec_hub, tmp_path, user_home):
    clone = tmp_path / "fresh" / "tsa-registry"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    assert not (clone.parent / "shared").exists()
    readme = (clone / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    blocks = sh_blocks(readme)
    get = next(b for b in blocks if b.strip() == "tsa-registry data get norec_tsa")
    flow = next(b for b in blocks if b.startswith("tsa-registry tiny-model"))
    demo = tmp_path / "tsa-demo"
    script = (get + flow).replace("/tmp/tsa-demo", str(demo))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "HF_HOME": str(tmp_path / "hf"), "PYTHONPATH": ""}
    done = subprocess.run(["bash", "-eu", "-c", script], cwd=clone, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "Downloaded norec_tsa (ltg/norec_tsa at 28187f0)" in out and "Licence: CC BY-NC 4.0" in out
    scores = json.loads(out[out.index('{\n  "f1"'):out.index("\n}\n", out.index('{\n  "f1"')) + 2])
    assert 0 <= scores["f1"] <= 1  # the test split of norec_tsa, scored against the saved predictions
    run = demo / "run"
    request = json.loads((run / "args.json").read_text(encoding="utf-8"))
    datasets = user_home / "data" / "datasets" / "norec_tsa" / "default"
    assert request["train"] == str(datasets / "train.conll") and request["dev"] == str(datasets / "dev.conll")
    assert request["data_terms"]["licence"] == "cc-by-nc-4.0"
    # The non-commercial condition, in `runs`, in `show RUN` and in the model's saved card.
    assert "train.conll (NC)" in out
    assert " ".join(out.split()).count("do not use or distribute it commercially") == 2
    card = (run / "model" / "README.md").read_text(encoding="utf-8")
    assert "CC BY-NC 4.0" in card and "commercially" in card and 'base_model: "' in card
