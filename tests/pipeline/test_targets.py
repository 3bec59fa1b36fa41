"""Targets from prose and indicator tables: corpus phrases, hand-built tables, and the seeds."""

from __future__ import annotations

import pytest

from policy_etl.pipeline import targets
from policy_etl.pipeline.context import ExtractContext, Outline
from policy_etl.pipeline.targets_table import iter_table_targets, parse_cell, split_name_unit
from policy_etl.pipeline.targets_text import find_targets
from policy_etl.schemas.document import Cell, Document, Paragraph, Table
from policy_etl.schemas.records import DocumentRecord, Extraction, SectionRecord, TargetRecord

SHA = "0" * 64


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2020年,全区PM2.5平均浓度控制在38微克/立方米以下AQI优良天数比例达到81%以上;",
            [("PM2.5平均浓度", "<=", 38, "微克/立方米"), ("AQI优良天数比例", ">=", 81, "%")],
        ),
        (
            "——全区空气质量持续改善，PM2.5浓度下降至38微克/立方米以下，空气质量优良天数比率达到83%以上。",
            [("PM2.5浓度", "<=", 38, "微克/立方米"), ("空气质量优良天数比率", ">=", 83, "%")],
        ),
        ("全区平原林木覆盖率稳定在21.30%以上", [("平原林木覆盖率", ">=", 21.3, "%")]),
        ("完成4家企业15台锅炉改造", [("锅炉改造企业", "=", 4, "家"), ("锅炉改造", "=", 15, "台")]),
        ("单位GDP二氧化碳排放较2020年下降16%", [("单位GDP二氧化碳排放", "=", 16, "%")]),
        ("绿色出行服务满意率不低于80%", [("绿色出行服务满意率", ">=", 80, "%")]),
        ("用水总量控制在23.9亿立方米以内", [("用水总量", "<=", 23.9, "亿立方米")]),
        ("市域大陆自然岸线保有率超过22.5%", [("市域大陆自然岸线保有率", ">", 22.5, "%")]),
        ("林木蓄积量达到1.58万立方米", [("林木蓄积量", "=", 1.58, "万立方米")]),
        ("区绿地率达到40%左右", [("区绿地率", "=", 40, "%")]),
        ("海洋生产总值年均增长8.2%", [("海洋生产总值", "=", 8.2, "%")]),  # 福建: 年均 is not the name's end
        # 郑州: a share keeps the actions in its name; a ratio 1︰8 is not the number 1
        ("新建绿色建筑占新建建筑比重达到100％", [("新建绿色建筑占新建建筑比重", "=", 100, "%")]),
        ("新增及更新场内用车电动化比例原则上达到100％", [("新增及更新场内用车电动化比例", "=", 100, "%")]),
        ("公共充电桩与电动汽车比例不低于1︰8。", []),
        (  # 青岛: 分别 pairs the listed indicators with the numbers in order
            "到2023年，年轨道交通客流量和平均运距较2020年分别提升30%和20%",
            [("年轨道交通客流量", "=", 30, "%"), ("平均运距", "=", 20, "%")],
        ),
        (  # 福建: two chained verbs
            "沿海防护林体系建设工程区的森林覆盖率达到并稳定在62%以上",
            [("沿海防护林体系建设工程区的森林覆盖率", ">=", 62, "%")],
        ),
        (  # 北京: a share of a whole between the verb and the number
            "到2025年，生态控制区面积力争达到市域面积的75%。",
            [("生态控制区面积", "=", 75, "%")],
        ),
        ("农村生活污水治理行政村覆盖率达到90%", [("农村生活污水治理行政村覆盖率", "=", 90, "%")]),  # 000
        (  # 郑州: 建成 and 治理 inside a name stay; 不得高于 is <=
            "到2025年，区县（市）城市建成区道路机械化清扫率达到100％，各建成区平均降尘量不得高于6吨/月·平方公里",
            [
                ("区县（市）城市建成区道路机械化清扫率", "=", 100, "%"),
                ("各建成区平均降尘量", "<=", 6, "吨/月·平方公里"),
            ],
        ),
        (
            "“三区两线”历史遗留矿山地质环境治理率达到90％",
            [("“三区两线”历史遗留矿山地质环境治理率", "=", 90, "%")],
        ),
        ("新增美丽河湖3-5条", [("新增美丽河湖", ">=", 3, "条")]),
        ("力争生态环境质量公众满意度达到百分之九十五", [("生态环境质量公众满意度", "=", 95, "%")]),
        ("较2015年提升84.3个百分点", []),  # no indicator in the clause
        (
            "PM2.5年均浓度较上年提升5个 百分点",
            [("PM2.5年均浓度", "=", 5, "个百分点")],
        ),  # 较上年 is a baseline
        (
            "湿地面积不低于8.7万亩(不包括水稻田)、自然湿地面积不低于8.2万亩",
            [("湿地面积", ">=", 8.7, "万亩"), ("自然湿地面积", ">=", 8.2, "万亩")],
        ),
        (
            "城市、农村生活垃圾分类覆盖面分别达100%80%以上",
            [
                ("城市生活垃圾分类覆盖面", "=", 100, "%"),
                ("农村生活垃圾分类覆盖面", ">=", 80, "%"),
            ],
        ),
        ("每年清洁生产企业审核100家以上", [("清洁生产企业审核", ">=", 100, "家")]),
    ],
)
def test_prose_targets(text: str, expected: list[tuple[str, str, float, str]]) -> None:
    found = [(t.indicator, t.comparator, t.value, t.unit) for t in find_targets(text)]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "到2020年,建成区全面淘汰35蒸吨/小时以下燃煤锅炉",  # a threshold of what is phased out
        "禁止审批35蒸吨/小时以下燃煤锅炉",
        "年销售汽油量大于5000吨的加油站完成油气回收治理",  # a size threshold
        "日处理20吨",
        "严格执行GB13223-2011标准",  # a standard number
        "“811”美丽港区建设行动方案",  # a name
        "嘉港区工委办〔2017〕31号",  # a document number
        "加快5G基站建设",
        "统筹谋划“十四五”生态环境重点工作",
        "本规划范围为上虞区，规划期为2021-2025年，基期为2020年。",  # dates
        "全面整治亩均税收1万元以下的“低散乱”企业",  # a threshold
        # 天津: the radius of the area whose boilers close (001 has the same, 供热半径15公里范围内)
        "基本淘汰30万千瓦及以上热电联产电厂30公里范围内全部燃煤锅炉和落后燃煤小热电机组。",
        # 天津: counts inside a definition of the indicator system
        "“十四五”时期生态环境保护指标包括环境质量、绿色发展、污染治理、风险防控、生态保护等5类23项。",
        "建设国家成品油储备能力建设七三七处工程铁路项目",  # 郑州: 七三七 names a project
        "禁止生产和销售厚度低于0.025毫米的超薄塑料袋、厚度低于0.01毫米的聚乙烯农用地膜。",  # 郑州
    ],
)
def test_not_targets(text: str) -> None:
    assert find_targets(text) == []


def test_quote_is_the_shortest_span() -> None:
    text = "到2020年,全区PM2.5平均浓度控制在38微克/立方米以下AQI优良天数比例达到81%以上;"
    assert [t.quote for t in find_targets(text)] == [
        "PM2.5平均浓度控制在38微克/立方米以下",
        "AQI优良天数比例达到81%以上",
    ]


@pytest.mark.parametrize(
    ("cell", "parsed"),
    [
        ("≥95", (">=", 95.0, None)),
        ("<27.0", ("<", 27.0, None)),
        ("73.5*", ("=", 73.5, None)),
        ("77.8（国控断面）", ("=", 77.8, None)),
        ("100 (民用)", ("=", 100.0, None)),
        ("20万吨", ("=", 20.0, "万吨")),
        ("35.2（“十三五”均值）", ("=", 35.2, None)),
        ("49①", ("=", 49.0, None)),  # 天津 表: footnote marker after the 2020 value
        ("93左右", ("=", 93.0, None)),
        ("［19075］", ("=", 19075.0, None)),  # 郑州 专栏1: "注：[]为五年累计值"
        ("保持稳定", None),
        ("不降低", None),
        ("完成上级下达任务", None),
        ("保持改善（35）", None),
        ("能源消费强度0.44吨/万元能源消费总量增速1.9%以内", None),
    ],
)
def test_table_cells(cell: str, parsed: tuple[str, float, str | None] | None) -> None:
    assert parse_cell(cell) == parsed


@pytest.mark.parametrize(
    ("name", "split"),
    [
        ("城市细颗粒物(PM2.5)浓度(μg/m3)", ("城市细颗粒物(PM2.5)浓度", "μg/m³")),
        ("细颗粒物（PM2.5）浓度(ug/m3)", ("细颗粒物（PM2.5）浓度", "μg/m³")),
        ("城镇生活垃圾无害化处理率（%）", ("城镇生活垃圾无害化处理率", "%")),
        ("森林覆盖率（平原地区）", ("森林覆盖率（平原地区）", None)),
        ("放射源辐射事故5年累计发生率（起/万枚）", ("放射源辐射事故5年累计发生率", "起/万枚")),
    ],
)
def test_unit_from_name_parentheses(name: str, split: tuple[str, str | None]) -> None:
    assert split_name_unit(name) == split


def _table(rows: list[list[str]], caption: str = "表2 重点指标", index: int = 0) -> Table:
    cells = tuple(Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row))
    return Table(index=index, n_rows=len(rows), n_cols=len(rows[0]), cells=cells, caption=caption)


FOURTEENTH_PLAN_TABLE = [
    ["指标性质", "指标类别", "序号", "指标名称", "“十三五”末指标情况", "“十四五”末指标目标"],
    ["约束性指标", "环境质量", "1", "城市细颗粒物(PM2.5)浓度(μg/m3)", "35.2（“十三五”均值）", "25"],
    ["约束性指标", "环境质量", "2", "城市臭氧O3日最大8小时平均浓度(μg/m3)", "/", "≤150"],
    ["预期性指标", "生态保护", "3", "林草覆盖率", "39.5", "不降低"],
]


def test_fourteenth_plan_table() -> None:
    records = list(iter_table_targets(_table(FOURTEENTH_PLAN_TABLE), plan_end=None))
    assert [
        (r.indicator, r.comparator, r.value, r.unit, r.year, r.baseline, r.baseline_year, r.binding)
        for r in records
    ] == [
        ("城市细颗粒物(PM2.5)浓度", "=", 25.0, "μg/m³", 2025, 35.2, 2020, "约束性"),
        ("城市臭氧O3日最大8小时平均浓度", "<=", 150.0, "μg/m³", 2025, None, None, "约束性"),
    ]
    assert records[0].indicator_key == "pm25_concentration"
    assert records[0].source == "table"


# 天津市“十四五”时期生态环境保护规划指标体系 (tianjin_14fyp_eco_plan.pdf, page 10), rows as the
# PDF parser reads them: "指标体系" spans two columns (sub-indicators in the second), the year-only
# "2020年" column is the status, and values carry footnote markers (49①).
TIANJIN_TABLE = [
    ["指标类别", "序号", "指标体系", "指标体系", "2020年", "2025年", "指标属性"],
    [
        "环境质量",
        "1",
        "城市空气质量优良天数比率（%）",
        "城市空气质量优良天数比率（%）",
        "65.3①",
        "72.6",
        "约束性",
    ],
    [
        "环境质量",
        "2",
        "细颗粒物（PM2.5）浓度（微克/立方米）",
        "细颗粒物（PM2.5）浓度（微克/立方米）",
        "49①",
        "38",
        "约束性",
    ],
    [
        "绿色发展",
        "10",
        "非化石能源占能源消费总量比例（%）⑤",
        "非化石能源占能源消费总量比例（%）⑤",
        "7.7",
        "≥10",
        "导向性",
    ],
    ["污染治理", "13", "重点工程减排量（万吨）", "氮氧化物", "—", "2.08", "约束性"],
    ["风险防控", "17", "受污染耕地安全利用率（%）", "受污染耕地安全利用率（%）", "91", "93左右", "导向性"],
    [
        "生态保护",
        "22",
        "生态保护红线面积（平方公里）",
        "生态保护红线面积（平方公里）",
        "—",
        "不减少",
        "约束性",
    ],
]


def test_tianjin_table_year_headers_and_footnote_markers() -> None:
    table = _table(TIANJIN_TABLE, "天津市“十四五”时期生态环境保护规划指标体系")
    records = list(iter_table_targets(table, plan_end=2025, plan_start=2021))
    assert [
        (
            r.indicator,
            r.indicator_key,
            r.comparator,
            r.value,
            r.unit,
            r.year,
            r.baseline,
            r.baseline_year,
            r.binding,
        )
        for r in records
    ] == [
        ("城市空气质量优良天数比率", "good_air_days_ratio", "=", 72.6, "%", 2025, 65.3, 2020, "约束性"),
        ("细颗粒物（PM2.5）浓度", "pm25_concentration", "=", 38.0, "微克/立方米", 2025, 49.0, 2020, "约束性"),
        (
            "非化石能源占能源消费总量比例",
            "non_fossil_energy_share",
            ">=",
            10.0,
            "%",
            2025,
            7.7,
            2020,
            "导向性",
        ),
        # the sub-indicator names its parent: 重点工程减排量（万吨） | 氮氧化物
        ("氮氧化物重点工程减排量", "nox_reduction", "=", 2.08, "万吨", 2025, None, None, "约束性"),
        ("受污染耕地安全利用率", "polluted_farmland_safe_use", "=", 93.0, "%", 2025, 91.0, 2020, "导向性"),
    ]


def test_bare_year_columns_inside_the_plan_period_are_targets() -> None:
    rows = [["指标名称", "2022年", "2025年"], ["森林覆盖率（%）", "26", "27"]]
    records = list(iter_table_targets(_table(rows), plan_end=2025, plan_start=2021))
    assert [(r.year, r.value, r.baseline) for r in records] == [(2022, 26.0, None), (2025, 27.0, None)]


# 专栏1 郑州市“十四五”生态环境保护主要指标 (zhengzhou_14fyp_eco_plan_2022.pdf, page 8): the box title
# is the table's first row, spanning every column, above the header row.
ZHENGZHOU_TABLE = [
    ["专栏1 郑州市“十四五”生态环境保护主要指标"] * 6,
    ["类别", "序号", "指标", "2020年（基准值）", "2025年目标", "指标性质"],
    ["环境质量改善", "1", "PM2.5年均浓度（微克/立方米）", "51", "40", "约束性"],
    ["环境质量改善", "7", "农村生活污水治理率（％）", "约50", "70", "预期性"],
    ["", "12", "氮氧化物重点工程减排量（吨）", "—", "［19075］", "约束性"],
    ["注：[]为五年累计值"] * 6,
]


def test_zhengzhou_box_table_under_its_title_row() -> None:
    table = _table(ZHENGZHOU_TABLE, None)
    records = list(iter_table_targets(table, plan_end=2025, plan_start=2021))
    assert [
        (r.indicator_key, r.value, r.unit, r.year, r.baseline, r.baseline_year, r.binding) for r in records
    ] == [
        ("pm25_concentration", 40.0, "微克/立方米", 2025, 51.0, 2020, "约束性"),
        ("rural_sewage_treatment", 70.0, "%", 2025, 50.0, 2020, "预期性"),
        ("nox_reduction", 19075.0, "吨", 2025, None, None, "约束性"),
    ]


# 表1 “十四五”海洋生态环境保护主要指标 (fujian_marine_eco_plan_14fyp_2022.pdf, page 19): its status
# column is headed 2020年完成情况, yet the table plans 2025.
FUJIAN_TABLE = [
    ["类别", "序号", "指标名称", "单位", "2020年完成情况", "2025年目标值", "属性"],
    ["海洋环境质量", "1", "近岸海域优良（一、二类）水质比例", "%", "85.2", "≥86", "约束性"],
    ["海洋生态修复", "5", "大陆自然岸线保有率", "%", "46.2（待核定）", "完成国家下达目标", "约束性"],
    ["海洋生态修复", "8", "其中：红树林营造修复面积", "hm2", "-", "1175", "预期性"],
]


def test_status_column_headed_completion_does_not_make_a_past_table() -> None:
    table = _table(FUJIAN_TABLE, "表1 “十四五”海洋生态环境保护主要指标")
    records = list(iter_table_targets(table, plan_end=2025, plan_start=2021))
    assert [(r.indicator, r.comparator, r.value, r.year, r.baseline, r.binding) for r in records] == [
        ("近岸海域优良（一、二类）水质比例", ">=", 86.0, 2025, 85.2, "约束性"),
        ("红树林营造修复面积", "=", 1175.0, 2025, None, "预期性"),
    ]
    # without a known plan start, a completion header still means a past table
    assert list(iter_table_targets(_table(FUJIAN_TABLE, None), plan_end=None)) == []


def test_completion_table_gives_no_targets() -> None:
    rows = [
        ["指标性质", "指标类别", "序号", "指标名称", "“十三五”规划目标指标", "“十三五”目标指标完成情况"],
        ["约束性指标", "环境质量", "3", "细颗粒物（PM2.5）浓度(ug/m3)", "42", "35.2"],
    ]
    assert list(iter_table_targets(_table(rows, "表1环境保护“十三五”规划指标完成情况表"), None)) == []


def _ctx(
    blocks: tuple[Paragraph | Table, ...], sections: list[SectionRecord] | None = None
) -> ExtractContext:
    doc = Document(source_file="t.txt", sha256=SHA, format="txt", blocks=blocks)
    meta = DocumentRecord(source_file="t.txt", sha256=SHA, format="txt", period_start=2021, period_end=2025)
    return ExtractContext(doc=doc, outline=Outline.of(sections or []), meta=meta)


def _paragraphs(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(index=i, text=t) for i, t in enumerate(texts))


def test_years_from_clause_goal_list_and_plan_end() -> None:
    ctx = _ctx(
        _paragraphs(
            "一、主要目标",
            "到2022年实现以下主要目标：",
            "——森林覆盖率稳定在27%以上。",
            "——到2023年，城镇污水处理率达到96%以上。",
            "二、主要任务",
            "城市再生水利用率达到20%以上。",
            "每年清洁生产企业审核100家以上。",
        )
    )
    years = [(r.indicator, r.year) for r in targets.extract(ctx)]
    assert years == [
        ("森林覆盖率", 2022),
        ("城镇污水处理率", 2023),
        ("城市再生水利用率", 2025),
        ("清洁生产企业审核", None),
    ]


def test_review_sections_give_no_targets_without_outline() -> None:
    ctx = _ctx(
        _paragraphs(
            "一、“十三五”回顾", "市控以上断面水质比例达到91.8%。", "二、目标", "优良天数比例达到95%以上。"
        )
    )
    assert [r.value for r in targets.extract(ctx)] == [95.0]


def test_review_sections_give_no_targets_with_outline() -> None:
    ctx = _ctx(
        _paragraphs("主要成效", "优良天数比例达到86.9%。", "目标指标", "优良天数比例达到95%以上。"),
        [
            SectionRecord(ordinal=1, level=1, label="1", title="主要成效", block=0),
            SectionRecord(ordinal=2, level=1, label="2", title="目标指标", block=2),
        ],
    )
    assert [(r.section, r.value) for r in targets.extract(ctx)] == [(2, 95.0)]


def test_past_year_in_clause_is_a_result() -> None:
    ctx = _ctx(_paragraphs("至2020年,市控以上断面达到或优于Ⅲ类水质比例达到91.8%,较2015年提升84.3个百分点"))
    assert targets.extract(ctx) == []


def _one(records: list[TargetRecord], **fields: object) -> TargetRecord:
    matches = [r for r in records if all(getattr(r, k) == v for k, v in fields.items())]
    assert len(matches) >= 1, fields
    return matches[0]


def test_seed_003_air_targets(corpus: dict[str, Extraction]) -> None:
    records = corpus["003"].targets
    pm = _one(records, indicator="PM2.5平均浓度", year=2020)
    assert (pm.comparator, pm.value, pm.unit, pm.indicator_key, pm.source) == (
        "<=",
        38.0,
        "微克/立方米",
        "pm25_concentration",
        "text",
    )
    aqi = _one(records, indicator="AQI优良天数比例", value=81.0)
    assert (aqi.comparator, aqi.unit, aqi.year, aqi.indicator_key) == (">=", "%", 2020, "good_air_days_ratio")
    assert not any("蒸吨" in (r.unit or "") for r in records)


def test_seed_000_forest_cover(corpus: dict[str, Extraction]) -> None:
    forest = _one(corpus["000"].targets, indicator="平原林木覆盖率")
    assert (forest.comparator, forest.value, forest.unit, forest.year, forest.indicator_key) == (
        ">=",
        21.3,
        "%",
        2020,
        "forest_cover",
    )
    assert forest.quote == "平原林木覆盖率稳定在21.30%以上"


def test_seed_002_table_1(corpus: dict[str, Extraction]) -> None:
    rows = [
        r
        for r in corpus["002"].targets
        if r.indicator == "生态文明建设工作占党政实绩考核的比例" and r.table == 37
    ]
    assert [
        (r.value, r.unit, r.year, r.baseline, r.baseline_year, r.binding, r.comparator) for r in rows
    ] == [
        (25.0, "%", 2020, 22.0, 2018, "约束性", "="),
        (30.0, "%", 2025, 22.0, 2018, "约束性", "="),
    ]
    # qualitative cells (实施, 持续开展, 保持改善) stay in the grid only
    assert not any(r.indicator in ("河长制", "生态文明建设规划") for r in corpus["002"].targets)
    pm = _one(corpus["002"].targets, table=39, indicator="PM2.5浓度")
    assert (pm.value, pm.year, pm.baseline, pm.unit) == (35.0, 2020, 39.0, "微克/立方米")


def test_seed_004_table_2(corpus: dict[str, Extraction]) -> None:
    table_rows = [r for r in corpus["004"].targets if r.source == "table"]
    assert {r.table for r in table_rows} == {47}  # 表1 is the 十三五 completion table
    pm = _one(table_rows, indicator_key="pm25_concentration")
    assert (pm.value, pm.unit, pm.year, pm.baseline, pm.baseline_year, pm.binding) == (
        25.0,
        "μg/m³",
        2025,
        35.2,
        2020,
        "约束性",
    )
    assert not any(r.indicator.startswith("林草覆盖率") for r in table_rows)  # 不降低
    # the 十三五 review (1、“十三五”回顾) reports results, not targets
    assert not any(r.block < 28 and r.source == "text" for r in corpus["004"].targets)


def test_pm25_key_spans_the_seeds(corpus: dict[str, Extraction]) -> None:
    seeds = {
        k for k, ex in corpus.items() if any(r.indicator_key == "pm25_concentration" for r in ex.targets)
    }
    assert seeds == {"000", "001", "002", "003", "004"}


def test_seed_001_goals_are_for_2025(corpus: dict[str, Extraction]) -> None:
    pm = _one(corpus["001"].targets, indicator="细颗粒物(PM2.5)平均浓度")
    assert (pm.comparator, pm.value, pm.year) == ("<=", 27.0, 2025)
    assert not any(r.value == 91.8 for r in corpus["001"].targets)  # 至2020年 result in the review


def test_annual_mean_concentration_is_not_a_recurring_commitment() -> None:
    """郑州's 主要目标: "年均浓度" names the indicator; "年均下降" is a yearly rate with no year."""
    ctx = _ctx(
        _paragraphs(
            "环境改善。空气质量达标进程加快，PM2.5年均浓度降至40微克/立方米，基本消除重污染天气；",
            "万元工业增加值能耗年均下降4％左右。",
        )
    )
    assert [(r.indicator_key, r.value, r.year) for r in targets.extract(ctx)] == [
        ("pm25_concentration", 40.0, 2025),
        ("industrial_energy_intensity", 4.0, None),  # 万元工业增加值能耗年均下降4％
    ]


def test_goals_section_year_is_the_end_year_of_a_plan_without_period() -> None:
    """北京's 实施意见 prints no period; its （三）主要目标 opens with 到2025年, which dates the
    targets of its task sections that name no year."""
    doc = Document(
        source_file="beijing.pdf",
        sha256=SHA,
        format="pdf",
        blocks=_paragraphs(
            "（三）主要目标",
            "到2025年，生态文明水平明显提升，碳排放稳中有降，细颗粒物（PM2.5）年均浓度控制在35微克/立方米左右、"
            "并尽最大努力进一步改善，基本消除重污染天气。",
            "到2035年,生态环境根本好转，绿色生产生活方式成为社会广泛自觉。",
            "（十五）持续打好农业农村污染治理攻坚战。深入推进农业全程绿色防控，实现农药化肥减量增效，"
            "农药、化肥利用率分别达到45%、43%，推动农药使用强度持续下降。",
        ),
    )
    meta = DocumentRecord(source_file="beijing.pdf", sha256=SHA, format="pdf")
    ctx = ExtractContext(doc=doc, outline=Outline.of([]), meta=meta)
    assert [(r.indicator, r.value, r.year) for r in targets.extract(ctx)] == [
        ("细颗粒物（PM2.5）年均浓度", 35.0, 2025),
        ("农药利用率", 45.0, 2025),  # 北京: two rates, paired with their numbers under 分别
        ("化肥利用率", 43.0, 2025),
    ]


def test_fraction_is_not_read_as_its_numerator() -> None:
    """天津: "净外受电比例超过1/3" is not 净外受电比例 > 1; the clause's other targets stay."""
    text = (
        "到2025年，天然气消费量力争达到145亿立方米以上，净外受电比例超过1/3（其中绿电占比力争达到1/3），"
        "非化石能源占能源消费总量的比例达到10%。"
    )
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in find_targets(text)] == [
        ("天然气消费量", ">=", 145.0, "亿立方米"),
        ("非化石能源占能源消费总量的比例", "=", 10.0, "%"),
    ]


def test_bare_rate_takes_its_object_from_the_clause_before() -> None:
    """天津 (page 19): "…秸秆综合利用，利用率达到98%以上" is 主要农作物秸秆综合利用率, not 利用率."""
    text = (
        "提高农业废弃物资源化利用率。涉农区积极推进主要农作物秸秆综合利用，利用率达到98%以上，基本实现全量化。"
        "加强畜禽养殖粪污资源化利用，利用率达到90%以上。"
    )
    assert [(t.indicator, t.comparator, t.value, t.quote) for t in find_targets(text)] == [
        ("主要农作物秸秆综合利用率", ">=", 98.0, "主要农作物秸秆综合利用，利用率达到98%以上"),
        ("畜禽养殖粪污资源化利用率", ">=", 90.0, "畜禽养殖粪污资源化利用，利用率达到90%以上"),
    ]
    assert targets.key_of("主要农作物秸秆综合利用率") == "straw_utilisation"
