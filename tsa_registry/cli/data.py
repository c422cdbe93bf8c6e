"""`tsa-registry data get` and `data list`: data sets from the Hub in your data folder."""

from __future__ import annotations

import sys

import click

from tsa_registry.cli.output import Cut, console, emit_json, fail, print_table
from tsa_registry.formatting import counted
from tsa_registry.safe_text import inert_markup


@click.group("data")
def data() -> None:
    """Download data sets (NoReC_tsa) from the Hub into your data folder."""


@data.command("get")
@click.argument("name")
@click.option("--intensity", is_flag=True,
              help="The config with intensity tags (1-3); the same as NAME:intensity.")
@click.option("--force", is_flag=True, help="Download and write the files again.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def get(name: str, intensity: bool, force: bool, as_json: bool) -> None:
    """Download data set NAME (norec_tsa, norec_tsa:intensity) as CoNLL train, dev and test.

    Honours HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE (then the HF cache is used) and the HF cache.
    """
    from tsa_registry.data import DataSetError, UnknownDataSet, get_data, lookup

    if intensity and ":" in name and not name.endswith(":intensity"):
        fail(f"{name} names another config than --intensity does; give one of them")
    try:
        chosen, config = lookup(name, "intensity" if intensity else None)
        with _ProgressView() as show:
            got = get_data(chosen, config.name, force=force, progress=show)
    except UnknownDataSet as err:
        fail(str(err))
    except DataSetError as err:
        fail(str(err), 2 if err.usage else 1)
    if as_json:
        return emit_json(_got_json(got, chosen))
    out = console()
    m = got.manifest
    where = f"({m.repo_id} at {m.revision[:7]})"
    if got.fetched:
        note = f" (the files there were {inert_markup(got.replaced)})" if got.replaced else ""
        again = " again" if force and not got.replaced else ""
        out.print(f"Downloaded {m.name}{again} {where} to {inert_markup(got.folder)}{note}")
    else:
        out.print(f"{m.name} is already downloaded {where}, in {inert_markup(got.folder)}; "
                  "--force downloads it again.")
    for record in m.files:
        out.print(f"  {record.split:<5} {record.sentences:>6,} sentences  "
                  f"{inert_markup(got.folder / record.file)}")
    out.print(f"Licence: {chosen.licence_name}. {chosen.licence_note}")
    out.print("Cite it as:", markup=False)
    out.print(chosen.citation, markup=False, highlight=False)


@data.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def list_data(as_json: bool) -> None:
    """List the data sets tsa-registry can download: which are here, where, at which revision."""
    from rich.table import Table

    from tsa_registry.data import statuses

    rows = [_status_json(s) for s in statuses()]
    if as_json:
        return emit_json(rows)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("name", "status", "train", "dev", "test", "revision", "licence", "folder"):
        table.add_column(column, no_wrap=column not in ("name", "folder"),
                         justify="right" if column in ("train", "dev", "test") else "left")
    for row in rows:
        counts = {f["split"]: f"{f['sentences']:,}" for f in row["files"]}
        style = "green" if row["status"] == "installed" else "yellow"
        table.add_row(Cut(row["name"]), f"[{style}]{inert_markup(row['problem'] or 'installed')}[/]",
                      *(counts.get(s, "") for s in ("train", "dev", "test")),
                      row["revision"][:7], row["licence"], Cut(row["folder"]))
    out = console()
    print_table(out, table)
    out.print("[dim]`tsa-registry data get NAME` downloads one. Revision: the commit of the Hub "
              "dataset the files come from.[/]")


def _got_json(got, chosen) -> dict:
    m = got.manifest
    return {"name": m.name, "folder": str(got.folder), "fetched": got.fetched,
            "repo_id": m.repo_id, "revision": m.revision, "licence": m.licence,
            "files": [{"split": f.split, "path": str(got.folder / f.file), "sentences": f.sentences,
                       "sha256": f.sha256} for f in m.files],
            "citation": chosen.citation}


def _status_json(status) -> dict:
    m = status.manifest
    files = [] if m is None else [{"split": f.split, "path": str(status.folder / f.file),
                                   "sentences": f.sentences} for f in m.files]
    return {"name": status.name, "status": (status.problem or "installed").split(":")[0],
            "problem": status.problem, "folder": str(status.folder),
            "repo_id": status.data_set.repo_id,
            "revision": m.revision if m is not None else status.data_set.revision,
            "licence": status.data_set.licence, "files": files,
            "expected": {s.name: s.sentences for s in status.data_set.splits}}


class _ProgressView:
    """The callback for get_data: a progress bar on stderr when it is a terminal, else lines."""

    def __enter__(self):
        self.bar = self.task = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
        return self.show

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def show(self, event) -> None:
        from tsa_registry.data import events

        if isinstance(event, events.Resolving):
            where = "the HF cache" if event.offline else "the Hub"
            self._say(f"Reading {event.repo_id} at {event.revision[:7]} from {where}")
        elif isinstance(event, events.Downloading):
            text = f"Downloading {event.file} ({event.index}/{event.count})"
            if self.bar is None:
                return click.echo(text, err=True)
            if self.task is None:
                self.task = self.bar.add_task(text, total=event.total)
            self.bar.update(self.task, description=text, completed=event.done)
        elif isinstance(event, events.Downloaded) and self.bar is not None and self.task is not None:
            done = event.index == event.count
            self.bar.update(self.task, completed=event.done,
                            description=f"Downloaded {counted(event.count, 'file')}" if done else None)
        elif isinstance(event, events.Checked):
            self._say(f"Checked {event.split}: {event.sentences:,} sentences")

    def _say(self, text: str) -> None:
        if self.bar is None:
            click.echo(text, err=True)
        else:
            self.bar.console.print(text, markup=False, highlight=False)
