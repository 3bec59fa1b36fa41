"""Throughput benchmark: ingest N copies of the seeds and fixtures, beside bare-library baselines.

Every figure that a target judges is a ratio of two timings taken in the same run, because the
machine this runs on is often shared and absolute seconds vary from run to run. See
bench/README.md for the targets and the latest figures.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]  # this checkout's policy_etl

import corpus  # noqa: E402

from policy_etl import fingerprint  # noqa: E402
from policy_etl.pipeline.extract import warm_up  # noqa: E402
from policy_etl.pipeline.ingest import (  # noqa: E402
    FileResult,
    IngestReport,
    IngestSettings,
    ingest,
    process_job,
)
from policy_etl.pipeline.parse_cache import cache_dir  # noqa: E402
from policy_etl.pipeline.workers import Job, JobFailure  # noqa: E402

STAGES = ("parse", "normalize", "extract", "index", "load", "cache")
MB = 1024 * 1024

# Queries for the search latency: words and phrases that occur in the seeds (indicator names,
# agencies, pollutants, places, plan vocabulary), plus a few that match nothing.
QUERIES = (
    "地表水",
    "水质",
    "地表水水质",
    "PM2.5",
    "细颗粒物",
    "臭氧",
    "森林覆盖率",
    "空气质量优良天数",
    "区发改局",
    "生态环境局",
    "污水处理",
    "黑臭水体",
    "垃圾分类",
    "碳排放",
    "碳达峰",
    "节能减排",
    "固体废物",
    "危险废物",
    "土壤污染",
    "重金属",
    "饮用水水源",
    "河长制",
    "湿地保护",
    "生物多样性",
    "自然保护区",
    "生态红线",
    "环境监测",
    "排污许可",
    "机动车",
    "扬尘",
    "挥发性有机物",
    "清洁能源",
    "天然气",
    "光伏",
    "新能源汽车",
    "绿色发展",
    "循环经济",
    "农业面源污染",
    "化肥",
    "畜禽养殖",
    "海洋",
    "噪声",
    "辐射",
    "环境执法",
    "考核",
    "资金保障",
    "2025年",
    "十四五",
    "专栏",
    "不存在的词语",
)


@dataclass
class FormatRun:
    fmt: str
    files: list[Path]
    wall: float = 0.0
    cpu: float = 0.0  # CPU seconds of the whole ingest: the parent and every worker
    ingested: int = 0
    failed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    baseline: str = ""
    baseline_wall: float = 0.0
    baseline_cpu: float = 0.0

    @property
    def mb(self) -> float:
        return sum(p.stat().st_size for p in self.files) / MB


def _cpu_now() -> float:
    """CPU seconds used so far by this process and by its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _measured(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds (this process and its workers) and the result of fn()."""
    cpu = _cpu_now()
    wall, result = _timed(fn)
    return wall, _cpu_now() - cpu, result


def _fresh_db(path: Path) -> Path:
    """No database and no parse cache at `path`: the next ingest parses every file."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.rmtree(cache_dir(path), ignore_errors=True)
    return path


def _run_ingest(paths: list[Path], db: Path, workers: int) -> tuple[float, IngestReport]:
    wall, _, report = _ingest_measured(paths, db, workers)
    return wall, report


def _ingest_measured(paths: list[Path], db: Path, workers: int) -> tuple[float, float, IngestReport]:
    wall, cpu, report = _measured(lambda: ingest(paths, db, settings=IngestSettings(workers=workers)))
    assert isinstance(report, IngestReport)
    return wall, cpu, report


def ingest_format(run: FormatRun, folder: Path, db: Path, workers: int) -> None:
    run.wall, run.cpu, report = _ingest_measured([folder], db, workers)
    run.ingested = len(report.of("ingested"))
    run.failed = len(report.of("failed"))
    for result in report.results:
        for name, secs in result.seconds.items():
            run.seconds[name] = run.seconds.get(name, 0.0) + secs
    if run.failed:
        first = report.of("failed")[0]
        print(f"  {run.fmt}: {run.failed} file(s) failed, e.g. {first.name}: [{first.stage}] {first.reason}")


def ingests(path: Path) -> bool:
    """Does this original ingest? Fixtures of failures (encrypted, scanned) are left out of the
    corpus, so that every figure compares documents both sides read."""
    data = path.read_bytes()
    result = process_job(Job(0, path, data, hashlib.sha256(data).hexdigest()))
    if isinstance(result.outcome, JobFailure):
        print(f"{path.name}: left out, it does not ingest ([{result.outcome.stage}] {result.outcome.reason})")
        return False
    return True


# -- baselines: what a user would run instead, single-process, over the same files ----------


def _texts(files: list[Path]) -> list[str]:
    from policy_etl.parsers.encoding import decode_bytes

    return [decode_bytes(p.read_bytes())[0] for p in files]


def jieba_baseline(files: list[Path]) -> tuple[float, float]:
    import jieba

    tok = jieba.Tokenizer()  # a fresh default dictionary, as a bare `jieba.lcut` uses
    tok.initialize()
    texts = _texts(files)
    wall, cpu, _ = _measured(lambda: [tok.lcut(t) for t in texts])
    return wall, cpu


def docx_baseline(files: list[Path]) -> tuple[float, float]:
    import docx

    def walk() -> None:
        for path in files:
            document = docx.Document(str(path))
            _ = [p.text for p in document.paragraphs]
            _ = [c.text for t in document.tables for row in t.rows for c in row.cells]

    return _measured(walk)[:2]


def html_baseline(files: list[Path]) -> tuple[float, float]:
    from bs4 import BeautifulSoup

    return _measured(lambda: [BeautifulSoup(p.read_bytes(), "lxml").get_text("\n") for p in files])[:2]


def pdf_baseline(files: list[Path]) -> tuple[float, float, int]:
    import pdfplumber

    pages = 0

    def walk() -> None:
        nonlocal pages
        for path in files:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
                    pages += 1

    wall, cpu, _ = _measured(walk)
    return wall, cpu, pages


def segmenter_comparison(files: list[Path]) -> tuple[float, float, bool]:
    """jieba's and rjieba's search cut over the same lines: seconds each, and are they equal."""
    import jieba
    import rjieba

    tok = jieba.Tokenizer()
    tok.initialize()
    rjieba.cut("预热")
    lines = [line for t in _texts(files) for line in t.splitlines() if line.strip()]
    t_jieba, a = _timed(lambda: [list(tok.cut_for_search(s, HMM=False)) for s in lines])
    t_rjieba, b = _timed(lambda: [rjieba.cut_for_search(s, False) for s in lines])
    return t_jieba, t_rjieba, a == b


# -- scale ------------------------------------------------------------------------------------


def _mixed(built: dict[str, list[Path]], n: int) -> list[Path]:
    """The first n files, taking one copy set of every format at a time."""
    sets = [p for fmt in built for p in built[fmt]]
    sets.sort(key=lambda p: (p.stem.rsplit("__c", 1)[1], p.suffix, p.name))
    return sets[:n]


def _link_folder(files: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in files:
        (folder / p.name).symlink_to(p)
    return folder


def search_latency(db: Path) -> tuple[float, float, float, int]:
    from policy_etl.query.connection import open_readonly
    from policy_etl.query.search import search

    conn = open_readonly(db)
    search(conn, "预热")  # the first query pays for loading the segmenter, not for searching
    times, hits = [], 0
    for q in QUERIES:
        wall, result = _timed(lambda q=q: search(conn, q))
        times.append(wall * 1000)
        hits += len(result)  # type: ignore[arg-type]
    conn.close()
    p95 = statistics.quantiles(times, n=20)[-1]
    return statistics.median(times), p95, max(times), hits


def cli_search_seconds(db: Path) -> float:
    """One `etl search` from a cold process: interpreter start, imports and the segmenter load."""
    cmd = [sys.executable, "-m", "policy_etl.cli", "search", "地表水", "--db", str(db), "--limit", "5"]
    return _timed(lambda: subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True))[0]


def db_size(db: Path) -> float:
    return sum(Path(str(db) + s).stat().st_size for s in ("", "-wal") if Path(str(db) + s).exists()) / MB


def _mean_stage(results: list[FileResult], name: str) -> float:
    return 1000 * sum(r.seconds.get(name, 0.0) for r in results) / max(1, len(results))


def _per_doc_stages(a: IngestReport, b: IngestReport) -> list[tuple[str, float, float]]:
    return [(s, _mean_stage(a.results, s), _mean_stage(b.results, s)) for s in STAGES]


def scale(built: dict[str, list[Path]], work: Path, workers: int, big: int, repeat: int) -> list[str]:
    lines = []
    hundred_files = _mixed(built, 100)
    n = len(hundred_files)
    hundred = _link_folder(hundred_files, work / "mix100")
    # Best of `repeat` alternating runs: other processes on a shared machine only ever slow a run.
    t1 = t2 = float("inf")
    for _ in range(repeat):
        t1 = min(t1, _run_ingest([hundred], _fresh_db(work / "w1.db"), 1)[0])
        t2 = min(t2, _run_ingest([hundred], _fresh_db(work / "w2.db"), 2)[0])
    lines.append(
        f"{n} documents, best of {repeat}: --workers 1 {t1:.1f} s, --workers 2 {t2:.1f} s"
        f" → speedup {t1 / t2:.2f}×"
    )
    again, report = _run_ingest([hundred], work / "w2.db", 2)
    assert len(report.of("unchanged")) == len(report.results)
    lines.append(f"re-ingest unchanged {n}: {again:.2f} s = {again / t2:.1%} of the first ingest")
    small_files = _mixed(built, 10)
    small = _link_folder(small_files, work / "mix10")
    ts, cs, small_report = _ingest_measured([small], _fresh_db(work / "small.db"), workers)
    big_files = _mixed(built, big)
    bigdir = _link_folder(big_files, work / f"mix{big}")
    big_db = _fresh_db(work / "big.db")
    tb, cb, big_report = _ingest_measured([bigdir], big_db, workers)
    n_small, n_big = len(small_files), len(big_files)
    lines.append(
        f"time per document (--workers {workers}): {n_small} docs {ts / n_small:.3f} s, {n_big} docs "
        f"{tb / n_big:.3f} s → {(tb / n_big) / (ts / n_small):.2f}× wall; CPU per document "
        f"{cs / n_small:.3f} s → {cb / n_big:.3f} s = {(cb / n_big) / (cs / n_small):.2f}×"
    )
    lines.append(
        f"  stage ms per document, {len(small_files)} → {len(big_files)} docs: "
        + ", ".join(f"{s} {a:.0f} → {b:.0f}" for s, a, b in _per_doc_stages(small_report, big_report))
    )
    tenth = max(1, n_big // 10)
    first, last = big_report.results[:tenth], big_report.results[-tenth:]
    lines.append(
        f"  load ms per document, first {tenth} → last {tenth} of the {n_big}: "
        f"{_mean_stage(first, 'load'):.0f} → {_mean_stage(last, 'load'):.0f}"
    )
    p50, p95, worst, hits = search_latency(big_db)
    lines.append(
        f"search over {len(big_files)} docs, {len(QUERIES)} queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {worst:.1f} ms ({hits} hits); one cold `etl search` process {cli_search_seconds(big_db):.2f} s"
    )
    lines.append(f"database size at {len(big_files)} docs: {db_size(big_db):.1f} MB")
    return lines


# -- re-running a corpus after a change of extraction -------------------------------------------


def _stage_sums(report: IngestReport) -> dict[str, float]:
    sums: dict[str, float] = {}
    for result in report.results:
        for name, secs in result.seconds.items():
            sums[name] = sums.get(name, 0.0) + secs
    return sums


def rerun(folder: Path, work: Path, n_files: int, workers: int) -> list[str]:
    """A full ingest of `folder` (its first `n_files` files by name; 0 for all), then the same
    folder again as if extraction had changed: every document is re-extracted from the parse
    cache. The target: the re-extraction takes at most a fifth of the full ingest."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name not in ("SOURCES.md", "README.md"))
    files = files[:n_files] if n_files else files
    src = _link_folder(files, work / "rerun_src")
    db = _fresh_db(work / "rerun.db")
    full_wall, full_cpu, full = _ingest_measured([src], db, workers)
    real = fingerprint.current()
    original = fingerprint.current
    fingerprint.current = lambda: fingerprint.Fingerprints(real.parser, "0" * 16)  # an extraction change
    try:
        re_wall, re_cpu, again = _ingest_measured([src], db, workers)
    finally:
        fingerprint.current = original
    n = len(full.of("ingested"))
    cached = sum(1 for r in again.of("re-extracted") if r.cached)
    cache_mb = sum(p.stat().st_size for p in cache_dir(db).rglob("*.json.gz")) / MB
    mb = sum(p.stat().st_size for p in files) / MB
    a, b = _stage_sums(full), _stage_sums(again)
    return [
        f"{len(files)} files ({mb:.1f} MB) of {folder}, --workers {workers}: {n} ingested, "
        f"{len(full.of('failed'))} failed; then {len(again.of('re-extracted'))} re-extracted "
        f"({cached} from the cache), {len(again.of('re-parsed'))} re-parsed",
        f"full ingest {full_wall:.1f} s wall, {full_cpu:.1f} s CPU; re-extract from the cache "
        f"{re_wall:.1f} s wall, {re_cpu:.1f} s CPU → {re_wall / full_wall:.1%} of the wall time, "
        f"{re_cpu / full_cpu:.1%} of the CPU (target ≤ 20%)",
        "  stage CPU s, full → re-extract: "
        + ", ".join(f"{s} {a.get(s, 0.0):.1f} → {b.get(s, 0.0):.1f}" for s in STAGES),
        f"  parse cache: {cache_mb:.1f} MB for {n} documents ({cache_mb / max(mb, 1e-9):.0%} of the files)",
    ]


# -- the table ---------------------------------------------------------------------------------


def _ratio_line(run: FormatRun) -> str:
    if not run.baseline_cpu:
        return ""
    if run.failed:
        failed = f"{run.failed} of {len(run.files)} files failed to ingest"
        return f"  {run.fmt:<5} vs {run.baseline}: no ratio, {failed}"
    return (
        f"  {run.fmt:<5} vs {run.baseline}: {run.baseline_cpu:.2f} s CPU ({run.baseline_wall:.2f} s wall); "
        f"ours {run.cpu / run.baseline_cpu:.2f}× its CPU, {run.wall / run.baseline_wall:.2f}× its wall time; "
        f"throughput ratio {run.baseline_cpu / run.cpu:.2f} (CPU), {run.baseline_wall / run.wall:.2f} (wall)"
    )


def print_table(runs: list[FormatRun], workers: int) -> None:
    head = f"{'format':<7}{'docs':>5}{'MB':>7}{'wall s':>8}{'docs/s':>8}{'pages/s':>8}{'MB/s':>7}{'CPU s':>7}"
    head += "".join(f"{s:>10}" for s in (*STAGES, "other"))
    print(
        f"\ningest, --workers {workers}; CPU s: parent and workers; stage columns: CPU seconds summed "
        "over files (share of CPU s); other: forking, hashing, look-ups, passing results"
    )
    print(head)
    for r in runs:
        pages = f"{r.pages / r.wall:8.1f}" if r.pages else f"{'':>8}"
        row = f"{r.fmt:<7}{r.ingested:>5}{r.mb:>7.2f}{r.wall:>8.2f}{r.ingested / r.wall:>8.2f}{pages}"
        row += f"{r.mb / r.wall:>7.3f}{r.cpu:>7.2f}"
        other = max(0.0, r.cpu - sum(r.seconds.values()))
        for secs in [r.seconds.get(s, 0.0) for s in STAGES] + [other]:
            row += f"{secs:>5.1f}({secs / r.cpu:>3.0%})" if r.cpu else f"{'':>10}"
        print(row)
    print("\nbaselines (single process, same files):")
    for r in runs:
        line = _ratio_line(r)
        if line:
            print(line)


BASELINES: dict[str, tuple[str, Callable[[list[Path]], tuple[float, float]]]] = {
    "txt": ("jieba.lcut", jieba_baseline),
    "docx": ("python-docx walk", docx_baseline),
    "html": ("bs4 get_text", html_baseline),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=4, help="copies of each seed and fixture (default 4)")
    ap.add_argument("--workers", type=int, default=2, help="ingest worker processes (default 2)")
    ap.add_argument("--formats", default="txt,docx,html,pdf", help="comma-separated formats")
    ap.add_argument("--out", type=Path, help="keep the corpus and databases here (default: a temp dir)")
    ap.add_argument("--scale", action="store_true", help="also the 100- and 1,000-document measurements")
    ap.add_argument("--scale-docs", type=int, default=1000, help="size of the large scale run")
    ap.add_argument(
        "--repeat", type=int, default=2, help="runs of the --workers 1 vs 2 comparison (best kept)"
    )
    ap.add_argument(
        "--rerun",
        type=Path,
        metavar="FOLDER",
        help="only the re-extract-from-cache vs full ingest measurement, on FOLDER (e.g. the real corpus)",
    )
    ap.add_argument("--rerun-files", type=int, default=6, help="files of FOLDER --rerun takes (0: all)")
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = set(formats) - set(corpus.FORMATS)
    if unknown:
        ap.error(f"unknown format(s): {', '.join(sorted(unknown))}")
    work = args.out or Path(tempfile.mkdtemp(prefix="policy-etl-bench-"))
    try:
        if args.rerun:
            warm_up()
            print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            for line in rerun(args.rerun, work, args.rerun_files, args.workers):
                print(line)
            print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            return 0
        return _bench(args, formats, work)
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, formats: list[str], work: Path) -> int:
    print(f"{os.cpu_count()} CPUs, load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    startup, _ = _timed(warm_up)
    print(f"startup (jieba dictionaries and pattern tables, once per run): {startup:.2f} s")
    kept = {p for fmt in formats for p in corpus.originals(fmt) if ingests(p)}
    copies = max(args.copies, 1)
    if args.scale:  # enough copies for the large run; the per-format table uses the first `copies`
        copies = max(copies, -(-args.scale_docs // max(1, len(kept))))
    built = corpus.build(work / "corpus", copies, formats, keep=kept.__contains__)
    for fmt in formats:
        if fmt not in built:
            print(f"{fmt}: no files under {corpus.source_folders(fmt)} that ingest, skipped")
    db = _fresh_db(work / "bench.db")
    runs = []
    for fmt, files in built.items():
        files = [p for p in files if int(p.stem.rsplit("__c", 1)[1]) < args.copies]
        folder = _link_folder(files, work / "table" / fmt)
        run = FormatRun(fmt, files)
        ingest_format(run, folder, db, args.workers)
        runs.append(run)
    first_total = sum(r.wall for r in runs)
    again, _ = _run_ingest([work / "table"], db, args.workers)
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for run in runs:
        if run.fmt == "pdf":
            run.baseline = "pdfplumber text+tables"
            run.baseline_wall, run.baseline_cpu, run.pages = pdf_baseline(run.files)
        elif run.fmt in BASELINES:
            run.baseline, fn = BASELINES[run.fmt]
            run.baseline_wall, run.baseline_cpu = fn(run.files)
    print_table(runs, args.workers)
    txt = next((r for r in runs if r.fmt == "txt"), None)
    if txt:
        t_jieba, t_rjieba, same = segmenter_comparison(txt.files)
        print(
            f"  search cut over the text: jieba {t_jieba:.2f} s, rjieba {t_rjieba:.2f} s "
            f"({t_jieba / t_rjieba:.1f}× faster), identical tokens: {same}"
        )
    print(
        f"\nre-ingest of the unchanged folder: {again:.2f} s = {again / first_total:.1%} of the first ingest"
    )
    print(f"peak RSS: parent {rss_self:.0f} MB, largest worker {rss_children:.0f} MB (before the baselines)")
    print(f"database: {db_size(db):.1f} MB for {sum(r.ingested for r in runs)} documents")
    if args.scale:
        print("\nscale (mixed formats, one copy set at a time):")
        for line in scale(built, work, args.workers, args.scale_docs, args.repeat):
            print("  " + line)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
