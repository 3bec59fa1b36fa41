"""Issue 13: every commitment the plan states. Each class holds sentences from two documents or
more: the seeds, the extra corpus (上海, 巴中, 天津) and the real PDFs (淮南, 南平, 宁夏, 兵团, 白银…)."""

from __future__ import annotations

import pytest

from policy_etl.pipeline import deadlines, targets
from policy_etl.pipeline.context import ExtractContext, Outline
from policy_etl.pipeline.table_cells import prose_cells, table_year
from policy_etl.pipeline.targets_text import find_targets, list_members
from policy_etl.schemas.document import Cell, Document, Paragraph, Table
from policy_etl.schemas.records import DocumentRecord, Extraction, TableRecord

SHA = "0" * 64
Found = list[tuple[str, str, float, str | None]]


def _read(text: str) -> Found:
    return [(t.indicator, t.comparator, t.value, t.unit) for t in find_targets(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 淮南: the work and its object; a "new" verb stays in front
        (
            "推进城镇污水管网和污水集中处理设施建设，新建污水管网346.28公里，完成老旧管网改造26.8公里",
            [("新建污水管网", "=", 346.28, "公里"), ("老旧管网改造", "=", 26.8, "公里")],
        ),
        # 巴中: work verbs go after their object; creation verbs leave the thing counted
        (
            "恩阳区之字河实施11千米河道生态修复，建设水源涵养林50亩",
            [("河道生态修复", "=", 11, "千米"), ("水源涵养林建设", "=", 50, "亩")],
        ),
        (
            "嘉陵江绿色生态走廊建设：沿城市滨江环线建设10公里生态廊道",
            [("生态廊道建设", "=", 10, "公里")],
        ),  # 南充
        (
            "争创国家级园区2个，改造提升市级园区20个。",
            [("国家级园区", "=", 2, "个"), ("市级园区改造提升", "=", 20, "个")],
        ),
        # 上海: actors named by their task; an added capacity with its rate unit
        ("持续推进清洁生产改造，累计推进280家企业清洁生产改造。", [("清洁生产改造企业", "=", 280, "家")]),
        (
            "陈家镇污水处理厂等扩建工程，提升污水处理能力51万立方米/日。",
            [("污水处理能力", "=", 51, "万立方米/日")],
        ),
        # 003: two counts, the first named by the second's task
        (
            "全区完成4家企业15台锅炉淘汰改造工作",
            [("锅炉淘汰改造企业", "=", 4, "家"), ("锅炉淘汰改造", "=", 15, "台")],
        ),
        # 001: a verb inside the measured noun, and a measured object, name the measure
        ("全市稻渔综合种养推广面积达到15万亩", [("稻渔综合种养推广面积", "=", 15, "万亩")]),
        ("累计恢复修复滨海湿地面积7.4公顷", [("滨海湿地面积", "=", 7.4, "公顷")]),
        ("持续实施中小河流治理350公里", [("中小河流治理", "=", 350, "公里")]),
        # 南平 / 宁夏
        ("新建改造污水管网620公里", [("新建改造污水管网", "=", 620, "公里")]),
        ("新建或改造城镇污水处理厂17座", [("新建或改造城镇污水处理厂", "=", 17, "座")]),
        # 甘南: 已垦 names a kind of grassland, not a status; 武威: 造林 is a work and a noun
        (
            "开展沙化土地综合治理7153公顷、已垦草原综合治理4.53万公顷、黑土滩治理23.13万公顷",
            [
                ("沙化土地综合治理", "=", 7153, "公顷"),
                ("已垦草原综合治理", "=", 4.53, "万公顷"),
                ("黑土滩治理", "=", 23.13, "万公顷"),
            ],
        ),
        ("累计完成造林205万亩、封育188.33万亩", [("造林", "=", 205, "万亩"), ("封育", "=", 188.33, "万亩")]),
        # 株洲 / 攀枝花: the object after a work's measure runs to a list or the clause end
        ("推进4700亩受污染企业地块修复与风险管控", [("受污染企业地块修复与风险管控", "=", 4700, "亩")]),
        (
            "推进100万千瓦光伏发电基地建设和西区整治",
            [("光伏发电基地建设", "=", 100, "万千瓦")],
        ),
        # 内蒙古: 已建成 inside a subject with a commitment verb names what exists, not a status
        (
            "到2025年底,全区农村牧区生活污水治理率达到25%以上,已建成设施正常运行率达到85%以上。",
            [("农村牧区生活污水治理率", ">=", 25, "%"), ("已建成设施正常运行率", ">=", 85, "%")],
        ),
        # 天水 / 南平: a work with a one-character object, or two works, are one noun
        ("全市完成营造林136万亩", [("营造林", "=", 136, "万亩")]),
        ("“十四五”期间完成植树造林80万亩以上", [("植树造林", ">=", 80, "万亩")]),
        # 德州 / 湘潭: a work after 的 keeps what it is done on; a place word before a facility stays
        ("2022年年底前，完成50条黑臭水体的治理", [("黑臭水体治理", "=", 50, "条")]),
        (
            "新建龙洞镇、育塅乡、中沙镇等10个乡镇污水处理厂及配套管网",
            [("乡镇污水处理厂及配套管网", "=", 10, "个")],
        ),
        ("沿城市滨江环线建设10公里生态廊道", [("生态廊道建设", "=", 10, "公里")]),
        # a count's name runs past a 的-modifier to the thing itself (issue 13's real-PDF sample)
        ("建成1个符合要求的医疗废物集中处置中心", [("医疗废物集中处置中心", "=", 1, "个")]),
    ],
)
def test_quantities_of_actions(text: str, expected: Found) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新增污泥处理规模140吨干物质/日。", [("新增污泥处理规模", "=", 140, "吨干物质/日")]),  # 上海
        ("缓释肥应用面积达到50万亩次", [("缓释肥应用面积", "=", 50, "万亩次")]),  # 上海
        (
            "生活垃圾无害化收运处理能力达到1130吨/日",
            [("生活垃圾无害化收运处理能力", "=", 1130, "吨/日")],
        ),  # 兵团
        (
            "新建或改造中水厂5座，污水处理能力达到30.1万立方米/日",
            [  # 宁夏
                ("新建或改造中水厂", "=", 5, "座"),
                ("污水处理能力", "=", 30.1, "万立方米/日"),
            ],
        ),
        ("危险废物利用处置能力达到20万吨/年", [("危险废物利用处置能力", "=", 20, "万吨/年")]),
        (
            "放射源辐射事故年发生率低于2起/每万枚",
            [("放射源辐射事故年发生率", "<", 2, "起/每万枚")],
        ),  # 海西/泰州
        ("人均公园绿地面积达到15m2", [("人均公园绿地面积", "=", 15, "m²")]),
    ],
)
def test_units_are_read_whole(text: str, expected: Found) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # 兵团
            "到2025年，化肥、农药利用率均达到40%以上",
            [("化肥利用率", ">=", 40, "%"), ("农药利用率", ">=", 40, "%")],
        ),
        (  # 巴中
            "农村卫生厕所普及率和示范村无害化厕所普及率均达90%以上。",
            [("农村卫生厕所普及率", ">=", 90, "%"), ("示范村无害化厕所普及率", ">=", 90, "%")],
        ),
        (  # the 排放总量 list of issue 13
            "到2025年，全市挥发性有机物、氮氧化物排放总量比2020年分别下降10%以上",
            [("挥发性有机物排放总量", ">=", 10, "%"), ("氮氧化物排放总量", ">=", 10, "%")],
        ),
        (  # 白银: a shared place word; numbers paired in order
            "城市、县城污水处理率分别达到95%、90%以上",
            [("城市污水处理率", "=", 95, "%"), ("县城污水处理率", ">=", 90, "%")],
        ),
        (  # 广元: three members, three numbers
            "畜禽粪污、废弃农膜和秸秆综合利用率分别达到85%、87.17%、92.24%",
            [
                ("畜禽粪污利用率", "=", 85, "%"),
                ("废弃农膜利用率", "=", 87.17, "%"),
                ("秸秆综合利用率", "=", 92.24, "%"),
            ],
        ),
        (  # 003: 污染地块 and 耕地, each a whole rate
            "污染地块安全利用率和受污染耕地安全利用率均达到92%以上",
            [("污染地块安全利用率", ">=", 92, "%"), ("受污染耕地安全利用率", ">=", 92, "%")],
        ),
        (  # 甘南: objects and rates listed together share no head: left whole
            "核技术应用单位、伴生放射性矿、输变电与广电通信类设施监督检查率、整改完成率均达到100%",
            [("核技术应用单位、伴生放射性矿、输变电与广电通信类设施监督检查率、整改完成率", "=", 100, "%")],
        ),
    ],
)
def test_one_comparator_over_a_list(text: str, expected: Found) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # 广元
            "到2025年，城市污泥无害化处置率达100%、县级城市达70%",
            [("城市污泥无害化处置率", "=", 100, "%"), ("县级城市污泥无害化处置率", "=", 70, "%")],
        ),
        (  # 甘南
            "合作市工地扬尘在线监控安装率达到90%、其他县市均达到80%以上",
            [
                ("合作市工地扬尘在线监控安装率", "=", 90, "%"),
                ("其他县市工地扬尘在线监控安装率", ">=", 80, "%"),
            ],
        ),
    ],
)
def test_a_place_alone_takes_the_previous_rate(text: str, expected: Found) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # 004: rates printed with bare values; the one with a verb is named from after them
            "施工现场围挡达标率100％、裸露土方覆盖率100％、出入车辆冲洗率100％、设置扬尘在线监测仪率达100％",
            [("设置扬尘在线监测仪率", "=", 100, "%")],
        ),
        (  # 陇南: each rate after the previous target's value
            "武都区污水处理率达到95%、污泥无害化处置率达到100%，其他县城污水处理率达到85%",
            [
                ("武都区污水处理率", "=", 95, "%"),
                ("污泥无害化处置率", "=", 100, "%"),
                ("其他县城污水处理率", "=", 85, "%"),
            ],
        ),
    ],
)
def test_a_name_starts_after_the_values_before_it(text: str, expected: Found) -> None:
    assert _read(text) == expected


def test_list_members_keep_普及_and_碳中和_whole() -> None:
    assert list_members("农村卫生厕所普及率") is None
    assert list_members("碳中和示范区覆盖率") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2025年，80%以上的产品采用国六货车或新能源汽车运输。",
            [("产品采用国六货车或新能源汽车运输", ">=", 80, "%")],
        ),  # 天津
        (
            "到2023年，30%以上的城市建成区达到海绵城市建设要求。",
            [("城市建成区达到海绵城市建设要求", ">=", 30, "%")],
        ),  # 上海
        (
            "到2025年，力争50%以上城市建成区达到海绵城市标准。",
            [("城市建成区达到海绵城市标准", ">=", 50, "%")],
        ),  # 南平
        ("到2025年底，全市80%的村庄达到绿盈乡村标准", [("村庄达到绿盈乡村标准", "=", 80, "%")]),  # 南平
        ("到2025年至少35%的降雨实现就地消纳和利用", [("降雨实现就地消纳和利用", ">=", 35, "%")]),  # 德州
        ("60%的村实现垃圾分类处理", [("村实现垃圾分类处理", "=", 60, "%")]),  # 000
    ],
)
def test_a_share_before_its_noun(text: str, expected: Found) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "全州现有污水处理厂12座",  # status
        "已建成污水管网300公里",
        "全省共有自然保护区56个",
        "全市地表水水质已达到100%",
        "环境监管执法能力不断加强，已建成8个环境空气质量自动监测站、3个地表水国控断面自动监测站",  # 武威
        "持续推进乡镇生活污水治理，已建成26个乡镇污水处理厂",  # 株洲
        "力发展珍贵树种、乡土树种，已建成1216个示范村。",  # 004
        "县级及以上建成区10蒸吨/小时以下燃煤锅炉实现“清零”",  # 白银: a threshold
        "川发龙蟒20万吨/年新材料项目、光电信息产业园建设",  # 攀枝花: a project's size
        "新九乡至安宁工业园500万吨/年铁精矿管道输送项目",  # 攀枝花
        "总建筑面积约为26.3万平方米。",  # 002 project table: a building's size
        "建设30万吨/天的污水处理厂",  # 002: a plant's capacity sizes the plant
        "川发龙蟒20万吨/年新材料项目建设",
        "项目总投资51亿元，其中运西段约19.5亿元，运东段约35.1亿。",  # 002
        "从三个方面构筑生态安全屏障",  # counts that structure the text
        "严守生态保护红线、环境质量底线、资源利用上线三条控制线",
        "深入实施十一项专项行动",  # 000
        "完成100万亩",  # a bare verb is no indicator
        "面积达44.5万平方米",  # 三亚: nor is a bare measure
        "铅酸废电池、危废处置能力新扩建等4个工程。",  # 南平: nor a generic noun
        "、448吨、22287吨及11060吨",  # 海西: nor a chain of values
        "建成投运白银热电中水深度处理、甘肃稀土公司酸性含油废水深度治理等20个项目",  # 白银
        "主城都市区400万平方米",  # a place alone is no indicator
        "包括五大领域的106项工程，计划总投资2782亿元，其中推进产业高质量发展18项",  # 002: a definition
    ],
)
def test_not_commitments(text: str) -> None:
    assert find_targets(text) == []


# Task tables: 003 附件3's layout (a group column merged down, 序号, task, lead and partner units)
# and 002's project table (项目内容 with 实施年限).
TASK_TABLE = [
    ["项目", "序号", "主要工作任务", "牵头单位", "配合单位"],
    ["打赢蓝天保卫战", "1", "完成4个清新空气负氧离子监测站点建设。", "区环保分局", "区气象局"],
    ["", "2", "完成3个工业园区、10个城镇生活小区“污水零直排区”创建试点。", "区治水办", "各镇街"],
    ["", "3", "到2020年,全区森林覆盖率稳定在27%以上。", "区农水局", "各镇街"],
]
PROJECT_TABLE = [
    ["序号", "项目名称", "项目内容", "投资额度（亿元）", "实施年限"],
    ["1", "河道综合整治", "整治河道120公里，新建节制闸10座。", "12.5", "2021-2025"],
    ["2", "污水管网", "新建污水管网35公里。", "3", "2022"],
]


def _table_ctx(rows: list[list[str]], kind: str, caption: str) -> ExtractContext:
    cells = tuple(Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row) if t)
    table = Table(index=1, n_rows=len(rows), n_cols=len(rows[0]), cells=cells, caption=caption)
    doc = Document(
        source_file="t.txt", sha256=SHA, format="txt", blocks=(Paragraph(index=0, text="附件"), table)
    )
    meta = DocumentRecord(source_file="t.txt", sha256=SHA, format="txt", period_start=2018, period_end=2022)
    record = TableRecord(
        index=1, kind=kind, n_rows=table.n_rows, n_cols=table.n_cols, title=caption, cells=[]
    )
    return ExtractContext(doc=doc, outline=Outline.of([]), meta=meta, tables=(record,))


def test_task_table_cells_give_targets_and_deadlines() -> None:
    ctx = _table_ctx(TASK_TABLE, "responsibility", "越城区2018年主要工作任务清单")
    got = [(t.indicator, t.value, t.unit, t.year, t.source, t.table) for t in targets.extract(ctx)]
    assert got == [
        ("清新空气负氧离子监测站点建设", 4, "个", 2018, "table", 1),  # the title's year
        ("工业园区", 3, "个", 2018, "table", 1),
        ("城镇生活小区“污水零直排区”创建试点", 10, "个", 2018, "table", 1),
        ("森林覆盖率", 27, "%", 2020, "table", 1),  # the cell's own year wins
    ]
    (deadline,) = deadlines.extract(ctx)
    assert (deadline.year, deadline.table, deadline.quote) == (
        2020,
        1,
        "到2020年,全区森林覆盖率稳定在27%以上",
    )


def test_project_table_rows_take_their_completion_year() -> None:
    ctx = _table_ctx(PROJECT_TABLE, "project", "重点项目表")
    got = [(t.indicator, t.value, t.unit, t.year) for t in targets.extract(ctx)]
    # 2021-2025 is a period, not a year: the plan's end year; 2022 is the row's year
    assert got == [
        ("河道整治", 120, "公里", 2022),
        ("新建节制闸", 10, "座", 2022),
        ("新建污水管网", 35, "公里", 2022),
    ]
    assert [c.text for c in prose_cells(ctx.doc.tables()[0])] == [
        "河道综合整治",
        "整治河道120公里，新建节制闸10座。",
        "污水管网",
        "新建污水管网35公里。",
    ]  # 序号, 投资 and 实施年限 cells are not read as prose


def test_indicator_tables_are_not_read_as_prose() -> None:
    ctx = _table_ctx(TASK_TABLE, "indicator", "主要指标")
    assert [t for t in targets.extract(ctx) if t.table == 1 and t.indicator == "工业园区"] == []


def test_table_year_is_one_year_not_a_period() -> None:
    assert table_year("越城区生态文明示范创建行动方案2018年主要工作任务清单") == 2018
    assert table_year("嘉兴市2021-2025年重点项目表") is None
    assert table_year("附件2 工作任务责任分解表") is None


def test_seed_task_tables(corpus: dict[str, Extraction]) -> None:
    """003's 附件1-3 and 002's project table yield targets and deadlines that name their table."""
    tables = {t.index: t for t in corpus["003"].tables}
    got = {
        (t.indicator, t.value, t.unit, t.year, tables[t.table].kind) for t in corpus["003"].targets if t.table
    }
    assert {
        ("工业园区", 3.0, "个", 2018, "responsibility"),  # 完成3个工业园区、…“污水零直排区”创建试点
        ("美丽河湖", 16.0, "条", 2022, "project"),  # 到2022年,建成美丽河湖16条(个)
        ("锅炉淘汰改造企业", 4.0, "家", 2020, "responsibility"),
        ("城市污水处理率", 96.0, "%", 2018, "responsibility"),
    } <= got
    assert all(
        t.source == "table" and t.section == tables[t.table].section for t in corpus["003"].targets if t.table
    )
    d003 = {(d.year, d.quote[:15], tables[d.table].kind) for d in corpus["003"].deadlines if d.table}
    assert (2022, "到2022年,建成美丽河湖16", "project") in d003
    t002 = {(t.indicator, t.value, t.unit) for t in corpus["002"].targets if t.table == 229}
    assert {("河道整治", 120.0, "公里"), ("清洁生产审核企业", 480.0, "家")} <= t002
    assert not any("建筑面积" in i or "用地面积" in i for i, _, _ in t002)  # sizes, not commitments
