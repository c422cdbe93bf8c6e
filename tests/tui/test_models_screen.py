"""The Models screen as a user drives it with the keyboard at 80x24: filter, select, sort, details."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.support.tui import screen_text, table_ids


async def test_filter_narrows_as_you_type_and_details_follow_the_selection(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#catalogue", DataTable)
        everything = table.row_count
        assert "xlm-roberta-base" in table_ids(table) and everything > 10

        await pilot.press("slash", *"xlm-r")
        assert app.screen.query_one("#filter", Input).has_focus
        assert table_ids(table) == ["facebook/xlm-roberta-xl", "xlm-roberta-base", "xlm-roberta-large"]
        assert f"3 of {everything} models" in app.screen.sub_title

        await pilot.press("enter")  # back to the table
        assert table.has_focus
        await pilot.press("tab")  # to the detail pane, which scrolls with the arrows
        text = screen_text(app)
        assert "facebook/xlm-roberta-xl" in text and "XLM-RoBERTa XL" in text

        await pilot.press("shift+tab", "down")
        await pilot.pause()
        assert app.screen.selected_id == "xlm-roberta-base"
        assert "XLM-RoBERTa base" in screen_text(app)


async def test_details_show_settings_problems_and_reference(make_app):
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("slash", *"nb-bert-l", "enter")
        text = screen_text(app)
        assert "NbAiLab/nb-bert-large" in text
        assert "do_lower_case=True" in text  # the uncased vocabulary needs it
        assert "Known problems" in text
        assert "54.6 ± 0.7" in text  # NorBench reference


async def test_filter_matches_language_and_status_words(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#catalogue", DataTable)
        await pilot.press("slash", *"incomp")
        assert table_ids(table) == [*(f"ltg/norbert4-{size}" for size in ("base", "large", "small", "xlarge",
                                                                          "xsmall")), "xlm-mlm-100-1280"]
        await pilot.press("escape")  # clears the filter, back in the table
        assert app.screen.query_one("#filter", Input).value == ""
        await pilot.press("slash", *"nb expected")
        ids = table_ids(table)
        assert ids and all(app.registry.entries[i].status == "expected" for i in ids)
        assert "someone/keep-me" in ids  # from your registry file


async def test_no_match_says_how_to_get_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzz")
        assert app.screen.query_one("#catalogue", DataTable).row_count == 0
        assert "No model matches 'zzz'" in screen_text(app)


async def test_sort_by_column_with_keys_and_header_click(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        table = app.screen.query_one("#catalogue", DataTable)
        assert table_ids(table) == sorted(table_ids(table), key=str.lower)
        for _ in range(4):  # model -> family -> ST type -> nor -> params
            await pilot.press("s")
        assert "by params" in app.screen.sub_title
        sizes = [app.registry.entries[i].parameters for i in table_ids(table)]
        known = [s for s in sizes if s is not None]
        assert known == sorted(known, reverse=True) and sizes[: len(known)] == known  # unknown last
        await pilot.press("S")
        assert "reversed" in app.screen.sub_title
        assert [app.registry.entries[i].parameters for i in table_ids(table)][0] == min(known)

        columns = list(table.columns.values())
        family_x = sum(c.get_render_width(table) for c in columns[: [c.key.value for c in columns].index("family")])
        await pilot.click("#catalogue", offset=(family_x + 2, 0))  # the header of the "family" column
        assert "by family" in app.screen.sub_title
        families = [app.registry.entries[i].family for i in table_ids(table)]
        assert families == sorted(families)


async def test_user_entries_are_marked(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"keep-me")
        assert "someone/keep-me*" in screen_text(app)
