"""`etl`: the command-line interface. Commands collect options and call into the pipeline.

Human output (progress, tables) goes to stderr; `--json` output goes to stdout alone, so it can
be piped. Exit codes: 0 success, 1 a file failed, 2 usage error (click's own).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from policy_etl.parsers import ParseError, parse_file
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.ingest import FileResult, IngestReport, ingest, iter_files
from policy_etl.pipeline.load import SchemaMismatchError
from policy_etl.pipeline.normalize import normalize

DEFAULT_DB = Path("outputs/policy.db")
DEFAULT_INPUT = Path("raw_docs")

app = typer.Typer(
    name="etl",
    help="Turn Chinese eco-environmental plans (PDF, DOCX, HTML, text) into one SQLite policy database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database to write (created with its folder).")]


def _summary_table(report: IngestReport) -> Table:
    table = Table(title=f"ingest → {report.db_path}", show_lines=False)
    table.add_column("file")
    table.add_column("status")
    table.add_column("detail", overflow="fold")
    styles = {"ingested": "green", "unchanged": "dim", "failed": "bold red"}
    for r in report.results:
        if r.status == "failed":
            detail = f"[{r.stage}] {r.reason}"
        elif r.status == "ingested":
            detail = ", ".join(f"{v} {k}" for k, v in r.counts.items() if v)
        else:
            detail = "same content already ingested"
        table.add_row(r.name, f"[{styles[r.status]}]{r.status}[/]", detail)
    table.caption = (
        f"{len(report.of('ingested'))} ingested · {len(report.of('unchanged'))} unchanged · "
        f"{len(report.of('failed'))} failed"
    )
    return table


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (recursive). Default: raw_docs/.")
    ] = None,
    db: DbOption = DEFAULT_DB,
    force: Annotated[
        bool, typer.Option("--force", help="Re-ingest files whose content is unchanged.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
) -> None:
    """Ingest policy files into the database and print what was ingested, skipped or failed."""
    inputs = paths or [DEFAULT_INPUT]
    total = sum(1 for _ in iter_files(inputs))
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    )
    with progress:
        task = progress.add_task("ingesting", total=total)

        def on_file(path: Path) -> None:
            progress.update(task, description=path.name)

        def on_result(result: FileResult) -> None:
            progress.advance(task)
            if result.status == "failed":
                err.print(f"[red]error[/]: {result.name}: [{result.stage}] {result.reason}", highlight=False)

        try:
            report = ingest(inputs, db, force=force, on_file=on_file, on_result=on_result)
        except SchemaMismatchError as exc:
            err.print(f"[red]error[/]: {exc}")
            raise typer.Exit(code=1) from exc
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        err.print(_summary_table(report))
    raise typer.Exit(code=1 if report.has_failures else 0)


def _load_document(path: Path):  # type: ignore[no-untyped-def]
    try:
        return normalize(parse_file(path))
    except ParseError as exc:
        err.print(f"[red]error[/]: {exc}")
        raise typer.Exit(code=1) from exc


@app.command("parse")
def parse_command(
    file: Annotated[Path, typer.Argument(help="One policy file.")],
    raw: Annotated[bool, typer.Option("--raw", help="Skip normalization.")] = False,
) -> None:
    """Dump the document model of one file as JSON (for debugging parsers)."""
    if raw:
        try:
            doc = parse_file(file)
        except ParseError as exc:
            err.print(f"[red]error[/]: {exc}")
            raise typer.Exit(code=1) from exc
    else:
        doc = _load_document(file)
    sys.stdout.write(doc.model_dump_json(indent=1) + "\n")


@app.command("extract")
def extract_command(file: Annotated[Path, typer.Argument(help="One policy file.")]) -> None:
    """Print every record extracted from one file as JSON Lines, without touching a database."""
    extraction = extract(_load_document(file))
    typer.echo(
        json.dumps({"type": "document", **extraction.document.model_dump(mode="json")}, ensure_ascii=False)
    )
    for kind in ("sections", "tables", "targets", "deadlines", "responsibilities", "projects", "glossary"):
        for record in getattr(extraction, kind):
            typer.echo(json.dumps({"type": kind, **record.model_dump(mode="json")}, ensure_ascii=False))


def _targets_table(rows: list[dict[str, object]]) -> Table:
    table = Table(title="targets across plans", show_lines=False)
    for column in ("plan", "indicator", "key", "target", "year", "baseline", "binding", "source"):
        table.add_column(column, overflow="fold")
    for row in rows:
        unit = row["unit"] or ""
        baseline = "" if row["baseline"] is None else f"{row['baseline']:g} ({row['baseline_year'] or '?'})"
        table.add_row(
            str(row["region"] or row["title"] or row["source_file"]),
            str(row["indicator"]),
            str(row["indicator_key"] or ""),
            f"{row['comparator']} {row['value']:g} {unit}".strip(),
            str(row["year"] or ""),
            baseline,
            str(row["binding"] or ""),
            str(row["source"]),
        )
    table.caption = f"{len(rows)} targets"
    return table


@app.command("targets")
def targets_command(
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="indicator_key (e.g. pm25_concentration) or wording.")
    ] = None,
    region: Annotated[str | None, typer.Option("--region", help="Region, title or file name part.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Target year.")] = None,
    db: Annotated[Path, typer.Option("--db", help="SQLite database to read.")] = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON on stdout.")] = False,
) -> None:
    """Compare numeric targets across plans, read-only (e.g. --indicator pm25_concentration)."""
    from policy_etl.pipeline.queries import DatabaseMissingError, find_targets

    try:
        rows = find_targets(db, indicator=indicator, region=region, year=year)
    except DatabaseMissingError as exc:
        err.print(f"[red]error[/]: {exc}")
        raise typer.Exit(code=1) from exc
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        err.print(_targets_table(rows))


if __name__ == "__main__":  # pragma: no cover
    app()
