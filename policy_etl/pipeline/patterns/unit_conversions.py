"""Canonical units: each keyed indicator's unit, and the exact conversions into it.

A target keeps its value and unit as printed (`value`, `unit`); `value_std` / `unit_std` /
`baseline_std` restate it in the indicator's canonical unit so that plans compare directly
(public-views.md). Two tables decide everything:

- `UNITS`: every unit we can convert, as (dimension, factor): the value times the factor is the
  amount in the dimension's base unit. Spellings of one unit (μg/m³, ug/m3, 微克/立方米) share
  dimension and factor; a magnitude (万吨, 亿立方米) only changes the factor. Only exact,
  defined conversions are listed (1 公顷 = 15 亩 by the definition of the 市亩), never a rule of
  thumb, and 个百分点 (a change in percentage points) is its own dimension, never %.
- `CANONICAL_UNITS`: per indicator_key (data/indicators.json), the unit its values are restated
  in, chosen from the national indicator system's unit for that indicator (重度及以上污染天数比率 is a
  percentage, 化肥施用强度 is 千克/公顷). None marks a dimensionless index (生态环境状况指数): its
  value stands without a unit, and a value printed with any unit does not convert.

A unit that is missing, not in `UNITS`, or of another dimension than the key's canonical unit
(a 下降18% under 单位GDP能耗, a 个 count under PM2.5浓度) gives no standard value: null, not a guess.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from policy_etl.pipeline.patterns.units import normalize_unit

_WAN = Fraction(10_000)
_YI = Fraction(100_000_000)
_MU_PER_HECTARE = 15  # 1 公顷 = 15 市亩, exactly (1 亩 = 10000/15 m²)

# unit (as normalize_unit spells it, and its other printed spellings) -> (dimension, factor).
UNITS: dict[str, tuple[str, Fraction]] = {
    # shares and changes of shares: % stays %, 个百分点 is a difference and never becomes %
    "%": ("percent", Fraction(1)),
    "个百分点": ("percentage_point", Fraction(1)),
    "百分点": ("percentage_point", Fraction(1)),
    # air concentrations, in μg/m³
    "μg/m³": ("concentration", Fraction(1)),
    "微克/立方米": ("concentration", Fraction(1)),
    "mg/m³": ("concentration", Fraction(1000)),
    "毫克/立方米": ("concentration", Fraction(1000)),
    # mass, in 吨
    "吨": ("mass", Fraction(1)),
    "万吨": ("mass", _WAN),
    "亿吨": ("mass", _YI),
    "千克": ("mass", Fraction(1, 1000)),
    "公斤": ("mass", Fraction(1, 1000)),
    # volume, in 立方米
    "立方米": ("volume", Fraction(1)),
    "m³": ("volume", Fraction(1)),
    "万立方米": ("volume", _WAN),
    "亿立方米": ("volume", _YI),
    # area, in 公顷
    "公顷": ("area", Fraction(1)),
    "万公顷": ("area", _WAN),
    "亩": ("area", Fraction(1, _MU_PER_HECTARE)),
    "万亩": ("area", _WAN / _MU_PER_HECTARE),
    "平方公里": ("area", Fraction(100)),
    "平方千米": ("area", Fraction(100)),
    "平方米": ("area", Fraction(1, 10_000)),
    # per-area application rates (化肥/农药施用强度), in 千克/公顷
    "千克/公顷": ("mass_per_area", Fraction(1)),
    "公斤/公顷": ("mass_per_area", Fraction(1)),
    "千克/亩": ("mass_per_area", Fraction(_MU_PER_HECTARE)),
    "公斤/亩": ("mass_per_area", Fraction(_MU_PER_HECTARE)),
    # intensities per 万元 of output
    "吨标准煤/万元": ("energy_per_output", Fraction(1)),
    "吨标煤/万元": ("energy_per_output", Fraction(1)),
    "吨/万元": ("mass_per_output", Fraction(1)),
    "立方米/万元": ("volume_per_output", Fraction(1)),
    "m³/万元": ("volume_per_output", Fraction(1)),
    "m3/万元": ("volume_per_output", Fraction(1)),
    # lengths (河道整治 120公里), in 公里
    "公里": ("length", Fraction(1)),
    "千米": ("length", Fraction(1)),
    "米": ("length", Fraction(1, 1000)),
    # days
    "天": ("days", Fraction(1)),
    # counts of designated things (绿色工厂 300家, 美丽河湖 50条 / 10个, 1个教育场馆) and of times
    "个": ("count", Fraction(1)),
    "家": ("count", Fraction(1)),
    "条": ("count", Fraction(1)),
    "座": ("count", Fraction(1)),
    "处": ("count", Fraction(1)),
    "套": ("count", Fraction(1)),
    "万个": ("count", _WAN),
    "万套": ("count", _WAN),
    "次": ("times", Fraction(1)),
    # radiation accidents per 10,000 sources in use (放射源辐射事故年发生率)
    "起/万枚": ("accidents_per_sources", Fraction(1)),
    "起/每万枚": ("accidents_per_sources", Fraction(1)),
}

# indicator_key -> the unit its standard values are in (None: a dimensionless index).
CANONICAL_UNITS: dict[str, str | None] = {
    "pm25_reduction": "%",
    "pm25_concentration": "μg/m³",
    "pm10_concentration": "μg/m³",
    "ozone_concentration": "μg/m³",
    "good_air_days_ratio": "%",
    "heavy_pollution_days": "%",  # 重度及以上污染天数比率 (%), as the plans and the national system state it
    "surface_water_worse_than_v_share": "%",
    "surface_water_class_iii_share": "%",
    "surface_water_class_iv_share": "%",
    "noise_zone_compliance": "%",
    "surface_water_compliance_rate": "%",
    "drinking_water_source_compliance": "%",
    "nearshore_water_quality_share": "%",
    "black_smelly_water_elimination": "%",
    "rural_sewage_treatment": "%",
    "urban_sewage_treatment_rate": "%",
    "forest_cover": "%",
    "wetland_protection_rate": "%",
    "ecological_index": None,
    "hazardous_waste_management_compliance": "%",
    "hazardous_waste_disposal": "%",
    "medical_waste_disposal": "%",
    "industrial_solid_waste_utilisation": "%",
    "polluted_farmland_safe_use": "%",
    "polluted_site_safe_use": "%",
    "farmland_soil_quality_compliance": "%",
    "energy_intensity": "吨标准煤/万元",
    "carbon_intensity": "吨/万元",  # tonnes of CO2 per 万元 of GDP
    "water_intensity": "立方米/万元",
    "coal_consumption": "万吨",
    "straw_utilisation": "%",
    "film_recycling": "%",
    "fertiliser_intensity": "千克/公顷",
    "pesticide_intensity": "千克/公顷",
    "garbage_sorting_coverage": "%",
    "household_waste_harmless_rate": "%",
    "household_waste_recycling_rate": "%",
    # emission reductions: 重点工程减排量, stated in 吨 by cities and 万吨 by provinces
    "cod_reduction": "吨",
    "ammonia_nitrogen_reduction": "吨",
    "nox_reduction": "吨",
    "voc_reduction": "吨",
    "so2_reduction": "吨",
    "green_building_share": "%",
    "public_transport_share": "%",
    "public_satisfaction": "%",
    "green_procurement_share": "%",
    "clean_production_audit": "%",
    "eco_assessment_weight": "%",
    "groundwater_class_v_share": "%",
    "non_fossil_energy_share": "%",
    "water_consumption_total": "亿立方米",  # 用水总量控制在X亿立方米以内, as the 三条红线 state it
    "industrial_water_reuse_rate": "%",
    "reclaimed_water_utilisation": "%",
    "irrigation_water_efficiency": None,  # 农田灌溉水有效利用系数: a coefficient, 0.55
    "township_sewage_coverage": "%",
    "sludge_harmless_disposal": "%",
    "manure_facility_coverage": "%",
    "livestock_manure_utilisation": "%",
    "vegetable_waste_utilisation": "%",
    "vehicle_type_inspection_rate": "%",
    "road_mechanized_cleaning_rate": "%",
    "pollutant_monitoring_disclosure": "%",
    "radiation_source_accident_rate": "起/万枚",
    "spent_radioactive_source_collection": "%",
    "park_green_area_per_capita": "平方米",  # per resident, printed as 平方米
    "park_service_radius_coverage": "%",
    "protected_species_protection_rate": "%",
    "gdp_growth": "%",  # 地区生产总值增长X%: a growth rate; a level in 亿元 does not convert
    "industrial_energy_intensity": "吨标准煤/万元",
    "transport_co2_intensity": "%",  # stated as 比2020年下降X%
    "clean_vehicle_public_fleet_share": "%",
    "green_travel_share": "%",
    "clean_heating_rate": "%",
    "sewage_collection_rate": "%",
    "sewage_garbage_collection_rate": "%",
    "green_space_ratio": "%",
    "green_coverage_ratio": "%",
    "grassland_vegetation_cover": "%",
    "wetland_area": "公顷",
    "beautiful_rivers_lakes": "个",
    "river_regulation_length": "公里",
    "green_factories": "个",
    "eco_education_venues": "个",
    "eco_info_disclosure": "%",
    "enforcement_staff_education": "%",
    "soil_hazard_survey": "次",
    "natural_shoreline_retention": "%",
    "prefab_building_share": "%",
    "charging_facilities": "个",
    "soil_erosion_control_area": "平方公里",
    "legacy_mine_restoration_rate": "%",
    "green_mine_share": "%",
    "protected_area_share": "%",
    "enforcement_staff_degree": "%",
}


@dataclass(frozen=True)
class Standardized:
    """A target restated in its indicator's canonical unit."""

    value: float
    unit: str | None
    baseline: float | None


def _exact(value: float, factor: Fraction) -> float:
    """value × factor in exact decimal arithmetic (0.17 × 15 is 2.55, not 2.5500000000000003)."""
    if factor == 1:
        return value
    if not math.isfinite(value):
        return value * float(factor)
    return float(Fraction(repr(value)) * factor)


def conversion_factor(unit: str | None, to_unit: str) -> Fraction | None:
    """The factor turning a value in `unit` into `to_unit`, or None when they do not convert."""
    source = UNITS.get(normalize_unit(unit) or "")
    target = UNITS.get(to_unit)
    if source is None or target is None or source[0] != target[0]:
        return None
    return source[1] / target[1]


def convert(value: float, unit: str | None, to_unit: str) -> float | None:
    """`value` printed in `unit`, expressed in `to_unit`; None when the units do not convert."""
    factor = conversion_factor(unit, to_unit)
    return None if factor is None else _exact(value, factor)


def standardize(
    indicator_key: str | None, value: float, unit: str | None, baseline: float | None
) -> Standardized | None:
    """The target's value and baseline (printed in the same unit) in the key's canonical unit.

    None when the target has no key, the key has no canonical unit, or the unit does not convert.
    """
    if indicator_key is None or indicator_key not in CANONICAL_UNITS:
        return None
    canonical = CANONICAL_UNITS[indicator_key]
    if canonical is None:  # a dimensionless index: only a unitless value is one
        if normalize_unit(unit) is not None:
            return None
        return Standardized(value=value, unit=None, baseline=baseline)
    factor = conversion_factor(unit, canonical)
    if factor is None:
        return None
    return Standardized(
        value=_exact(value, factor),
        unit=canonical,
        baseline=None if baseline is None else _exact(baseline, factor),
    )
