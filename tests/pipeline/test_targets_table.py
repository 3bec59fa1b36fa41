"""Indicator tables of the real plans, read by their columns.

Each table below holds the header rows and a few body rows of a real plan's indicator table, as
the PDF parser fills its grid (a merged cell repeated in every slot; ABBYY and gazette text as
extracted), copied from shared/corpus/real. The assertions are the targets a researcher reads
off the printed table.
"""

from __future__ import annotations

from policy_etl.pipeline.targets_table import (
    CellValue,
    compose_name,
    find_columns,
    iter_table_targets,
    read_cell,
)
from policy_etl.schemas.document import Cell, Table
from policy_etl.schemas.records import TargetRecord

Row = tuple[str, str | None, str, float, str | None, int | None, float | None, int | None, str | None]


def _table(rows: list[list[str]], caption: str | None = None) -> Table:
    cells = tuple(Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row))
    return Table(index=7, n_rows=len(rows), n_cols=len(rows[0]), cells=cells, caption=caption)


def _targets(
    rows: list[list[str]], caption: str | None = None, period: tuple[int | None, int | None] = (2021, 2025)
) -> list[TargetRecord]:
    return list(iter_table_targets(_table(rows, caption), plan_end=period[1], plan_start=period[0]))


def _fields(records: list[TargetRecord]) -> list[Row]:
    """(indicator, key, comparator, value, unit, year, baseline, baseline_year, binding)."""
    return [
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
    ]


# 442 三亚 “十四五”三亚市生态环境保护规划指标 (ABBYY): the name column is headed 指标项, the unit
# stands in a 单位 column, a sub-indicator (陆域 / 海域) narrows its parent, qualitative cells
# (保持稳定, 与国家批复一致) give nothing.
SANYA = [
    ["序号", "领域", "指标项", "指标项", "单位", "2020年", "2025年", "指标属性"],
    ["5", "生态环境治理", "空气质量优良天数比例", "空气质量优良天数比例", "%", "100", "≥98.3", "约束性"],
    [
        "6",
        "生态环境治理",
        "细颗粒物（PM2.5）年均浓度",
        "细颗粒物（PM2.5）年均浓度",
        "μg/m3",
        "11",
        "≤11",
        "预期性",
    ],
    [
        "8",
        "生态环境治理",
        "地表水（省控及以上断面）质量达到或优于Ⅲ类水体比例",
        "地表水（省控及以上断面）质量达到或优于Ⅲ类水体比例",
        "%",
        "91.7",
        "≥90.9",
        "约束性",
    ],
    [
        "9",
        "生态环境治理",
        "地表水（省控及以上断面）质量劣Ⅴ类水体比例",
        "地表水（省控及以上断面）质量劣Ⅴ类水体比例",
        "%",
        "0",
        "0",
        "约束性",
    ],
    ["19", "生态安全保障", "森林覆盖率", "森林覆盖率", "%", "69", "保持稳定", "约束性"],
    ["20", "生态安全保障", "生态保护红线占国土面积比例", "陆域", "%", "38.64", "与国家批复一致", "约束性"],
]
# its 续表, with bracketed five-year values ("说明：[ ]表示五年累计")
SANYA_CONTINUED = [
    ["序号", "领域", "指标项", "单位", "2020年", "2025年", "指标属性"],
    ["25", "环境风险防控", "化肥施用量减少比例", "%", "[2.28]", "[≥15]", "预期性"],
    ["说明：[ ]表示五年累计"] * 7,
]


def test_sanya_named_by_zhibiaoxiang_with_a_unit_column() -> None:
    assert _fields(_targets(SANYA, "“十四五”三亚市生态环境保护规划指标")) == [
        ("空气质量优良天数比例", "good_air_days_ratio", ">=", 98.3, "%", 2025, 100.0, 2020, "约束性"),
        ("细颗粒物（PM2.5）年均浓度", "pm25_concentration", "<=", 11.0, "μg/m³", 2025, 11.0, 2020, "预期性"),
        (
            "地表水（省控及以上断面）质量达到或优于Ⅲ类水体比例",
            "surface_water_class_iii_share",
            ">=",
            90.9,
            "%",
            2025,
            91.7,
            2020,
            "约束性",
        ),
        (
            "地表水（省控及以上断面）质量劣Ⅴ类水体比例",
            "surface_water_worse_than_v_share",
            "=",
            0.0,
            "%",
            2025,
            0.0,
            2020,
            "约束性",
        ),
    ]
    assert _fields(_targets(SANYA_CONTINUED, "（续表2）")) == [
        ("化肥施用量减少比例", "fertiliser_intensity", ">=", 15.0, "%", 2025, 2.28, 2020, "预期性"),
    ]


# 445 海西 表2-1 (ABBYY): the name columns are headed 规划指标 (not a planning-year column), chapter
# rows span the table, a value reads "90以上", the status "20.5%".
HAIXI = [
    ["规划指标", "规划指标", "2020年", "2025年", "指标属性"],
    ["环境质量", "环境质量", "环境质量", "环境质量", "环境质量"],
    ["（1）生态保护", "生态保护红线占国土面积比例（%）", "20.5%", "不降低", "约束性"],
    ["（1）生态保护", "森林覆盖率（%）", "4.1", "4.35", "约束性"],
    ["（3）水环境质量", "柴达木内流河控制断面水质", "Ⅲ类及以上", "Ⅲ类及以上", "约束性"],
    ["（3）水环境质量", "地下水质量 V 类水比例（%）", "-", "＜15", "预期性"],
    ["（12）危险废物利用处置率（%）", "（12）危险废物利用处置率（%）", "-", "90以上", "预期性"],
]


def test_haixi_guihua_zhibiao_is_the_name_column() -> None:
    assert _fields(_targets(HAIXI, "表2-1海西州“十四五”生态环境保护主要指标表")) == [
        ("森林覆盖率", "forest_cover", "=", 4.35, "%", 2025, 4.1, 2020, "约束性"),
        ("地下水质量V类水比例", "groundwater_class_v_share", "<", 15.0, "%", 2025, None, None, "预期性"),
        ("危险废物利用处置率", "hazardous_waste_disposal", ">=", 90.0, "%", 2025, None, None, "预期性"),
    ]


# 86 宁夏 表2 (WPS): names under 项目, the planning column headed “十四五”目标值, the binding column
# headed 指标类别 (its cells say 约束性), a footnote number after the unit ("（微克/立方米）1").
NINGXIA = [
    ["类别", "序号", "项目", "2020年现状值", "“十四五”目标值", "指标类别"],
    ["环境综合治理", "3", "地级城市PM2.5年均浓度（微克/立方米）1", "33", "30.5", "约束性"],
    ["环境综合治理", "6", "城市黑臭水体比例（%）", "—", "＜10", "预期性"],
    ["环境综合治理", "10", "氮氧化物排放量(万吨)", "31.73", "完成国家下达任务", "约束性"],
]


def test_ningxia_shisiwu_target_and_binding_read_from_its_cells() -> None:
    assert _fields(_targets(NINGXIA, "表2 “十四五”主要生态环境保护指标体系")) == [
        ("地级城市PM2.5年均浓度", "pm25_concentration", "=", 30.5, "微克/立方米", 2025, 33.0, 2020, "约束性"),
        ("城市黑臭水体比例", "black_smelly_water_elimination", "<", 10.0, "%", 2025, None, None, "预期性"),
    ]


# 467 盐城 表2 (Word): a merged parent "规划目标" over 2025年目标值 | 五年累计, so each child column is
# read down both header rows; the document states no period, the caption's “十四五” does.
YANCHENG = [
    ["类别", "序号", "指标名称", "指标名称", "2020年现状值", "规划目标", "规划目标", "属性"],
    ["类别", "序号", "指标名称", "指标名称", "2020年现状值", "2025年目标值", "五年累计", "属性"],
    [
        "一、环境质量",
        "1",
        "环境空气质量优良天数比率（%）",
        "环境空气质量优良天数比率（%）",
        "84.2",
        "≥90",
        "-",
        "约束性",
    ],
    ["一、环境质量", "2", "PM2.5浓度（微克/立方米）", "PM2.5浓度（微克/立方米）", "33", "≤30", "-", "约束性"],
    [
        "一、环境质量",
        "3",
        "地表水省考以上断面达到或优于Ⅲ类比例（%）",
        "地表水省考以上断面达到或优于Ⅲ类比例（%）",
        "76.5（以51个国省考断面计）",
        "100",
        "-",
        "约束性",
    ],
    [
        "三、环境治理",
        "9",
        "重点工程减排量",
        "挥发性有机物减排量（万吨）",
        "-",
        "-",
        "完成省下达指标",
        "约束性",
    ],
]


def test_yancheng_parent_header_over_two_header_rows() -> None:
    records = _targets(YANCHENG, "表2 盐城市“十四五”生态环境保护规划指标体系表", period=(None, None))
    assert _fields(records) == [
        ("环境空气质量优良天数比率", "good_air_days_ratio", ">=", 90.0, "%", 2025, 84.2, 2020, "约束性"),
        ("PM2.5浓度", "pm25_concentration", "<=", 30.0, "微克/立方米", 2025, 33.0, 2020, "约束性"),
        (
            "地表水省考以上断面达到或优于Ⅲ类比例",
            "surface_water_class_iii_share",
            "=",
            100.0,
            "%",
            2025,
            76.5,
            2020,
            "约束性",
        ),
    ]
    assert records[1].quote == "PM2.5浓度（微克/立方米） 规划目标2025年目标值 ≤30"


# 454 商洛 表1 (ABBYY): a 五年累计 column beside the 2025 column, the slanted symbols ≦ ≧, numbered
# names "（1）…", a note mark after the dash ("—7").
SHANGLUO = [
    ["指标", "2020年（基准值）", "2025年", "五年累计", "属性"],
    ["（一）环境治理"] * 5,
    ["（1）地级及以上城市细颗粒物（PM2.5）浓度下降到（μg/m3）", "32.33", "≦30.71", "[5%]", "约束性"],
    ["（2）地级及以上城市空气质量优良天数比率（%）", "91.4", "≧91.4", "—", "约束性"],
    ["（9）氮氧化物排放总量（万吨）", "—7", "—7", "—7", "约束性"],
    ["（13）单位地区生产总值用水量降低（%）", "—", "—", "[10]", "约束性"],
    ["（22）森林覆盖率（%）", "69.56", "≧70", "[0.44]", "约束性"],
]


def test_shangluo_five_year_cumulative_column() -> None:
    pm25 = "地级及以上城市细颗粒物（PM2.5）浓度下降到"
    assert _fields(_targets(SHANGLUO, "表1 “十四五”生态环境保护主要指标")) == [
        (pm25, "pm25_concentration", "<=", 30.71, "μg/m³", 2025, 32.33, 2020, "约束性"),
        # the five-year change beside the planned level is not the level: no key
        (pm25, None, "=", 5.0, "%", 2025, 32.33, 2020, "约束性"),
        (
            "地级及以上城市空气质量优良天数比率",
            "good_air_days_ratio",
            ">=",
            91.4,
            "%",
            2025,
            91.4,
            2020,
            "约束性",
        ),
        # a cumulative value alone is the row's target of the plan's end year
        ("单位地区生产总值用水量降低", "water_intensity", "=", 10.0, "%", 2025, None, None, "约束性"),
        ("森林覆盖率", "forest_cover", ">=", 70.0, "%", 2025, 69.56, 2020, "约束性"),
        ("森林覆盖率", None, "=", 0.44, "%", 2025, 69.56, 2020, "约束性"),
    ]


# 542 青海 生态文明 (gazette PDF): year headers printed 年２０２５, full-width digits with the private-use
# decimal point U+1001B0, no binding column.
QINGHAI_ECO = [
    ["领域", "序号", "指标名称", "单位", "年２０２０", "年２０２５"],
    ["生态安全", "４", "森林覆盖率", "％", "７\U001001b0５", "８\U001001b0０"],
    ["生态环境", "１９", "监测城市年平均细颗粒(ＰＭ２\U001001b0５)指数", "微克每立方/米", "２１", "２１"],
]
# 461 济南 (gazette PDF): the same year headers over a 指标属性 column.
JINAN = [
    ["指标", "年２０２０", "年２０２５", "指标属性"],
    ["城市细颗粒物 ( )浓度 (微克/立１方．米) PM２．５∗", "４７", "完成省分解任务", "约束性"],
    ["森林覆盖率 ( )１８．％", "２５．６", "２６．１", "约束性"],
]


def test_gazette_year_headers_and_full_width_numbers() -> None:
    assert _fields(_targets(QINGHAI_ECO, "３３１")) == [
        ("森林覆盖率", "forest_cover", "=", 8.0, "%", 2025, 7.5, 2020, None),
        (
            "监测城市年平均细颗粒(ＰＭ２\U001001b0５)指数",
            "pm25_concentration",
            "=",
            21.0,
            "微克每立方/米",
            2025,
            21.0,
            2020,
            None,
        ),
    ]
    records = _targets(JINAN, "１")
    assert [(r.indicator_key, r.value, r.year, r.baseline, r.baseline_year, r.binding) for r in records] == [
        ("forest_cover", 26.1, 2025, 25.6, 2020, "约束性"),
    ]


# 67 内蒙古 专栏1 (gazette PDF): the header's digits interleave with its words (年2现02状0值 is
# 2020年现状值), four name columns under one 指标, the header repeated where the table turns the page.
NEIMENGGU = [
    ["专栏十四五生态环境保护规划主要指标目标1“”"] * 7,
    ["指标", "指标", "指标", "指标", "年2现02状0值", "年2目02标5值", "属性"],
    [
        "1",
        "生态环境质量",
        "空气质量",
        "地级城市空气质量优良天数比率(%)",
        "90.8",
        "达到国家考核目标",
        "约束性",
    ],
    ["7", "绿色化发展", "应对气候变化", "单位国内生产总值能源消耗降低(%)", "6.89", "15.5", "约束性"],
    ["指标", "指标", "指标", "指标", "年2现02状0值", "年2目02标5值", "属性"],
    ["16", "生态系统质量", "草原综合植被盖度(%)", "草原综合植被盖度(%)", "45", "稳定在45", "约束性"],
]


def test_neimenggu_interleaved_header_digits() -> None:
    assert _fields(_targets(NEIMENGGU)) == [
        ("单位国内生产总值能源消耗降低", "energy_intensity", "=", 15.5, "%", 2025, 6.89, 2020, "约束性"),
        ("草原综合植被盖度", "grassland_vegetation_cover", "=", 45.0, "%", 2025, 45.0, 2020, "约束性"),
    ]


# 413 白银 表1 (WPS): a substance in one name column, the quantity measured of it in the next;
# "[2669.9]1)" is a bracketed value with a note reference.
BAIYIN = [
    ["序号", "指标", "指标", "指标", "2020（现状值）", "2025（目标值）", "指标属性"],
    [
        "2",
        "环境治理",
        "细颗粒物（PM2.5）浓度（μm/m3）",
        "细颗粒物（PM2.5）浓度（μm/m3）",
        "27",
        "26",
        "约束性",
    ],
    ["9", "环境治理", "化学需氧量", "重点工程减排量（吨）", "[2669.9]1)", "1300", "约束性"],
    ["12", "环境治理", "挥发性有机物", "重点工程减排量（吨）", "—", "301", "约束性"],
]
# 423 陇南 专栏1 (ABBYY): ≧30, and "1.3<" with the symbol printed after the number.
LONGNAN = [
    ["类别", "序号", "指标名称", "指标名称", "属性", "2020年（现状）", "2025年（目标）"],
    [
        "应对气候变化",
        "15",
        "非化石能源占一次能源消费比重（%）",
        "非化石能源占一次能源消费比重（%）",
        "预期性",
        "-",
        "≧30",
    ],
    [
        "环境风险防控",
        "18",
        "放射源辐射事故年发生率（起/万枚）",
        "放射源辐射事故年发生率（起/万枚）",
        "预期性",
        "0",
        "1.3<",
    ],
]


def test_substance_sub_indicators_and_symbols_after_the_number() -> None:
    assert _fields(_targets(BAIYIN, "表1 白银市“十四五”生态环境保护规划指标体系")) == [
        ("细颗粒物（PM2.5）浓度", "pm25_concentration", "=", 26.0, "μm/m³", 2025, 27.0, 2020, "约束性"),
        ("化学需氧量重点工程减排量", "cod_reduction", "=", 1300.0, "吨", 2025, 2669.9, 2020, "约束性"),
        ("挥发性有机物重点工程减排量", "voc_reduction", "=", 301.0, "吨", 2025, None, None, "约束性"),
    ]
    assert _fields(_targets(LONGNAN)) == [
        (
            "非化石能源占一次能源消费比重",
            "non_fossil_energy_share",
            ">=",
            30.0,
            "%",
            2025,
            None,
            None,
            "预期性",
        ),
        (
            "放射源辐射事故年发生率",
            "radiation_source_accident_rate",
            "<",
            1.3,
            "起/万枚",
            2025,
            0.0,
            2020,
            "预期性",
        ),
    ]


# 465 南平 (Word): 现状值（2020年） / 目标值（2025年）, a status value with its own year "4.5（2019）"
# beside a qualitative target, a binding column headed 类型, "减少10%以上".
NANPING = [
    ["领域", "序号", "指标", "现状值（2020年）", "目标值（2025年）", "类型"],
    ["绿色低碳", "1", "单位地区生产总值二氧化碳排放降低（%）", "4.5（2019）", "完成省下达目标", "约束性"],
    ["美丽乡村", "16", "农药施用量", "/", "减少10%以上", "预期性"],
    ["美丽河湖", "19", "地表水达到或好于Ⅲ类水体比例（%）", "100", "100", "约束性"],
]
# 460 湘潭 表2 (Word): status cells of two years "86.1(2020) 74.2(2019)", a 指导性 binding the
# schema does not list.
XIANGTAN = [
    ["序号", "指标类别", "指标名称", "单位", "现状值（2020年）", "2025年", "指标属性"],
    [
        "1",
        "生态环境质量",
        "城市空气质量优良天数占全年比例",
        "%",
        "86.1(2020) 74.2(2019)",
        "达到省级指标要求",
        "约束性",
    ],
    ["16", "环境建设", "城市(含县城)生活污水集中收集率", "%", "", "70", "指导性"],
    ["27", "绿色发展", "森林覆盖率", "%", "46.6", "46.8", "约束性"],
]


def test_status_years_printed_in_the_cell_and_bindings_by_content() -> None:
    assert _fields(_targets(NANPING)) == [
        ("农药施用量", "pesticide_intensity", ">=", 10.0, "%", 2025, None, None, "预期性"),
        (
            "地表水达到或好于Ⅲ类水体比例",
            "surface_water_class_iii_share",
            "=",
            100.0,
            "%",
            2025,
            100.0,
            2020,
            "约束性",
        ),
    ]
    assert _fields(_targets(XIANGTAN)) == [
        ("城市(含县城)生活污水集中收集率", "sewage_collection_rate", "=", 70.0, "%", 2025, None, None, None),
        ("森林覆盖率", "forest_cover", "=", 46.8, "%", 2025, 46.6, 2020, "约束性"),
    ]
    # a status printed with its own year gives that year as the baseline year
    assert read_cell("4.5（2019）") == CellValue("=", 4.5, None, False, 2019)
    assert read_cell("86.1(2020) 74.2(2019)") == CellValue("=", 86.1, None, False, 2020)


# 447 邵阳 表2 (Word): PM2.5 下降 is a reduction, a count of cities below a PM2.5 level is not a
# concentration.
SHAOYANG = [
    ["序号", "指标分类", "指标名称", "指标名称", "单位", "2020年", "2025年", "属性"],
    ["10", "环境质量", "大气环境", "地级及以上城市PM2.5年平均浓度下降", "%", "（38）", "7.9（35）", "约束性"],
    ["11", "环境质量", "大气环境", "PM2.5年平均浓度小于35µg/m3的县级城市个数", "个", "7", "8", "预期性"],
    ["14", "生态功能", "森林覆盖率", "森林覆盖率", "%", "61.02", "≥61", "约束性"],
]


def test_shaoyang_pm25_reduction_and_city_count() -> None:
    assert _fields(_targets(SHAOYANG)) == [
        ("地级及以上城市PM2.5年平均浓度下降", "pm25_reduction", "=", 7.9, "%", 2025, None, None, "约束性"),
        ("PM2.5年平均浓度小于35µg/m3的县级城市个数", None, "=", 8.0, "个", 2025, 7.0, 2020, "预期性"),
        ("森林覆盖率", "forest_cover", ">=", 61.0, "%", 2025, 61.02, 2020, "约束性"),
    ]


# 451 德州 表1 and 415 淮南 表1 (ABBYY): the header spread over four to six rows, each column's name
# split between them (指标 / 类别, 2020年 / 现状, 2025年 / 目标, 指标 / 属性).
DEZHOU = [
    ["", "", "", "指标", "", ""],
    ["指标", "", "", "指标", "2020年", ""],
    ["指标", "序号", "指标名称", "属性", "2020年", "2025年目标"],
    ["类别", "序号", "指标名称", "属性", "现状", "2025年目标"],
    ["类别", "", "", "属性", "现状", ""],
    ["", "", "", "属性", "", ""],
    ["环境治理", "1", "细颗粒物（PM2.5）浓度（μg/m?）*", "约束性", "52", ""],
]
HUAINAN = [
    ["", "", "", "", "", "2025年", "指标"],
    ["类别", "序号", "指标名称", "指标名称", "2020年", "2025年", "指标"],
    ["类别", "序号", "指标名称", "指标名称", "2020年", "目标", "属性"],
    ["", "", "", "", "", "目标", "属性"],
    ["", "", "地级及以上城市细颗粒物（PM2.5）", "地级及以上城市细颗粒物（PM2.5）", "", "", ""],
    ["", "1", "地级及以上城市细颗粒物（PM2.5）", "地级及以上城市细颗粒物（PM2.5）", "48", "39", "约束性"],
]


def test_header_split_over_many_rows() -> None:
    dezhou = find_columns(_table(DEZHOU).filled_grid(), 2025, 2021)
    assert dezhou is not None
    assert dezhou.header_end == 6
    assert dezhou.headers == ("指标类别", "序号", "指标名称", "指标属性", "2020年现状", "2025年目标")
    assert (dezhou.names, dezhou.binding, dezhou.status, dezhou.status_year) == ((2,), 3, 4, 2020)
    assert [(t.col, t.year) for t in dezhou.targets] == [(5, 2025)]
    assert _targets(DEZHOU) == []  # the 2025 column's cells are empty in the text layer
    assert _fields(_targets(HUAINAN)) == [
        (
            "地级及以上城市细颗粒物（PM2.5）",
            "pm25_concentration",
            "=",
            39.0,
            None,
            2025,
            48.0,
            2020,
            "约束性",
        ),
    ]


# The layout the spec names for two planning horizons: a merged "目标值" over 2025年 | 2035年 and a
# status parent "现状值" over 2020年 (rows from 三亚's table under that header).
TWO_HORIZONS = [
    ["指标名称", "单位", "现状值", "目标值", "目标值", "指标属性"],
    ["指标名称", "单位", "2020年", "2025年", "2035年", "指标属性"],
    ["空气质量优良天数比例", "%", "100", "≥98.3", "≥99", "约束性"],
]


def test_two_planning_years_under_one_parent() -> None:
    assert _fields(_targets(TWO_HORIZONS)) == [
        ("空气质量优良天数比例", "good_air_days_ratio", ">=", 98.3, "%", 2025, 100.0, 2020, "约束性"),
        ("空气质量优良天数比例", "good_air_days_ratio", ">=", 99.0, "%", 2035, 100.0, 2020, "约束性"),
    ]


# Past-results tables give no targets, whatever their numbers: 海西 表1-1 (目标值 | 完成值 | 完成情况)
# and 湘潭 表1 (规划目标 | 完成情况), whose planning columns name no year.
HAIXI_PAST = [
    ["规划指标", "规划指标", "目标值", "完成值", "完成情况", "指标属性"],
    ["（3）土壤环境质量", "污染地块安全利用率（%）", "＞90", "95", "完成", "预期性"],
]
XIANGTAN_PAST = [
    ["序号", "类别", "指标名称", "规划目标", "完成情况", "属性"],
    ["5", "环境质量", "城市黑臭水体比例", "≤10%", "5%", "指导性"],
]


def test_completion_tables_give_no_targets() -> None:
    assert _targets(HAIXI_PAST, "表1-1海西州生态环境保护“十三五”主要指标及完成情况") == []
    assert _targets(HAIXI_PAST) == []
    assert _targets(XIANGTAN_PAST) == []


def test_sub_indicator_names() -> None:
    # 三亚: a scope under its parent; 天津: a substance under the quantity; 邵阳: a whole child
    assert compose_name(["生态保护红线占国土面积比例", "陆域"])[0] == "生态保护红线占国土面积比例（陆域）"
    assert compose_name(["重点工程减排量（万吨）", "氮氧化物"])[:2] == ("氮氧化物重点工程减排量", "万吨")
    assert compose_name(["地表水", "地表水达到或好于Ⅲ类水体比例"])[0] == "地表水达到或好于Ⅲ类水体比例"
    # 内蒙古: 生态系统质量 is a topic, not a measured quantity
    assert compose_name(["生态系统质量", "草原综合植被盖度(%)"])[:2] == ("草原综合植被盖度", "%")


def test_cells_as_printed() -> None:
    cases = {
        "〔18〕": ("=", 18.0, True),
        "〔〕１４．９": ("=", 14.9, True),  # 济南: the gazette prints the empty brackets first
        "10809[1]": ("=", 10809.0, False),  # 淮南: a note reference
        "稳定保持在70%以上": (">=", 70.0, False),  # 邵阳
        "-14.75 ※": ("=", -14.75, False),  # 宁夏: ※ marks a 2019 value
        "﹥59": (">", 59.0, False),  # 湖南
        "不低于95": (">=", 95.0, False),
        "95以下": ("<=", 95.0, False),
        "＜1.0": ("<", 1.0, False),  # 南平
        # 南充: a total, then the share of it that one source is to cut; the total is the row's
        "2350，其中机动车2025年目标为1800": ("=", 2350.0, False),
        "≥85%；其中县城≥90%": (">=", 85.0, False),
    }
    for cell, (comparator, value, cumulative) in cases.items():
        found = read_cell(cell)
        assert found is not None, cell
        assert (found.comparator, found.value, found.cumulative) == (comparator, value, cumulative)
    for cell in (
        "—7",
        "完成省下达任务",
        "持续改善",
        "保持稳定",
        "不降低",
        "其中机动车1800",  # a breakdown with no total before it
        "2350，1800",  # two numbers, neither said to be a part of the other
    ):
        assert read_cell(cell) is None, cell


# 437 南充 表 (p.19, ABBYY): the reduction rows under (10)主要污染物减排 print a total and the part
# of it due from motor vehicles in one cell.
NANCHONG = [
    ["指标", "指标", "2020年", "2025年", "累计", "指标属性"],
    [
        "（10）主要污染物减排",
        "氮氧化物重点工程减排量（吨）",
        "--",
        "2350，其中机动车2025年目标为1800",
        "",
        "约束性",
    ],
    [
        "（10）主要污染物减排",
        "挥发性有机物重点工程减排量（吨）",
        "--",
        "680，其中机动车2025年目标为280",
        "",
        "约束性",
    ],
    ["（10）主要污染物减排", "化学需氧量重点工程减排量（万吨）", "--", "1.3287", "", "约束性"],
]


def test_nanchong_total_with_its_breakdown_in_one_cell() -> None:
    assert _fields(_targets(NANCHONG)) == [
        ("氮氧化物重点工程减排量", "nox_reduction", "=", 2350.0, "吨", 2025, None, None, "约束性"),
        ("挥发性有机物重点工程减排量", "voc_reduction", "=", 680.0, "吨", 2025, None, None, "约束性"),
        ("化学需氧量重点工程减排量", "cod_reduction", "=", 1.3287, "万吨", 2025, None, None, "约束性"),
    ]
