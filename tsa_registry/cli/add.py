"""add and search: check a Hub model and add it to your registry file; find candidates."""

from __future__ import annotations

import click

from tsa_registry.cli.output import Cut, console, emit_json, fail, load, print_table, progress
from tsa_registry.formatting import counted
from tsa_registry.languages import HUB_LANGUAGE_TAGS
from tsa_registry.safe_text import inert_markup


@click.command()
@click.argument("query", required=False, default="")
@click.option("--language", "languages", multiple=True, default=HUB_LANGUAGE_TAGS, show_default=True,
              help="Language tag; repeat for several (any of them matches).")
@click.option("--library", default="transformers", show_default=True,
              help="Library tag ('' for any library).")
@click.option("--task", default="fill-mask", show_default=True,
              help="Hub task: encoders are published as fill-mask ('' for any task).")
@click.option("--limit", type=click.IntRange(min=1, max=1000), default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def search(query, languages, library, task, limit, as_json):
    """Search the Hugging Face Hub for Norwegian encoders.

    Those whose id contains QUERY; then `tsa-registry add ID` checks one and adds it to your
    registry file.
    """
    from tsa_registry.sources.search import SearchError, search_hub

    try:
        found = search_hub(query, languages=tuple(languages), library=library or None,
                           task=task or None, limit=limit)
    except SearchError as err:
        fail(str(err), code=1)
    if as_json:
        return emit_json([model.to_dict() for model in found])
    if not found:
        click.echo(f"No {task or 'model'} on the Hub matches {query!r} with language "
                   f"{' or '.join(languages)}. Try fewer words, or --task ''.")
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("id", "downloads", "likes", "task", "languages", "modified"):
        table.add_column(column, justify="right" if column in ("downloads", "likes") else "left",
                         no_wrap=column not in ("id", "task"))
    for model in found:  # the Hub's words: shown, never read as markup or control codes
        table.add_row(Cut(model.id), *(inert_markup(v) for v in (model.downloads or 0, model.likes or 0)),
                      Cut(model.pipeline_tag or ""),
                      *(inert_markup(v) for v in (",".join(model.languages), model.last_modified or "")))
    out = console()
    print_table(out, table)
    out.print(f"[dim]{counted(len(found), 'model')}. `tsa-registry add ID` checks one and adds it to "
              "your registry file.[/]")


@click.command()
@click.argument("model")
@click.option("--revision", help="Branch, tag or commit of the Hub model (default: main).")
@click.option("--title", default="", help="A title for the catalogue (default: none).")
@click.option("--yes", "-y", is_flag=True, help="Add without asking.")
@click.pass_context
def add(ctx, model, revision, title, yes):
    """Check a Hub model and add it to your registry file.

    MODEL is a Hub repo id. The entry holds what the check established (family, languages, size, casing, licence,
    weights, remote code) and never a guess; comments and other entries in the file are kept.
    """
    from tsa_registry import paths
    from tsa_registry.check import check_model
    from tsa_registry.check.entry import EntryError, entry_from_report
    from tsa_registry.check.render import render_text
    from tsa_registry.user_registry import UserRegistryError, add_entry, ensure_can_add

    registry = load(ctx)
    try:
        ensure_can_add(ctx.find_root().obj.get("user_registry"))  # before the check's work
    except UserRegistryError as err:
        fail(f"{model} was not added: {err}")
    with progress(f"Checking {model}") as update:
        report = check_model(model, registry=registry, revision=revision, progress=update)
    out = console()
    out.print(render_text(report))
    try:
        entry = entry_from_report(report, registry, title=title)
    except EntryError as err:
        fail(f"{model} was not added: {err}", code=1)
    path, _ = paths.user_registry_path(ctx.find_root().obj.get("user_registry"))
    out.print("\n[bold]Entry[/]")
    for key, value in entry.to_dict().items():
        if value not in (None, "", [], {}):
            out.print(f"  {key} = {value!r}", markup=False, highlight=False)
    replacing = " (it replaces the entry with the same id)" if entry.id in registry.entries else ""
    if not yes and not click.confirm(f"Add {entry.id} to {path}{replacing}?", default=True):
        click.echo("Nothing was added.")
        return
    try:
        written = add_entry(entry, path)
    except UserRegistryError as err:
        fail(f"{model} was not added: {err}")
    click.echo(f"Added {entry.id} to {written}.")
