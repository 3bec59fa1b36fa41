"""`etl`: the command-line interface. Commands collect options and call into the pipeline.

Human output (progress, tables) goes to stderr; `--json` output goes to stdout alone, so it can
be piped. Exit codes: 0 success, 1 a file failed, 2 usage error (click's own).
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from policy_etl.parsers import OCR_MODES, ParseError, parse_file
from policy_etl.pipeline.diagnostics import IngestWarning, capturing
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.ingest import (
    OCR_SECONDS_PER_PAGE,
    STATUSES,
    FileResult,
    IngestReport,
    IngestSettings,
    database_files,
    ingest,
    iter_files,
)
from policy_etl.pipeline.load import SchemaMismatchError
from policy_etl.pipeline.normalize import normalize
from policy_etl.query import diff as db_diff
from policy_etl.query import listings
from policy_etl.query.connection import QueryError, open_readonly, run_sql
from policy_etl.query.export import export_views
from policy_etl.query.keys import KeyCoverage, key_coverage
from policy_etl.query.listings import Rows
from policy_etl.query.outline import load_outline, render_outline
from policy_etl.query.panel import build_panel, write_csv, write_jsonl, write_xlsx
from policy_etl.query.report import write_report
from policy_etl.query.search import MARK_CLOSE, MARK_OPEN, search
from policy_etl.query.snapshot import write_snapshot

DEFAULT_DB = Path("outputs/policy.db")
DEFAULT_INPUT = Path("raw_docs")

app = typer.Typer(
    name="etl",
    help="Turn Chinese eco-environmental plans (PDF, DOCX, HTML, text) into one SQLite policy database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)  # one error, one line, however long

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database to write (created with its folder).")]


def _summary_table(report: IngestReport) -> Table:
    table = Table(title=f"ingest → {report.db_path}", show_lines=False)
    table.add_column("file")
    table.add_column("status")
    table.add_column("detail", overflow="fold")
    styles = {
        "ingested": "green",
        "re-parsed": "yellow",
        "re-extracted": "cyan",
        "unchanged": "dim",
        "failed": "bold red",
    }
    for r in report.results:
        if r.status == "failed":
            detail = escape(f"[{r.stage}] {r.reason}")
        elif r.status == "unchanged":
            detail = "same content already ingested"
        else:
            detail = ", ".join(f"{v} {k}" for k, v in r.counts.items() if v)
            if r.cached:
                detail += " (parse from cache)"
        if r.warnings:
            detail += f" · [yellow]{_count(len(r.warnings), 'warning')}[/]"
        table.add_row(r.name, f"[{styles[r.status]}]{r.status}[/]", detail)
    n_warnings = sum(len(r.warnings) for r in report.results)
    table.caption = " · ".join(
        [
            f"{len(report.of(status))} {status}"
            for status in STATUSES
            if status in ("ingested", "unchanged", "failed") or report.of(status)
        ]
        + ([_count(n_warnings, "warning")] if n_warnings else [])
    )
    return table


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _print_warnings(name: str, notes: Iterable[IngestWarning]) -> None:
    """One line per warning, as the summary shows it: the file, the stage and the message."""
    for note in notes:
        err.print(f"[yellow]warning[/]: {escape(f'{name}: [{note.stage}] {note.message}')}", highlight=False)


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (recursive). Default: raw_docs/.")
    ] = None,
    db: DbOption = DEFAULT_DB,
    force: Annotated[
        bool,
        typer.Option("--force", help="Re-parse every file, stored or not (the parse cache is not read)."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    workers: Annotated[int, typer.Option(min=1, help="Files parsed in parallel (worker processes).")] = 1,
    timeout: Annotated[
        float,
        typer.Option(
            min=0,
            help=f"Seconds one file may take, plus {OCR_SECONDS_PER_PAGE:g} for each page it OCRs; "
            "0 for no limit.",
        ),
    ] = 600,
    max_size: Annotated[int, typer.Option(min=1, help="Largest file accepted, in MB.")] = 100,
    debug: Annotated[
        bool, typer.Option("--debug", help="Stop at the first error with its traceback.")
    ] = False,
    ocr: Annotated[
        str,
        typer.Option(
            "--ocr",
            help="OCR of PDF pages: auto (pages without a text layer), off (a scan fails), "
            "force (every page, its text layer set aside).",
        ),
    ] = "auto",
) -> None:
    """Ingest policy files into the database and print what was ingested, skipped or failed."""
    inputs = paths or [DEFAULT_INPUT]
    if ocr not in OCR_MODES:
        err.print(f"[red]error[/]: unknown --ocr mode {ocr!r}: use {', '.join(OCR_MODES)}")
        raise typer.Exit(code=2)
    settings = IngestSettings(
        force=force,
        workers=workers,
        timeout=timeout or None,
        max_bytes=max_size * 1024 * 1024,
        debug=debug,
        ocr=ocr,  # type: ignore[arg-type]
    )
    total = sum(1 for _ in iter_files(inputs, exclude=database_files(db)))
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
                message = escape(f"{result.name}: [{result.stage}] {result.reason}")
                err.print(f"[red]error[/]: {message}", highlight=False)

        try:
            report = ingest(inputs, db, settings=settings, on_file=on_file, on_result=on_result)
        except SchemaMismatchError as exc:
            err.print(f"[red]error[/]: {exc}")
            raise typer.Exit(code=1) from exc
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        err.print(_summary_table(report))
        for result in report.results:
            _print_warnings(result.name, result.warnings)
    raise typer.Exit(code=1 if report.has_failures else 0)


@contextmanager
def _warnings_shown(path: Path, stage: str) -> Iterator[None]:
    """Warnings raised inside the block, printed as one `warning:` line each, never raw."""
    notes: list[IngestWarning] = []
    try:
        with capturing(stage, notes):
            yield
    finally:
        _print_warnings(path.name, notes)


def _load_document(path: Path):  # type: ignore[no-untyped-def]
    try:
        with _warnings_shown(path, "parse"):
            doc = parse_file(path)
        with _warnings_shown(path, "normalize"):
            return normalize(doc)
    except ParseError as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}")
        raise typer.Exit(code=1) from exc


@app.command("parse")
def parse_command(
    file: Annotated[Path, typer.Argument(help="One policy file.")],
    raw: Annotated[bool, typer.Option("--raw", help="Skip normalization.")] = False,
) -> None:
    """Dump the document model of one file as JSON (for debugging parsers)."""
    if raw:
        try:
            with _warnings_shown(file, "parse"):
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
    doc = _load_document(file)
    with _warnings_shown(file, "extract"):
        extraction = extract(doc)
    typer.echo(
        json.dumps({"type": "document", **extraction.document.model_dump(mode="json")}, ensure_ascii=False)
    )
    for kind in ("sections", "tables", "targets", "deadlines", "responsibilities", "projects", "glossary"):
        for record in getattr(extraction, kind):
            typer.echo(json.dumps({"type": kind, **record.model_dump(mode="json")}, ensure_ascii=False))


@app.command("diff")
def diff_command(
    old: Annotated[Path, typer.Argument(help="The database before (e.g. made by the previous version).")],
    new: Annotated[Path, typer.Argument(help="The database after.")],
    doc: Annotated[
        str | None, typer.Option("--doc", help="Only this document (file name, or its start).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the differences as JSON on stdout.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Records shown per kind and change (text).")] = 20,
) -> None:
    """Records added, removed and changed per document and kind between two databases;
    exit 1 when they differ (a CI job fails on an unreviewed change), 0 when equal."""
    for path in (old, new):  # exit 1 means "they differ": a missing database is a usage error
        if not path.is_file():
            err.print(f"[red]error[/]: no database at {escape(str(path))}")
            raise typer.Exit(code=2)
    old_conn, new_conn = _readonly(old), _readonly(new)
    try:
        result = db_diff.diff_databases(old_conn, new_conn, doc)
    except sqlite3.DatabaseError as exc:
        err.print(f"[red]error[/]: cannot read the databases: {escape(str(exc))}")
        raise typer.Exit(code=2) from exc
    finally:
        old_conn.close()
        new_conn.close()
    if doc is not None and result.compared == 0:
        err.print(f"[red]error[/]: no document in either database matches {escape(doc)!r}")
        raise typer.Exit(code=2)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
    else:
        for line in db_diff.render(result, limit=limit):
            typer.echo(line)
    raise typer.Exit(code=0 if result.equal else 1)


@app.command("snapshot")
def snapshot_command(
    db: Annotated[Path, typer.Argument(help="The database to snapshot.")],
    out: Annotated[Path, typer.Argument(help="Folder to write <source file>.json into (created).")],
    doc: Annotated[
        str | None, typer.Option("--doc", help="Only this document (file name, or its start).")
    ] = None,
) -> None:
    """Write every stored document's records as golden-style JSON (one record per line), for a
    corpus whose records are kept in git: the diff of two snapshots is the review."""
    conn = _readonly(db)
    try:
        written = write_snapshot(conn, out, doc)
    finally:
        conn.close()
    err.print(f"{out}: {len(written)} document snapshot(s)")


# -- researchers' commands: all read the database read-only ---------------------------------

OutputFormat = Annotated[str, typer.Option("--format", help="table, csv or json.")]


def _readonly(db: Path) -> sqlite3.Connection:
    try:
        return open_readonly(db)
    except QueryError as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}")
        raise typer.Exit(code=1) from exc


@contextmanager
def _reading(db: Path, code: int) -> Iterator[sqlite3.Connection]:
    """The database opened read-only for one command; a QueryError exits with `code`."""
    conn = _readonly(db)
    try:
        yield conn
    except QueryError as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}")
        raise typer.Exit(code=code) from exc
    finally:
        conn.close()


def _print_rows(columns: list[str], rows: list[tuple], fmt: str, title: str | None = None) -> None:
    if fmt == "json":
        typer.echo(
            json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=1)
        )
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "table":
        table = Table(title=title)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(escape("" if v is None else str(v)) for v in row))
        Console().print(table)
        err.print(f"{len(rows)} row(s)")
    else:
        err.print(f"[red]error[/]: unknown format {fmt!r}: use table, csv or json")
        raise typer.Exit(code=2)


def _run_listing(db: Path, fmt: str, title: str, listing: Callable[[sqlite3.Connection], Rows]) -> None:
    conn = _readonly(db)
    try:
        columns, rows = listing(conn)
    except QueryError as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}")
        raise typer.Exit(code=1) from exc
    finally:
        conn.close()
    _print_rows(columns, rows, fmt, title)


@app.command("query")
def query_command(
    sql: Annotated[str, typer.Argument(help='One SELECT statement, e.g. "select * from v_targets limit 5".')],
    db: DbOption = DEFAULT_DB,
    fmt: OutputFormat = "table",
) -> None:
    """Run SQL on a read-only connection (writes are refused) and print the rows."""
    _run_listing(db, fmt, "query", lambda conn: run_sql(conn, sql))


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Words to find, e.g. 臭氧 or 地表水水质.")],
    db: DbOption = DEFAULT_DB,
    region: Annotated[str | None, typer.Option(help="Only plans whose region contains this.")] = None,
    year: Annotated[int | None, typer.Option(help="Only plans whose period covers this year.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print hits as JSON.")] = False,
) -> None:
    """Full-text search over every paragraph and table cell, best matches first."""
    conn = _readonly(db)
    try:
        hits = search(conn, query, region=region, year=year, limit=limit)
    except QueryError as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}")
        raise typer.Exit(code=1) from exc
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=1))
        return
    out = Console()
    for hit in hits:
        out.print(f"[bold]{escape(hit.source_file)}[/] {escape(hit.title or '')}", highlight=False)
        if hit.section_path:
            out.print(f"  [dim]{escape(hit.section_path)}[/]", highlight=False)
        out.print(
            "  " + escape(hit.snippet).replace(MARK_OPEN, "[reverse]").replace(MARK_CLOSE, "[/reverse]")
        )
    err.print(f"{len(hits)} hit(s)")


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", help="Folder to write one file per public view into.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="csv (UTF-8 with BOM, for Excel) or jsonl.")] = "csv",
) -> None:
    """Export every public v_* view to OUT/<view>.csv (or .jsonl)."""
    if fmt not in ("csv", "jsonl"):
        err.print(f"[red]error[/]: unknown format {fmt!r}: use csv or jsonl")
        raise typer.Exit(code=2)
    conn = _readonly(db)
    try:
        counts = export_views(conn, out, fmt)  # type: ignore[arg-type]
    finally:
        conn.close()
    for view, n in counts.items():
        err.print(f"{out / f'{view}.{fmt}'}: {n} rows")


PANEL_FORMATS = ("csv", "xlsx", "jsonl")


@app.command("panel")
def panel_command(
    indicators: Annotated[
        list[str] | None,
        typer.Option("--indicator", help="indicator_key to include (repeat for several). Default: all."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="csv (UTF-8 with BOM), xlsx or jsonl. Default: from --out, else csv."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write. Default: stdout (not xlsx).")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """A wide plan-by-indicator table: per plan, each indicator's baseline and target per year."""
    if fmt is None:
        suffix = out.suffix.lower().lstrip(".") if out else ""
        fmt = suffix if suffix in PANEL_FORMATS else "csv"
    if fmt not in PANEL_FORMATS:
        err.print(f"[red]error[/]: unknown format {fmt!r}: use csv, xlsx or jsonl")
        raise typer.Exit(code=2)
    if fmt == "xlsx" and out is None:
        err.print("[red]error[/]: xlsx is a binary file: name it with --out FILE.xlsx")
        raise typer.Exit(code=2)
    with _reading(db, code=2) as conn:
        panel = build_panel(conn, indicators)
    if fmt == "xlsx":
        write_xlsx(panel, out)  # type: ignore[arg-type]
    elif out is None:
        (write_csv if fmt == "csv" else write_jsonl)(panel, sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            (write_csv if fmt == "csv" else write_jsonl)(panel, handle)
    pairs = len(panel.indicator_years)
    err.print(f"{out or 'stdout'}: {len(panel.rows)} plans × {pairs} indicator-years", highlight=False)


@app.command("report")
def report_command(
    out: Annotated[Path, typer.Argument(help="HTML file to write, e.g. report.html.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """One self-contained HTML page: each headline indicator's baseline → target per plan, charted."""
    with _reading(db, code=1) as conn:
        sections = write_report(conn, out)
    for s in sections:
        err.print(
            f"{s.headline.key}: {len(s.rows)} plans with a target, {len(s.missing)} without", highlight=False
        )
    err.print(f"wrote {out}", highlight=False)


@app.command("responsibilities")
def responsibilities_command(
    db: DbOption = DEFAULT_DB,
    unit: Annotated[str | None, typer.Option(help="Only tasks naming this unit (substring).")] = None,
    role: Annotated[str | None, typer.Option(help="With --unit: lead or support.")] = None,
    fmt: OutputFormat = "table",
) -> None:
    """Tasks and the units that lead or support them, across plans."""
    _run_listing(
        db, fmt, "responsibilities", lambda conn: listings.responsibilities(conn, unit=unit, role=role)
    )


@app.command("projects")
def projects_command(
    db: DbOption = DEFAULT_DB,
    min_investment: Annotated[
        float | None, typer.Option(help="Only projects of at least this many 亿元.")
    ] = None,
    category: Annotated[str | None, typer.Option(help="Only this category (substring).")] = None,
    fmt: OutputFormat = "table",
) -> None:
    """Key projects across plans, with investment in 亿元 and period."""
    _run_listing(
        db,
        fmt,
        "projects",
        lambda conn: listings.projects(conn, min_investment=min_investment, category=category),
    )


def _share_text(share: float | None) -> str:
    return "–" if share is None else f"{share:.1%}"


def _print_key_coverage(coverage: KeyCoverage, fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps(coverage.as_dict(), ensure_ascii=False, indent=1))
        return
    if fmt == "csv":  # one row per document, then the whole database as doc_id "all"
        columns = ["doc_id", "source_file", "table_targets", "keyed_table_targets", "table_share"]
        columns += ["text_targets", "keyed_text_targets", "text_share"]
        rows = [[d.as_dict()[c] for c in columns] for d in coverage.documents]
        overall = coverage.overall()
        rows.append(["all", "", *(overall[c] for c in columns[2:])])
        _print_rows(columns, rows, "csv")
        return
    if fmt != "table":
        err.print(f"[red]error[/]: unknown format {fmt!r}: use table, csv or json")
        raise typer.Exit(code=2)
    out = Console()
    out.print(
        f"table targets with an indicator_key: [bold]{_share_text(coverage.table_share)}[/] "
        f"({coverage.keyed_table_targets} of {coverage.table_targets}); prose targets: "
        f"{_share_text(coverage.text_share)} ({coverage.keyed_text_targets} of {coverage.text_targets}), "
        f"{len(coverage.documents)} documents",
        highlight=False,
    )
    per_doc = Table(title="keyed targets per document")
    for column in ("doc", "source_file", "table keyed", "table share", "text keyed", "text share"):
        per_doc.add_column(column, overflow="fold")
    for d in coverage.documents:
        per_doc.add_row(
            str(d.doc_id),
            escape(d.source_file),
            f"{d.keyed_table_targets}/{d.table_targets}",
            _share_text(d.table_share),
            f"{d.keyed_text_targets}/{d.text_targets}",
            _share_text(d.text_share),
        )
    out.print(per_doc)
    names = Table(title="most frequent unkeyed indicator names")
    for column in ("name", "plans", "table", "text", "as printed", "matches key (left unkeyed)"):
        names.add_column(column, overflow="fold")
    for u in coverage.unkeyed:
        names.add_row(
            escape(u.name), str(u.plans), str(u.table_targets), str(u.text_targets), escape(u.example),
            u.matches_key or "",
        )  # fmt: skip
    out.print(names)


@app.command("stats")
def stats_command(
    db: DbOption = DEFAULT_DB,
    fmt: OutputFormat = "table",
    keys: Annotated[
        bool,
        typer.Option("--keys", help="Share of targets carrying an indicator_key, and the unkeyed names."),
    ] = False,
    top: Annotated[int, typer.Option(min=0, help="With --keys: how many unkeyed names to list.")] = 20,
) -> None:
    """Per document: how many sections, tables, targets (keyed ones too), deadlines and other records.

    With --keys: the keyed share of table and prose targets, overall and per plan; unkeyed names.
    """
    if not keys:
        _run_listing(db, fmt, "records per document", listings.stats)
        return
    conn = _readonly(db)
    try:
        coverage = key_coverage(conn, top=top)
    except QueryError as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}")
        raise typer.Exit(code=1) from exc
    finally:
        conn.close()
    _print_key_coverage(coverage, fmt)


@app.command("show")
def show_command(
    doc: Annotated[str, typer.Argument(help="Document id, file name, or the start of a file name (004).")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the outline as JSON on stdout.")] = False,
) -> None:
    """Print a document's section tree with each section's record counts (reads the database)."""
    conn = _readonly(db)
    try:
        outline = load_outline(conn, doc)
    except QueryError as exc:
        err.print(f"[red]error[/]: {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from exc
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps(asdict(outline), ensure_ascii=False, indent=2))
    else:
        typer.echo("\n".join(render_outline(outline)))


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
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON on stdout.")] = False,
) -> None:
    """Compare numeric targets across plans, read-only (e.g. --indicator pm25_concentration)."""
    conn = _readonly(db)
    try:
        columns, rows = listings.targets(conn, indicator=indicator, region=region, year=year)
    finally:
        conn.close()
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    if as_json:
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        Console().print(_targets_table(records))


if __name__ == "__main__":  # pragma: no cover
    app()
