"""Every indicator that three or more plans of shared/corpus name carries an indicator_key.

The keys added for them (data/indicators.json, each with a canonical unit) are checked here on a
database of the seed plans plus small documents holding the real plans' own wording: for each
new key, the sentence or indicator-table row of at least two plans, copied from the corpus PDFs
(shared/corpus/real, extra) with the clause that states the target. Each must come out of the
full pipeline (normalize → extract → load) with its key, and in the key's canonical unit.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policy_etl.cli import app
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.ingest import ingest
from policy_etl.pipeline.load import Store
from policy_etl.pipeline.normalize import normalize
from policy_etl.pipeline.patterns.indicators import grouping_name
from policy_etl.pipeline.patterns.unit_conversions import CANONICAL_UNITS
from policy_etl.schemas.document import Cell, Document, Paragraph, Table
from tests.conftest import SEED_FILES

# (key, plan, wording): a sentence of the plan's prose, or an indicator-table row
# (name, unit, 2025 cell) as the plan prints it. Plans are named by their title's region.
TEXT = "text"
ROW = "row"
WORDINGS: list[tuple[str, str, str, tuple[str, ...]]] = [
    # 河道整治 as the quantity of an action (003's task table; 002 below)
    ("river_regulation_length", "越城区", TEXT, ("完成河道综合整治16公里。",)),
    ("township_sewage_coverage", "株洲市", TEXT, ("乡镇污水处理设施覆盖率达到100%。",)),
    ("township_sewage_coverage", "南充市", ROW, ("乡镇生活污水处理率（%）", "%", "≥85")),
    ("groundwater_class_v_share", "陇南市", ROW, ("地下水质量Ⅴ类水比例（%）", "%", "0")),
    ("groundwater_class_v_share", "海西州", ROW, ("地下水质量V类水比例（%）", "%", "＜15")),
    ("non_fossil_energy_share", "陇南市", TEXT, ("非化石能源消费比重达到30%。",)),
    ("non_fossil_energy_share", "邵阳市", TEXT, ("非化石能源消费占比提升至26%。",)),
    ("non_fossil_energy_share", "甘肃省", ROW, ("非化石能源占一次能源消费比重(％)", "%", "≥30")),
    ("water_consumption_total", "攀枝花市", TEXT, ("全市用水总量控制在10.8亿立方米以内。",)),
    ("water_consumption_total", "武威市", TEXT, ("用水总量控制在15.68亿立方米以内。",)),
    ("industrial_water_reuse_rate", "攀枝花市", TEXT, ("规模以上工业用水重复利用率达到95%以上。",)),
    ("industrial_water_reuse_rate", "宁夏回族自治区", TEXT, ("工业用水重复利用率达到90%以上。",)),
    ("reclaimed_water_utilisation", "白银市", TEXT, ("再生水利用率达到15%以上。",)),
    ("reclaimed_water_utilisation", "三亚市", TEXT, ("市政再生水利用率不低于25%。",)),
    ("irrigation_water_efficiency", "攀枝花市", TEXT, ("农田灌溉水有效利用系数提高到0.55以上。",)),
    ("irrigation_water_efficiency", "乌海市", TEXT, ("农业灌溉水有效利用系数提高到0.579以上。",)),
    ("sludge_harmless_disposal", "甘肃省", TEXT, ("城市污泥无害化处理处置率超过90％。",)),
    ("sludge_harmless_disposal", "陇南市", TEXT, ("污泥无害化处理处置率达到90%。",)),
    ("manure_facility_coverage", "淮南市", TEXT, ("规模化畜禽养殖场粪污处理设施装备配套率达到95%。",)),
    (
        "manure_facility_coverage",
        "阿坝藏族羌族自治州",
        TEXT,
        ("农牧区规模养殖场粪污处理设施配套率达到95%以上。",),
    ),
    ("livestock_manure_utilisation", "广元市", TEXT, ("畜禽粪污综合利用率达90%以上。",)),
    ("livestock_manure_utilisation", "陇南市", TEXT, ("畜禽粪污综合利用率不低于80%。",)),
    ("vegetable_waste_utilisation", "甘南州", TEXT, ("尾菜处理率达到70%以上。",)),
    ("vegetable_waste_utilisation", "武威市", TEXT, ("尾菜处理利用率达到55%以上。",)),
    ("vehicle_type_inspection_rate", "甘肃省", TEXT, ("主要车型系族年度抽检率达到80％以上。",)),
    ("vehicle_type_inspection_rate", "德州市", TEXT, ("主要车（机）型系族年度抽检率达到80%以上。",)),
    ("road_mechanized_cleaning_rate", "攀枝花市", TEXT, ("城市建成区道路机械化清扫率达到85%以上。",)),
    ("road_mechanized_cleaning_rate", "广元市", TEXT, ("市建成区道路机械化清扫率达到80%。",)),
    ("pollutant_monitoring_disclosure", "天水市", TEXT, ("重点排污单位自行监测信息公开率达到90%以上。",)),
    ("pollutant_monitoring_disclosure", "武威市", TEXT, ("重点排污单位自行监测信息公开率达到90%以上。",)),
    (
        "radiation_source_accident_rate",
        "甘南州",
        ROW,
        ("放射源辐射事故年发生率（起/万枚）", "起/万枚", "＜1.3"),
    ),
    (
        "radiation_source_accident_rate",
        "商洛市",
        ROW,
        ("放射源辐射事故年发生率（起/每万枚）", "起/每万枚", "0"),
    ),
    ("spent_radioactive_source_collection", "广元市", TEXT, ("废旧放射源送贮率达到100%。",)),
    ("park_green_area_per_capita", "攀枝花市", TEXT, ("人均公园绿地面积达到14.5平方米。",)),
    ("park_green_area_per_capita", "郑州市", TEXT, ("建成区人均公园绿地面积达到14平方米。",)),
    ("park_service_radius_coverage", "福建省", TEXT, ("城市公园绿地服务半径覆盖率达到85%以上。",)),
    ("park_service_radius_coverage", "宁夏回族自治区", TEXT, ("城市建成区公园绿地服务半径覆盖率达到82%。",)),
    ("protected_species_protection_rate", "邵阳市", TEXT, ("国家重点保护野生动植物保护率维持在85%以上。",)),
    ("protected_species_protection_rate", "巴中市", TEXT, ("国家重点保护野生动植物保护率不低于95%。",)),
    ("gdp_growth", "北京市", TEXT, ("今年经济社会发展主要预期目标是：地区生产总值增长5%左右。",)),
    ("gdp_growth", "呼伦贝尔市", TEXT, ("经济社会发展的主要预期目标是：地区生产总值增长3.5%左右。",)),
    ("industrial_energy_intensity", "盐城市", TEXT, ("规模以上单位工业增加值能耗比2020年下降17%。",)),
    ("industrial_energy_intensity", "泰州市", ROW, ("规模以上单位工业增加值能耗", "吨标煤/万元", "≤0.5")),
    ("transport_co2_intensity", "甘肃省", TEXT, ("营运车辆单位运输周转量二氧化碳排放比2020年下降4％。",)),
    ("transport_co2_intensity", "济南市", TEXT, ("营运车辆单位运输周转量二氧化碳排放较2020年下降4％。",)),
    (
        "clean_vehicle_public_fleet_share",
        "福建省",
        TEXT,
        ("公共领域新增或更新车辆中新能源汽车比例不低于80%。",),
    ),
    ("clean_vehicle_public_fleet_share", "南充市", TEXT, ("南充市区清洁能源汽车在公共领域使用率达到80%。",)),
    ("green_travel_share", "盐城市", TEXT, ("绿色出行比例达到70%。",)),
    ("green_travel_share", "天津市", TEXT, ("绿色出行比例达到75%以上。",)),
    ("clean_heating_rate", "陇南市", TEXT, ("清洁取暖率提高到80%以上。",)),
    ("clean_heating_rate", "内蒙古自治区", TEXT, ("城镇清洁取暖率达93%以上。",)),
    ("sewage_collection_rate", "邵阳市", TEXT, ("城市生活污水集中收集率达到70%。",)),
    ("sewage_collection_rate", "株洲市", TEXT, ("生活污水集中收集率达到70%。",)),
    ("sewage_garbage_collection_rate", "福建省海洋", TEXT, ("污水和垃圾收集处置率达100%。",)),
    ("sewage_garbage_collection_rate", "天津市", TEXT, ("污水和垃圾收集处置率达到100%。",)),
    ("green_space_ratio", "攀枝花市", TEXT, ("城市（县城）建成区绿地率达到38%。",)),
    ("green_space_ratio", "济南市", TEXT, ("城市建成区绿地率稳定在37％。",)),
    ("green_coverage_ratio", "广元市", TEXT, ("建成区绿化覆盖率达38%。",)),
    ("green_coverage_ratio", "海西州", TEXT, ("城市建成区绿化覆盖率达到30%。",)),
    ("grassland_vegetation_cover", "宁夏回族自治区", TEXT, ("草原综合植被盖度达到57%。",)),
    ("grassland_vegetation_cover", "青海省", TEXT, ("青海湖流域草原综合植被盖度提高到60.6%。",)),
    ("wetland_area", "青海省", ROW, ("湿地保有量（万公顷）", "万公顷", "８１４．３６")),
    ("beautiful_rivers_lakes", "内蒙古自治区", TEXT, ("到2025年,建成1-2个国家“美丽河湖”。",)),
    ("beautiful_rivers_lakes", "福建省", ROW, ("美丽河湖数量（个）", "个", "≥10")),
    ("green_factories", "宁夏回族自治区", TEXT, ("培育绿色园区12个以上、绿色工厂100家以上。",)),
    ("green_factories", "郑州市", TEXT, ("创建绿色工厂12家。",)),
    ("eco_education_venues", "攀枝花市", TEXT, ("到2025年，至少建成1个生态文明教育场馆。",)),
    ("eco_education_venues", "阿坝藏族羌族自治州", TEXT, ("到2025年建成至少1个生态文明教育场馆。",)),
    ("eco_info_disclosure", "攀枝花市", TEXT, ("环境信息公开率达到100%。",)),
    ("eco_info_disclosure", "青海省", ROW, ("环境信息公开率（%）", "%", "１００")),
    ("enforcement_staff_education", "邵阳市", TEXT, ("执法人员具有大专以上学历的应达到80%以上。",)),
    ("enforcement_staff_education", "湖南省", TEXT, ("执法人员具有大专以上学历的达到90%以上。",)),
    ("soil_hazard_survey", "邵阳市", TEXT, ("2025年底前，至少完成1次土壤和地下水污染隐患排查。",)),
    ("soil_hazard_survey", "济南市", TEXT, ("重点监管单位至少完成1次土壤污染隐患排查。",)),
    ("natural_shoreline_retention", "三亚市", ROW, ("自然海岸线保有率", "%", "≥63")),
    ("natural_shoreline_retention", "盐城市", ROW, ("大陆自然岸线保有率（%）", "%", "≥35")),
    ("prefab_building_share", "德州市", TEXT, ("装配式建筑占当年新建建筑面积比例达到40%以上。",)),
    ("prefab_building_share", "青海省", TEXT, ("装配式建筑占新建建筑比例达到15%。",)),
    ("charging_facilities", "盐城市", TEXT, ("“十四五”期间新建2万套充电设施。",)),
    ("charging_facilities", "宁夏回族自治区", TEXT, ("新增6500个以上公共充电设施。",)),
    ("soil_erosion_control_area", "巴中市", TEXT, ("水土流失综合治理500平方公里。",)),
    ("soil_erosion_control_area", "内蒙古自治区", TEXT, ("水土流失综合治理1128万亩。",)),
    ("legacy_mine_restoration_rate", "商洛市", TEXT, ("历史遗留矿山地质环境治理率达到50%以上。",)),
    ("legacy_mine_restoration_rate", "宁夏回族自治区", TEXT, ("历史遗留矿山治理率达到100%。",)),
    ("green_mine_share", "商洛市", TEXT, ("大中型矿山绿色矿山建设率达到60%以上。",)),
    ("green_mine_share", "青海省", ROW, ("绿色矿山比例（%）", "%", "２５")),
    ("protected_area_share", "武威市", TEXT, ("自然保护地面积占陆域国土面积的24%以上。",)),
    ("protected_area_share", "湖南省", TEXT, ("自然保护地面积占国土面积比例稳定在11%左右。",)),
    ("enforcement_staff_degree", "株洲市", TEXT, ("取得法律或生态环境相关专业学位的达到50%以上。",)),
    ("enforcement_staff_degree", "邵阳市", TEXT, ("取得生态环境或法律相关专业学位的应达到45%以上。",)),
]
# Keys whose second plan is a seed (raw_docs): its wording is in the seed itself.
SEED_PLANS = {
    "spent_radioactive_source_collection": "004",  # 废旧放射源收贮率达到100%
    "wetland_area": "000",  # 湿地保有量达到4571.47公顷
    "river_regulation_length": "002",  # 整治河道120公里
}
NEW_KEYS = list(dict.fromkeys(key for key, *_ in WORDINGS))


def _document(plan: str, wordings: list[tuple[str, tuple[str, ...]]]) -> Document:
    """A plan titled like the real one, its sentences, then its rows as a 主要指标 table."""
    title = f"{plan}“十四五”生态环境保护规划"
    blocks: list[Paragraph | Table] = [
        Paragraph(index=0, text=title),
        Paragraph(index=1, text="一、主要目标"),
    ]
    for text in (w[0] for kind, w in wordings if kind == TEXT):
        blocks.append(Paragraph(index=len(blocks), text=text))
    rows = [w for kind, w in wordings if kind == ROW]
    if rows:
        grid = [["序号", "指标", "单位", "2020年", "2025年", "指标属性"]]
        grid += [[str(i), name, unit, "", value, "预期性"] for i, (name, unit, value) in enumerate(rows, 1)]
        cells = tuple(Cell(row=r, col=c, text=t) for r, row in enumerate(grid) for c, t in enumerate(row))
        blocks.append(
            Table(index=len(blocks), n_rows=len(grid), n_cols=6, cells=cells, caption="表1 主要指标")
        )
    name = f"{plan}.txt"
    return Document(
        source_file=name, sha256=hashlib.sha256(name.encode()).hexdigest(), format="txt", blocks=tuple(blocks)
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "policy.db"
    assert not ingest(SEED_FILES, path).has_failures
    by_plan: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for _, plan, kind, wording in WORDINGS:
        by_plan[plan].append((kind, wording))
    store = Store(path)
    for plan, wordings in by_plan.items():
        store.write_document(extract(normalize(_document(plan, wordings))), run_id=None, size_bytes=None)
    store.close()
    return path


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


def _plan(source_file: str) -> str:
    return source_file.removesuffix(".txt") if not source_file[:3].isdigit() else source_file[:3]


def test_each_new_key_comes_out_of_every_plan_that_words_it(db: Path) -> None:
    keyed: dict[str, set[str]] = defaultdict(set)
    for key, source_file in rows(
        db,
        "SELECT DISTINCT t.indicator_key, d.source_file FROM v_targets t JOIN v_documents d USING (doc_id) "
        "WHERE t.indicator_key IS NOT NULL",
    ):
        keyed[key].add(_plan(source_file))
    for key in NEW_KEYS:
        expected = {plan for k, plan, *_ in WORDINGS if k == key}
        if key in SEED_PLANS:
            expected.add(SEED_PLANS[key])
        assert keyed[key] >= expected, key
        assert len(keyed[key]) >= 2, key


def test_new_keys_are_in_their_canonical_unit(db: Path) -> None:
    got = rows(
        db,
        "SELECT indicator_key, unit, value_std, unit_std FROM v_targets WHERE indicator_key IN "
        f"({', '.join('?' * len(NEW_KEYS))})",
        *NEW_KEYS,
    )
    assert {key for key, *_ in got} == set(NEW_KEYS)
    for key, unit, value_std, unit_std in got:
        if value_std is not None:
            assert unit_std == CANONICAL_UNITS[key], (key, unit)
    standardized = {key for key, _, value_std, _ in got if value_std is not None}
    assert standardized == set(NEW_KEYS)  # every key has at least one comparable value


@pytest.mark.parametrize(
    ("plan", "key", "value", "unit", "value_std", "unit_std"),
    [
        ("盐城市", "charging_facilities", 2.0, "万套", 20000.0, "个"),  # 2万套充电设施
        ("宁夏回族自治区", "charging_facilities", 6500.0, "个", 6500.0, "个"),
        ("内蒙古自治区", "soil_erosion_control_area", 1128.0, "万亩", 7520.0, "平方公里"),  # ÷15 ÷100
        ("青海省", "wetland_area", 814.36, "万公顷", 8143600.0, "公顷"),
        ("泰州市", "industrial_energy_intensity", 0.5, "吨标煤/万元", 0.5, "吨标准煤/万元"),
        ("盐城市", "industrial_energy_intensity", 17.0, "%", None, None),  # a decline, not a level
        ("攀枝花市", "irrigation_water_efficiency", 0.55, None, 0.55, None),  # a unitless coefficient
        ("甘南州", "radiation_source_accident_rate", 1.3, "起/万枚", 1.3, "起/万枚"),
        ("商洛市", "radiation_source_accident_rate", 0.0, "起/每万枚", 0.0, "起/万枚"),
        ("攀枝花市", "water_consumption_total", 10.8, "亿立方米", 10.8, "亿立方米"),
        ("郑州市", "green_factories", 12.0, "家", 12.0, "个"),
    ],
)
def test_new_keys_convert_exactly(
    db: Path,
    plan: str,
    key: str,
    value: float,
    unit: str | None,
    value_std: float | None,
    unit_std: str | None,
) -> None:
    got = rows(
        db,
        "SELECT t.value, t.unit, t.value_std, t.unit_std FROM v_targets t JOIN v_documents d USING (doc_id) "
        "WHERE d.source_file = ? AND t.indicator_key = ?",
        f"{plan}.txt",
        key,
    )
    assert got == [(value, unit, value_std, unit_std)]


def test_stats_keys_lists_none_of_the_keyed_wordings(db: Path) -> None:
    result = CliRunner().invoke(app, ["stats", "--keys", "--db", str(db), "--format", "json", "--top", "0"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unkeyed"] == []
    result = CliRunner().invoke(
        app, ["stats", "--keys", "--db", str(db), "--format", "json", "--top", "1000"]
    )
    unkeyed = {u["name"] for u in json.loads(result.stdout)["unkeyed"]}
    made = {
        grouping_name(indicator)
        for (indicator,) in rows(
            db,
            "SELECT t.indicator FROM v_targets t JOIN v_documents d USING (doc_id) "
            "WHERE d.source_file NOT GLOB '[0-9][0-9][0-9]_*'",
        )
    }
    # every target of the made plans carries a key, but 宁夏's 绿色园区12个 beside its 绿色工厂
    # (a name two corpus plans use)
    assert made & unkeyed == {"绿色园区"}
    assert max(u["plans"] for u in json.loads(result.stdout)["unkeyed"]) == 1
