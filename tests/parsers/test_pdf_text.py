"""pdf_text.dedupe_chars: pdfplumber's de-duplication (font name ignored), in one pass."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdfplumber.utils import dedupe_chars as pdfplumber_dedupe

from policy_etl.parsers.pdf_text import dedupe_chars

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _char(
    text: str, x0: float, doctop: float, size: float = 12.0, fontname: str = "SimSun"
) -> dict[str, Any]:
    return {"text": text, "x0": x0, "doctop": doctop, "size": size, "fontname": fontname, "upright": True}


@pytest.mark.parametrize(
    ("chars", "kept"),
    [
        # fake bold: 规划 drawn twice 0.3 pt apart in another font → once, the first (top-left) copy kept
        (
            [
                _char("规", 72, 700),
                _char("划", 84, 700),
                _char("规", 72.3, 700, fontname="SimHei"),
                _char("划", 84.3, 700, fontname="SimHei"),
            ],
            [0, 1],
        ),
        # the same character further than the tolerance away is another character (年年)
        ([_char("年", 72, 700), _char("年", 84, 700)], [0, 1]),
        # a different size is not a repeat (a superscript ³ over a ³ of body size)
        ([_char("3", 72, 700, size=12), _char("3", 72.2, 700.1, size=7)], [0, 1]),
        # the copy drawn first but lower-right loses to the top-left one, page order is kept
        ([_char("水", 72.5, 700.5), _char("质", 90, 700), _char("水", 72, 700)], [1, 2]),
        # a chain: 0.8 and 0.8 apart are one cluster even though the ends are 1.6 apart
        ([_char("的", 72, 700), _char("的", 72.8, 700), _char("的", 73.6, 700)], [0]),
    ],
)
def test_dedupe_drops_repeats_at_the_same_place_and_size(
    chars: list[dict[str, Any]], kept: list[int]
) -> None:
    assert dedupe_chars(chars, 1.0) == [chars[i] for i in kept]


@pytest.mark.parametrize("seed", range(20))
def test_dedupe_matches_pdfplumber_on_crowded_random_pages(seed: int) -> None:
    rng = random.Random(seed)
    chars = [
        _char(
            rng.choice("生态环境规划目标"),
            rng.choice([72, 72.4, 73.2, 80]) + rng.random(),
            rng.choice([700, 700.6, 701.5, 720]) + rng.random(),
            size=rng.choice([12, 14]),
            fontname=rng.choice(["SimSun", "SimHei"]),
        )
        for _ in range(200)
    ]
    expected = pdfplumber_dedupe(chars, tolerance=1.0, extra_attrs=("size",))
    assert [id(c) for c in dedupe_chars(chars, 1.0)] == [id(c) for c in expected]


@pytest.mark.parametrize(
    "pdf", ["pdf/plan.pdf", "pdf_parity/seed000_plan.pdf", "pdf_parity/seed002_table1.pdf"]
)
def test_dedupe_matches_pdfplumber_on_the_fixture_pages(pdf: str) -> None:
    with pdfplumber.open(FIXTURES / pdf) as doc:
        for page in doc.pages:
            expected = page.dedupe_chars(tolerance=1.0, extra_attrs=("size",)).chars
            assert dedupe_chars(page.chars, 1.0) == expected
