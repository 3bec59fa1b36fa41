"""OCR of table pictures: which images of a corpus would be OCR'd, and what OCR costs.

    .venv/bin/python bench/ocr.py --survey ../shared/corpus/real ../shared/corpus/extra
        every page of every PDF: its images, those large and bare enough to be table pictures
        (`pdf_pictures.candidates`, nothing rendered) and those that pass the pixel tests
        (`is_table_picture`: rendered, never OCR'd). Says which pages an ingest would OCR.
    .venv/bin/python bench/ocr.py --pages "422:12,376:11,584:15"
        OCR of the table pictures of those pages (file prefix:page), one after the other in this
        process: wall and CPU seconds per page, OCR pages per second, characters, peak RSS.

Files are read one at a time, in this process: the machine is shared.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # this checkout's policy_etl

from policy_etl.parsers import ocr, pdf_pictures  # noqa: E402


def _pixels(page: object, bbox: pdf_pictures.BBox) -> np.ndarray:
    image = page.crop(bbox, strict=False).to_image(resolution=72 * ocr.RENDER_SCALE)  # type: ignore[attr-defined]
    return np.asarray(image.original.convert("RGB"))


def survey(folders: list[Path]) -> None:
    """Count, per PDF, the images and the table pictures that an ingest would OCR."""
    totals = [0, 0, 0, 0]
    print("file | pages | images | large & bare | table pictures (pages)")
    for folder in folders:
        for path in sorted(folder.glob("*.pdf")):
            images = large = 0
            tables: list[int] = []
            with pdfplumber.open(path) as pdf:
                n_pages = len(pdf.pages)
                for number, page in enumerate(pdf.pages, start=1):
                    if page.images:
                        images += len(page.images)
                        boxes = pdf_pictures.candidates(
                            page.images, page.chars, float(page.width), float(page.height)
                        )
                        large += len(boxes)
                        tables.extend(
                            number
                            for bbox in boxes
                            if pdf_pictures.is_table_picture(_pixels(page, bbox), ocr.RENDER_SCALE)
                        )
                    page.close()
            for i, value in enumerate((n_pages, images, large, len(tables))):
                totals[i] += value
            print(
                f"{path.name[:30]} | {n_pages} | {images} | {large} | {len(tables)} {tables or ''}",
                flush=True,
            )
    print(f"total | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]}")


def _find(prefix: str, folders: list[Path]) -> Path:
    for folder in folders:
        found = sorted(folder.glob(f"{prefix}*.pdf"))
        if found:
            return found[0]
    raise SystemExit(f"no PDF starting with {prefix!r} in {', '.join(map(str, folders))}")


def measure(specs: list[tuple[str, int]], folders: list[Path]) -> None:
    """OCR the table pictures of the given pages, timing each and reporting the peak RSS."""
    start_cpu, start = time.process_time(), time.perf_counter()
    ocr.engine()
    load_cpu, load = time.process_time() - start_cpu, time.perf_counter() - start
    print(f"engine load: {load:.1f} s wall, {load_cpu:.1f} s CPU")
    wall = cpu = 0.0
    pages = 0
    for prefix, number in specs:
        with pdfplumber.open(_find(prefix, folders)) as pdf:
            page = pdf.pages[number - 1]
            for bbox in pdf_pictures.candidates(
                page.images, page.chars, float(page.width), float(page.height)
            ):
                c0, w0 = time.process_time(), time.perf_counter()
                chars = ocr.page_chars(page, bbox)
                c1, w1 = time.process_time() - c0, time.perf_counter() - w0
                wall, cpu, pages = wall + w1, cpu + c1, pages + 1
                area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) / (float(page.width) * float(page.height))
                print(
                    f"{prefix} p{number}: {len(chars)} chars, picture {area:.0%} of the page, "
                    f"{w1:.1f} s wall, {c1:.1f} s CPU"
                )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if pages:
        print(
            f"{pages} pictures: {pages / wall:.3f} OCR pages/s wall ({wall / pages:.1f} s each), "
            f"{pages / cpu:.3f} per CPU second ({cpu / pages:.1f} s each); peak RSS {rss:.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--survey", action="store_true", help="count table pictures, no OCR")
    parser.add_argument("--pages", help='pages to OCR: "prefix:page,…" (e.g. "422:12,376:11")')
    args = parser.parse_args()
    folders = args.folders or [
        ROOT.parent / "shared" / "corpus" / "real",
        ROOT.parent.parent / "shared" / "corpus" / "real",
    ]
    folders = [f for f in folders if f.is_dir()]
    if args.survey:
        survey(folders)
    if args.pages:
        specs = [(p.split(":")[0], int(p.split(":")[1])) for p in args.pages.split(",")]
        measure(specs, folders)


if __name__ == "__main__":
    main()
