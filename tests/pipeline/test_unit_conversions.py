"""Canonical units: the conversion table, and targets of the seeds restated in it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from policy_etl.pipeline.patterns.unit_conversions import (
    CANONICAL_UNITS,
    UNITS,
    Standardized,
    convert,
    standardize,
)
from policy_etl.schemas.records import Extraction


def test_every_indicator_key_has_a_canonical_unit_the_table_knows() -> None:
    raw = json.loads(resources.files("policy_etl.data").joinpath("indicators.json").read_text("utf-8"))
    keys = [item["key"] for item in raw["indicators"]]
    assert set(CANONICAL_UNITS) == set(keys)  # a new key must decide its unit here
    for key, unit in CANONICAL_UNITS.items():
        assert unit is None or unit in UNITS, key


@pytest.mark.parametrize(
    ("value", "unit", "to_unit", "expected"),
    [
        # one unit, several spellings: nothing changes but the spelling
        (27, "微克/立方米", "μg/m³", 27),
        (27, "μg/m3", "μg/m³", 27),
        (27, "ug/m3", "μg/m³", 27),
        (27, "µg/m³", "μg/m³", 27),  # micro sign U+00B5
        (0.9, "吨标煤/万元", "吨标准煤/万元", 0.9),
        (50, "m3/万元", "立方米/万元", 50),
        # magnitudes and exact conversions
        (0.035, "mg/m³", "μg/m³", 35),
        (0.035, "毫克/立方米", "μg/m³", 35),
        (1.3287, "万吨", "吨", 13287),
        (200, "吨", "万吨", 0.02),
        (1.58, "亿立方米", "万立方米", 15800),
        (2600, "万立方米", "亿立方米", 0.26),
        (0.17, "千克/亩", "千克/公顷", 2.55),  # 1 公顷 = 15 亩
        (3, "万亩", "公顷", 2000),
        (1.5, "平方公里", "公顷", 150),
        (83, "%", "%", 83),
    ],
)
def test_convert_exact(value: float, unit: str, to_unit: str, expected: float) -> None:
    assert convert(value, unit, to_unit) == expected


@pytest.mark.parametrize(
    ("unit", "to_unit"),
    [
        ("个百分点", "%"),  # a change in points is not a share
        ("%", "个百分点"),
        ("%", "μg/m³"),  # a 下降5% under a concentration
        ("个", "μg/m³"),  # a count of cities
        ("μm/m³", "μg/m³"),  # a misprint is not silently read as what it probably meant
        ("ug/m", "μg/m³"),  # a unit cut short
        ("立方米", "立方米/万元"),  # an intensity's unit without its denominator
        ("吨", "立方米"),
        (None, "%"),  # no unit printed: never assumed
        ("", "%"),
    ],
)
def test_unconvertible_units_give_none(unit: str | None, to_unit: str) -> None:
    assert convert(10, unit, to_unit) is None


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_every_conversion_goes_back_to_the_printed_value(unit: str) -> None:
    dimension = UNITS[unit][0]
    for other in (u for u, (d, _) in UNITS.items() if d == dimension):
        for value in (0.17, 1.58, 35.2, 2600):
            there = convert(value, unit, other)
            assert there is not None and convert(there, other, unit) == pytest.approx(value, rel=1e-12)


def test_standardize_converts_value_and_baseline_with_one_factor() -> None:
    assert standardize("cod_reduction", 1.6, "万吨", 1.2) == Standardized(16000, "吨", 12000)
    assert standardize("pm25_concentration", 25, "μg/m3", 35.2) == Standardized(25, "μg/m³", 35.2)
    assert standardize("good_air_days_ratio", 3, "个百分点", None) is None
    assert standardize("pm25_concentration", 7.9, "%", None) is None
    assert standardize(None, 25, "μg/m³", None) is None
    assert standardize("not_a_key", 25, "μg/m³", None) is None


def test_a_dimensionless_index_stands_without_a_unit() -> None:
    assert standardize("ecological_index", 65, None, 62.7) == Standardized(65, None, 62.7)
    assert standardize("ecological_index", 73.5, "%", None) is None


def test_every_keyed_seed_target_is_standardized_or_has_no_convertible_unit(
    corpus: dict[str, Extraction],
) -> None:
    targets = [t for ex in corpus.values() for t in ex.targets]
    for t in targets:
        std = standardize(t.indicator_key, t.value, t.unit, t.baseline)
        assert (t.value_std, t.unit_std, t.baseline_std) == (
            (std.value, std.unit, std.baseline) if std else (None, None, None)
        )
        if t.indicator_key is None:
            assert t.value_std is None
    pm25 = [t for t in targets if t.indicator_key == "pm25_concentration"]
    # 微克/立方米 in prose and μg/m³ in 004's table are one unit
    assert {t.unit for t in pm25} == {"微克/立方米", "μg/m³"}
    assert {t.unit_std for t in pm25} == {"μg/m³"}
    assert all(t.value_std == t.value for t in pm25)
    # 001 and 002 print 农药施用强度 in 千克/亩: restated in 千克/公顷, baseline with it
    (table_2025,) = [
        t
        for t in corpus["002"].targets
        if t.indicator_key == "pesticide_intensity" and t.year == 2025 and t.source == "table"
    ]
    assert (table_2025.value, table_2025.unit, table_2025.baseline) == (0.16, "千克/亩", 0.21)
    assert (table_2025.value_std, table_2025.unit_std, table_2025.baseline_std) == (2.4, "千克/公顷", 3.15)
    (prose,) = [t for t in corpus["001"].targets if t.indicator_key == "pesticide_intensity"]
    assert (prose.value_std, prose.unit_std) == (2.55, "千克/公顷")
    # a count (个) and a share (%) under an emission key have no standard value; 003's project
    # table counts VOCs projects too (实施…VOCs治理与减排项目10个)
    assert [t.unit for t in targets if t.indicator_key == "voc_reduction" and t.value_std is None] == [
        "个",
        "%",
        "个",
    ]
