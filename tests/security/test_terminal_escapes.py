"""Terminal escapes and rich markup in a model's card, the Hub's answers and registry files.

`\\e]0;title\\a` renames the terminal window, `\\e[41m` paints it, an 8-bit CSI (\\x9b) does the
same on some terminals, and `[blink]` is rich markup. Whatever a file or the Hub says is shown
as text: control characters as visible escapes, markup as written, in the CLI and the TUI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.attacks import cli, copy_model

LICENCE = "\x1b]0;owned-title\x07\x1b[41mLICENCE\x9b31m"
SHOWN = "\\x1b]0;owned-title\\x07\\x1b[41mLICENCE\\x9b31m"
CARD = '---\nlanguage:\n- nb\nlicense: "\\e]0;owned-title\\a\\e[41mLICENCE\\x9b31m"\n---\n# Card\n'
RAW = ("\x1b", "\x07", "\x9b")

HAND_WRITTEN = r"""
[[model]]
id = "evil/[reverse]model"
family = "bert"
status = "expected"
languages = ["nb"]
licence = "\u001b]0;owned-title\u0007\u001b[41mLICENCE"
notes = "\u009b31m[blink]read me[/blink]"
"""


def raw_control(text: str) -> list[str]:
    return [c for c in RAW if c in text]


def card_model(tiny_models, tmp_path):
    folder = copy_model(tiny_models, tmp_path / "card-model")
    (folder / "README.md").write_text(CARD, encoding="utf-8")
    return folder


def test_check_shows_the_cards_escapes_as_text(tiny_models, tmp_path):
    folder = card_model(tiny_models, tmp_path)
    text = cli("check", folder)
    assert raw_control(text.output) == []
    assert f"licence: {SHOWN}" in text.output and f"Licence {SHOWN}." in text.output

    as_json = cli("check", folder, "--json")
    assert raw_control(as_json.stdout) == []  # JSON escapes them: \u001b, \u009b
    assert json.loads(as_json.stdout)["licence"] == LICENCE  # the data itself is kept


def test_add_stores_the_licence_inert_and_show_and_list_print_it_inert(hub, tiny_models, tmp_path):
    repo = hub.add_folder("tsa-test/escape-card", card_model(tiny_models, tmp_path))
    registry = tmp_path / "registry.toml"
    added = cli("--registry", registry, "add", repo, "--yes")
    assert added.exit_code == 0, added.output
    assert raw_control(added.output) == []

    from tsa_registry.registry import load_registry

    stored = load_registry(registry).entries[repo]
    assert stored.licence == SHOWN and raw_control(stored.licence) == []
    for command in (["show", repo], ["list"], ["show", repo, "--json"], ["list", "--json"]):
        shown = cli("--registry", registry, *command)
        assert shown.exit_code == 0 and raw_control(shown.output) == [], command


def test_a_hand_written_registry_file_is_shown_inert(tmp_path):
    registry = tmp_path / "registry.toml"
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    shown = cli("--registry", registry, "show", "evil/[reverse]model")
    assert shown.exit_code == 0, shown.output
    assert raw_control(shown.output) == []
    assert "\\x1b]0;owned-title" in shown.output and "\\x9b31m[blink]read me[/blink]" in shown.output
    listed = cli("--registry", registry, "list")
    assert "evil/[reverse]model*" in listed.output  # markup is printed as written
    assert raw_control(listed.output) == []


def test_the_hubs_search_answers_are_shown_inert(tmp_path):
    from tests.support.search_server import SearchServer

    hostile = [{"id": "someone/norsk-bert", "downloads": 5, "likes": 1,
                "pipeline_tag": "fill-mask\x1b]0;owned-title\x07[blink]", "library_name": "transformers",
                "tags": ["transformers", "bert", "no"]}]
    with SearchServer(hostile) as server:
        env = {**os.environ, "HF_ENDPOINT": server.endpoint}
        done = subprocess.run([sys.executable, "-m", "tsa_registry", "search", "bert", "--task", ""],
                              capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "someone/norsk-bert" in done.stdout
    assert raw_control(done.stdout) == [] and "\\x1b]0;owned-title\\x07[blink]" in done.stdout


@pytest.mark.anyio
async def test_the_tuis_detail_pane_shows_a_registry_entry_inert(tmp_path):
    from tests.support.tui import widget_text
    from tsa_registry.tui.app import create_app

    registry = tmp_path / "registry.toml"
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    app = create_app(user_registry=registry, runs_root=tmp_path / "runs")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("slash", *"evil", "enter")
        await pilot.pause()
        assert app.screen.selected_id == "evil/[reverse]model"
        details = widget_text(app.screen.query_one("#details-body"))
        assert raw_control(details) == []
        assert "\\x1b]0;owned-title" in details and "[blink]read me[/blink]" in details
