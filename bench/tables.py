"""Indicator-table recovery on the real plans: policy-etl against pdfplumber and camelot.

The ground truth is bench/indicator_tables.json: for each plan of shared/corpus/real whose text
layer holds its main "十四五" indicator table, the pages the table is on, every data row's name
(read by hand from `page.extract_text(layout=True)`), the number of planning-year (2025) cells
that print a number, and the 2025 PM2.5 target as printed. For each table and each tool this
counts the ground-truth rows found as rows of the tool's tables on those pages: a row is found
when one extracted row holds the row's name (Chinese characters only, so units, Ⅲ/Ⅴ and
sub/superscripts that a tool may scatter do not count against it), each extracted row standing for
at most one ground-truth row. A name broken over two extracted rows (a wrapped cell read as two
rows) is not found: a user could not read that row.

For policy-etl it also counts the table targets (source "table", year 2025) the pipeline reads
from the table against the numeric 2025 cells, and checks the 2025 PM2.5 target's value.

    .venv/bin/python bench/tables.py                       # every table, all five tools (~7 CPU min)
    .venv/bin/python bench/tables.py --only 466,413 --tools etl,plumber
    .venv/bin/python bench/tables.py --json /tmp/tables.json

Files are read one at a time, in this process: the machine is shared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # this checkout's policy_etl

TRUTH = Path(__file__).resolve().parent / "indicator_tables.json"
TOOLS = ("etl", "plumber", "plumber_text", "camelot_lattice", "camelot_stream")
LABELS = {
    "etl": "policy-etl",
    "plumber": "pdfplumber find_tables()",
    "plumber_text": "pdfplumber text strategy",
    "camelot_lattice": "camelot lattice",
    "camelot_stream": "camelot stream",
}
TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}
_CJK = re.compile(r"[\u4e00-\u9fff]+")

Rows = list[list[str]]


def real_folder() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "corpus" / "real").is_dir():
            return base / "shared" / "corpus" / "real"
    raise SystemExit("shared/corpus/real not found beside the checkout or one level up")


def cjk(text: str | None) -> str:
    """The Chinese characters of a text, NFKC-folded (gazette fonts print Kangxi radicals)."""
    return "".join(_CJK.findall(unicodedata.normalize("NFKC", text or "")))


def found_rows(names: list[str], rows: Rows) -> list[str]:
    """The ground-truth names that some extracted row holds, one extracted row per name."""
    keys = [cjk(" ".join(cell or "" for cell in row)) for row in rows]
    used = [False] * len(keys)
    found = []
    for name in names:
        for i, key in enumerate(keys):
            if not used[i] and name in key:
                used[i] = True
                found.append(name)
                break
    return found


def missed_rows(names: list[str], found: list[str]) -> list[str]:
    """The names not found, a name printed twice (two PM rows) missed as often as it is."""
    left = Counter(found)
    missed = []
    for name in names:
        if left[name]:
            left[name] -= 1
        else:
            missed.append(name)
    return missed


def target_rows(names: list[str], indicators: list[str]) -> list[str]:
    """The ground-truth rows that a target names, one target per row: the target's indicator
    holds the row's name, or is a part of it of four characters or more (a name the table cut
    off). A target read twice from one row, or named by a fragment of a wrapped cell ("浓度"),
    counts once or not at all."""
    keys = [cjk(i) for i in indicators]
    used = [False] * len(keys)
    named = []
    for name in names:
        for i, key in enumerate(keys):
            if not used[i] and (name in key or (len(key) >= 4 and key in name)):
                used[i] = True
                named.append(name)
                break
    return named


# -- the tools: the rows of every table they find on the pages -------------------------------


def plumber_rows(path: Path, pages: list[int], settings: dict | None = None) -> Rows:
    import pdfplumber

    rows: Rows = []
    with pdfplumber.open(path) as pdf:
        for n in pages:
            page = pdf.pages[n - 1]
            for table in page.find_tables(settings or {}):
                rows.extend([c or "" for c in row] for row in table.extract())
            page.close()
    return rows


def camelot_rows(path: Path, pages: list[int], flavor: str) -> Rows:
    import camelot

    with warnings.catch_warnings():  # "No tables found on page-N" is an answer here, not a fault
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(str(path), pages=",".join(map(str, pages)), flavor=flavor)
    return [list(map(str, row)) for t in tables for row in t.df.values.tolist()]


@dataclass
class EtlResult:
    rows: Rows
    tables: int  # tables that start on the pages (a table continued over pages is one)
    kinds: list[str]
    targets_2025: list[str]  # indicators of the table targets of year 2025 read from those tables
    pm25: list[float]  # values of the 2025 PM2.5 table targets


def _is_pm25(indicator: str, key: str | None) -> bool:
    text = unicodedata.normalize("NFKC", indicator).upper().replace(" ", "")
    return key == "pm25_concentration" or "PM2.5" in text or "细颗粒" in text


def etl_result(path: Path, pages: list[int]) -> EtlResult:
    from policy_etl.pipeline.ingest import process_bytes

    data = path.read_bytes()
    extraction = process_bytes(path, data, hashlib.sha256(data).hexdigest())
    chosen = [t for t in extraction.tables if t.page in pages]
    rows: Rows = []
    for table in chosen:
        grid = [[""] * table.n_cols for _ in range(table.n_rows)]
        for cell in table.cells:
            grid[cell.row][cell.col] = cell.text
        rows.extend(grid)
    index = {t.index for t in chosen}
    targets = [t for t in extraction.targets if t.source == "table" and t.table in index and t.year == 2025]
    pm25 = [t.value for t in targets if _is_pm25(t.indicator, t.indicator_key)]
    return EtlResult(rows, len(chosen), [t.kind for t in chosen], [t.indicator for t in targets], pm25)


# -- the run ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    prefix: str
    producer: str
    rows: int
    n_2025: int
    pm25: float | None
    found: dict[str, int] = field(default_factory=dict)
    missed: dict[str, list[str]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    etl_tables: int = 0
    etl_kinds: list[str] = field(default_factory=list)
    etl_targets: int = 0  # table targets of 2025 read from the tables
    etl_target_rows: int = 0  # ground-truth rows that one of them names
    etl_pm25: list[float] = field(default_factory=list)

    @property
    def pm25_right(self) -> bool | None:
        if self.pm25 is None:
            return None
        return any(abs(v - self.pm25) < 1e-6 for v in self.etl_pm25)


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def measure(prefix: str, truth: dict, path: Path, tools: Iterable[str]) -> Outcome:
    pages, names = truth["pages"], truth["row_names"]
    out = Outcome(prefix, truth["producer"], truth["rows"], truth["n_2025"], truth["pm25_value"])
    readers: dict[str, Callable[[], Rows]] = {
        "plumber": lambda: plumber_rows(path, pages),
        "plumber_text": lambda: plumber_rows(path, pages, TEXT_STRATEGY),
        "camelot_lattice": lambda: camelot_rows(path, pages, "lattice"),
        "camelot_stream": lambda: camelot_rows(path, pages, "stream"),
    }
    for tool in tools:
        if tool == "etl":
            secs, result = _timed(lambda: etl_result(path, pages))
            assert isinstance(result, EtlResult)
            rows = result.rows
            out.etl_tables, out.etl_kinds = result.tables, result.kinds
            out.etl_targets, out.etl_pm25 = len(result.targets_2025), result.pm25
            out.etl_target_rows = len(target_rows(names, result.targets_2025))
        else:
            secs, rows = _timed(readers[tool])
        out.seconds[tool] = secs
        found = found_rows(names, rows)  # type: ignore[arg-type]
        out.found[tool] = len(found)
        out.missed[tool] = missed_rows(names, found)
    return out


def _share(a: int, b: int) -> str:
    return f"{a / b:6.0%}" if b else f"{'—':>6}"


def _producer_share(outcomes: list[Outcome], tool: str, producer: str) -> str:
    mine = [o for o in outcomes if o.producer == producer]
    return _share(sum(o.found[tool] for o in mine), sum(o.rows for o in mine)).strip()


def report(outcomes: list[Outcome], tools: list[str]) -> None:
    head = f"{'file':<6}{'producer':<9}{'rows':>5}" + "".join(f"{t[:15]:>16}" for t in tools)
    head += f"{'tables':>8}{'2025 cells':>11}{'targets':>8}{'rows':>6}{'PM2.5':>14}"
    print("rows found of the ground-truth rows, per tool; policy-etl: tables on the pages, numeric 2025")
    print("cells, table targets of 2025 read from those tables, the ground-truth rows they name, and")
    print("the 2025 PM2.5 target (truth → read)")
    print(head)
    for o in outcomes:
        line = f"{o.prefix:<6}{o.producer:<9}{o.rows:>5}"
        line += "".join(f"{o.found[t]:>9} {_share(o.found[t], o.rows)}" for t in tools)
        if "etl" in tools:
            pm = "" if o.pm25 is None else f"{o.pm25:g}→{','.join(f'{v:g}' for v in o.etl_pm25) or '-'}"
            line += f"{o.etl_tables:>8}{o.n_2025:>11}{o.etl_targets:>8}{o.etl_target_rows:>6}{pm:>14}"
        print(line)
    total = sum(o.rows for o in outcomes)
    print(f"\n{len(outcomes)} tables, {total} rows")
    for t in tools:
        found = sum(o.found[t] for o in outcomes)
        whole = sum(o.found[t] == o.rows for o in outcomes)
        cpu = sum(o.seconds[t] for o in outcomes)
        producers = sorted({o.producer for o in outcomes})
        by = ", ".join(f"{p} {_producer_share(outcomes, t, p)}" for p in producers)
        print(
            f"  {LABELS[t]:<26} {found:>4} rows = {found / total:.1%}; every row in {whole} of "
            f"{len(outcomes)} tables; {cpu:.1f} s CPU; by producer: {by}"
        )
    if "etl" in tools:
        cells = sum(o.n_2025 for o in outcomes)
        read = sum(min(o.etl_target_rows, o.n_2025) for o in outcomes)
        stray = sum(o.etl_targets - o.etl_target_rows for o in outcomes)
        stated = [o for o in outcomes if o.pm25 is not None]
        right = sum(bool(o.pm25_right) for o in stated)
        none = sum(not o.found["etl"] or not o.etl_targets for o in outcomes if o.n_2025)
        print(
            f"  policy-etl table targets of 2025: rows named by one {read} of {cells} numeric 2025 cells "
            f"= {read / cells:.1%}; targets naming no row (a duplicate or a fragment) {stray}; tables with "
            f"numeric 2025 cells and no target: {none}; 2025 PM2.5 right in {right} of {len(stated)} "
            "tables that state one; "
            f"kind 'indicator': {sum('indicator' in o.etl_kinds for o in outcomes)} of {len(outcomes)}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated file prefixes (e.g. 466,413)")
    ap.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated, of {', '.join(TOOLS)}")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    if unknown := set(tools) - set(TOOLS):
        ap.error(f"unknown tool(s): {', '.join(sorted(unknown))}")
    truth = {k: v for k, v in json.loads(TRUTH.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    wanted = args.only.split(",") if args.only else sorted(truth, key=int)
    folder = real_folder()
    if "etl" in tools:
        from policy_etl.pipeline.extract import warm_up

        warm_up()  # dictionaries and pattern tables: once per run, not charged to the first file
    outcomes = []
    for prefix in wanted:
        path = next(folder.glob(f"{prefix}、*.pdf"))
        outcomes.append(measure(prefix, truth[prefix], path, tools))
        print(f"  {prefix}: " + ", ".join(f"{t} {outcomes[-1].found[t]}" for t in tools), file=sys.stderr)
    report(outcomes, tools)
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
