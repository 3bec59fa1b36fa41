"""CPU time of PDF ingest against bare pdfplumber, on real plans (issue 12's 1.3× target).

For each file, in this one process and one file at a time: the baseline of bench/run.py
(`pdfplumber` `extract_text()` + `extract_tables()` on every page), policy-etl's PDF parse
(`policy_etl.parsers.pdf.parse`), and parse + normalize + extract (`process_bytes`: what a
worker does for the file; the database write, 2–3% of a PDF ingest in bench/run.py, is left
out). CPU seconds are `time.process_time()`: the machine is shared, so wall time says little.

    .venv/bin/python bench/pdf_cpu.py                      # the default subset (10 files)
    .venv/bin/python bench/pdf_cpu.py --files all          # all of shared/corpus/real
    .venv/bin/python bench/pdf_cpu.py --files 466,413 --profile /tmp/p.prof
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]  # this checkout's policy_etl

from run import pdf_baseline  # noqa: E402
from tables import real_folder  # noqa: E402

# ABBYY FineReader with and without rules, WPS, Word, gazette typesetting and an OFD converter.
SUBSET = ("81", "86", "437", "466", "76", "423", "413", "320", "461", "428")


def _cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def _parse(path: Path, data: bytes) -> object:
    from policy_etl.parsers.pdf import parse

    return parse(path, data, hashlib.sha256(data).hexdigest())


def _process(path: Path, data: bytes) -> object:
    from policy_etl.pipeline.ingest import process_bytes

    return process_bytes(path, data, hashlib.sha256(data).hexdigest())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", default=",".join(SUBSET), help="file prefixes, or 'all'")
    ap.add_argument("--profile", type=Path, help="cProfile policy-etl's parse of the files into this file")
    args = ap.parse_args(argv)
    folder = real_folder()
    if args.files == "all":
        paths = sorted(folder.glob("*.pdf"), key=lambda p: int(p.name.split("、")[0]))
    else:
        paths = [next(folder.glob(f"{prefix}、*.pdf")) for prefix in args.files.split(",")]
    from policy_etl.pipeline.extract import warm_up

    warm_up()  # dictionaries and pattern tables, once per run as in an ingest
    _parse(paths[0], paths[0].read_bytes())  # imports and first-call set-up, not charged to a file
    print(f"{'file':<6}{'pages':>6}{'pdfplumber':>11}{'parse':>8}{'ratio':>7}{'process':>9}{'ratio':>7}")
    totals = [0.0, 0.0, 0.0]
    for path in paths:
        data = path.read_bytes()
        _, base, pages = pdf_baseline([path])
        parse = _cpu(lambda path=path, data=data: _parse(path, data))
        process = _cpu(lambda path=path, data=data: _process(path, data))
        for i, secs in enumerate((base, parse, process)):
            totals[i] += secs
        prefix = path.name.split("、")[0]
        print(
            f"{prefix:<6}{pages:>6}{base:>11.2f}{parse:>8.2f}{parse / base:>6.2f}×"
            f"{process:>9.2f}{process / base:>6.2f}×",
            flush=True,
        )
    base, parse, process = totals
    line = f"{'all':<6}{'':>6}{base:>11.2f}{parse:>8.2f}{parse / base:>6.2f}×"
    print(line + f"{process:>9.2f}{process / base:>6.2f}×")
    if args.profile:
        profiler = cProfile.Profile()
        for path in paths:
            data = path.read_bytes()
            profiler.runcall(_parse, path, data)
        profiler.dump_stats(args.profile)
        stats = pstats.Stats(str(args.profile))
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
