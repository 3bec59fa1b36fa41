"""Projects: seed 002's 部分重点工程清单, seed 003's 附件1 (as a hand-built table), 专栏 boxes."""

from __future__ import annotations

import pytest

from policy_etl.pipeline import projects
from policy_etl.pipeline.context import ExtractContext, Outline
from policy_etl.pipeline.patterns.boxes import (
    box_title,
    is_project_box,
    item_name_content,
    split_items,
    split_name,
    split_title,
)
from policy_etl.pipeline.patterns.investment import investment_in_yi, period_years, unit_from_header
from policy_etl.pipeline.tables import extract_tables
from policy_etl.schemas.document import Block, Cell, Document, Paragraph, Table
from policy_etl.schemas.records import DocumentRecord, Extraction, ProjectRecord

SHA = "0" * 64


def run(blocks: list[Block]) -> list[ProjectRecord]:
    """The project extractor over a document made of `blocks`, without a section outline."""
    doc = Document(source_file="t.txt", sha256=SHA, format="txt", blocks=tuple(blocks))
    outline = Outline.of([])
    meta = DocumentRecord(source_file="t.txt", sha256=SHA, format="txt")
    return projects.extract(ExtractContext(doc, outline, meta, tuple(extract_tables(doc, outline))))


def paragraphs(lines: list[str], start: int = 0) -> list[Block]:
    return [Paragraph(index=start + i, text=line) for i, line in enumerate(lines)]


# --- patterns -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "header_unit", "value"),
    [
        ("150以上", "亿元", 150.0),  # 002 传统产业智能化改造: the floor is the value
        ("52.38", "亿元", 52.38),
        ("11.0", "亿元", 11.0),
        ("-", "亿元", None),  # 002 实施推进绿色制造工程: no figure
        ("", "亿元", None),
        ("5000", "万元", 0.5),  # a 万元 table
        ("3500万元", "亿元", 0.35),  # the cell's own unit wins over the header's
        ("约2.5亿元", None, 2.5),
        ("12,000万元", None, 1.2),
        ("52.38", None, None),  # a bare number without any unit is unreadable
    ],
)
def test_investment_in_yi(printed: str, header_unit: str | None, value: float | None) -> None:
    assert investment_in_yi(printed, header_unit) == value


@pytest.mark.parametrize(
    ("header", "unit"),
    [("投资额度（亿元）", "亿元"), ("总投资(万元)", "万元"), ("投资额度", None)],
)
def test_unit_from_header(header: str, unit: str | None) -> None:
    assert unit_from_header(header) == unit


@pytest.mark.parametrize(
    ("printed", "completion_only", "years"),
    [
        ("2019-2025", False, (2019, 2025)),
        ("已开工-2020", False, (None, 2020)),  # started before the plan, year not printed
        ("已开工- 2021", False, (None, 2021)),
        ("已开工2020年", False, (None, 2020)),
        ("2019- 2022", False, (2019, 2022)),
        ("2021～2023年", False, (2021, 2023)),
        ("2019", False, (2019, 2019)),  # a one-year 实施年限
        ("2020", True, (None, 2020)),  # a single 完成时间 is the end year only
        ("“十四五”期间", False, (2021, 2025)),
        ("", False, (None, None)),
        ("长期", False, (None, None)),
    ],
)
def test_period_years(printed: str, completion_only: bool, years: tuple[int | None, int | None]) -> None:
    assert period_years(printed, completion_only) == years


@pytest.mark.parametrize(
    ("line", "title", "projects_box"),
    [
        ("专栏2 生态保护建设重点工程", "专栏2 生态保护建设重点工程", True),
        ("专栏 4：大气污染治理重点工程", "专栏 4：大气污染治理重点工程", True),
        ("专栏1 郑州市“十四五”生态环境保护主要指标", "专栏1 郑州市“十四五”生态环境保护主要指标", False),
        ("专栏建设推进有力", None, False),  # not a box title: no number
        ("加强专栏2所列工程建设", None, False),
    ],
)
def test_box_title(line: str, title: str | None, projects_box: bool) -> None:
    assert box_title(line) == title
    assert (title is not None and is_project_box(title)) is projects_box


def test_split_items_takes_numbers_in_sequence_only() -> None:
    body = (
        "1．产业优化升级。建设登封、巩义、荥阳静脉产业园，新建绿色工厂12家、绿色工业园区\n"
        "2个、绿色供应链管理企业2家。\n"
        "2．交通结构调整。开展郑州东北外绕客运环线迁至黄河以北。\n"
        "3．能源结构优化。推动风光水火储一体化和源网荷储一体化，开展抽水蓄能电站建设，加\n"
        "快风电项目建设。"
    )
    items = split_items(body)
    assert [no for no, _ in items] == ["1", "2", "3"]
    assert item_name_content(items[0][1]) == (
        "产业优化升级",
        "建设登封、巩义、荥阳静脉产业园，新建绿色工厂12家、绿色工业园区2个、绿色供应链管理企业2家。",
    )
    assert item_name_content(items[2][1]) == (
        "能源结构优化",
        "推动风光水火储一体化和源网荷储一体化，开展抽水蓄能电站建设，加快风电项目建设。",
    )


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        (
            "（一）绿色转型提升工程\n实施全市城乡社区二氧化碳减排项目。\n（二）产业空间布局项目\n打造北部山区特色农业示范带。",
            ["一", "二"],
        ),
        ("①河道整治。整治河道22公里。②水闸建设。新建水闸7座。", ["①", "②"]),
        (
            "1.重要海湾河口生态保护和修复工程。项目范围涉及28个县（市、区）。\n2.滨海湿地生态修复工程（2021-2023 年）。开展红树林生态保护与修复。",
            ["1", "2"],
        ),
        ("1．加强统一、规范管理。二、三级站点建设。", ["1"]),  # 一、 inside a sentence is no item
    ],
)
def test_split_items_numbering_schemes(text: str, numbers: list[str]) -> None:
    assert [no for no, _ in split_items(text)] == numbers


def test_item_headed_by_its_own_name_line() -> None:
    # Bazhong's 专栏二: "（一）绿色转型提升工程" on a line of its own, the content below
    item = "绿色转型提升工程\n实施全市城乡社区二氧化碳减排项目；对全市工业园区进行循环化、绿色化低碳改造；通过低碳\n创建活动、低碳宣传，建立低碳示范单位80个。"
    assert item_name_content(item) == (
        "绿色转型提升工程",
        "实施全市城乡社区二氧化碳减排项目；对全市工业园区进行循环化、绿色化低碳改造；通过低碳创建活动、低碳宣传，建立低碳示范单位80个。",
    )


def test_split_title_of_a_box_joined_into_one_paragraph() -> None:
    assert split_title("专栏2 生态保护建设重点工程1．再生水利用。马头岗污水处理厂厂外再生水管线工程。") == (
        "专栏2 生态保护建设重点工程",
        "1．再生水利用。马头岗污水处理厂厂外再生水管线工程。",
    )
    assert split_title("专栏3 结构调整重点工程") == ("专栏3 结构调整重点工程", "")


def test_split_name_without_full_stop_keeps_the_item_as_name() -> None:
    assert split_name("嘉兴市生态环境监测能力建设工程") == ("嘉兴市生态环境监测能力建设工程", None)


# --- seed 002: 部分重点工程清单 ----------------------------------------------------------------


@pytest.fixture(scope="module")
def projects_002(corpus: dict[str, Extraction]) -> list[ProjectRecord]:
    return corpus["002"].projects


def by_name(records: list[ProjectRecord], name: str) -> ProjectRecord:
    (record,) = [r for r in records if r.name == name]
    return record


def test_002_every_project_of_the_list_with_its_category(projects_002: list[ProjectRecord]) -> None:
    # counted by hand in raw_docs/002: 9 + 23 + 11 + 2 + 12 rows under five category rows
    counts: dict[str, int] = {}
    for record in projects_002:
        counts[record.category or ""] = counts.get(record.category or "", 0) + 1
    assert counts == {
        "推进产业高质量发展": 9,
        "解决好突出环境问题": 23,
        "优化国土空间布局": 11,
        "提升智造创新能力": 2,
        "增强发展软实力": 12,
    }
    assert len(projects_002) == 57
    assert {r.table_title for r in projects_002} == {"部分重点工程清单"}
    # 序号 restarts in each category and runs without gaps
    for category, n in counts.items():
        assert [r.no for r in projects_002 if r.category == category] == [str(i) for i in range(1, n + 1)]
    # the document's distribution list after the table is not a project
    assert not [r for r in projects_002 if "抄送" in r.name or "市监委" in (r.implementer or "")]


def test_002_first_item_of_a_category_despite_the_shifted_grid_row(projects_002: list[ProjectRecord]) -> None:
    # The grid gives this row as ['1', None, '传统产业智能化改造', …]: 序号 spans the category column.
    record = by_name(projects_002, "传统产业智能化改造")
    assert record.category == "推进产业高质量发展"
    assert record.no == "1"
    assert record.content == "启动智能化改造诊断服务，实施100个智能化改造示范项目。"
    assert (record.investment, record.investment_value) == ("150以上", 150.0)
    assert (record.period, record.start_year, record.end_year) == ("2019-2025", 2019, 2025)
    assert record.implementer == "市经信局"
    assert record.indicators is None


@pytest.mark.parametrize(
    ("name", "category", "no", "investment", "value", "period", "start", "end", "implementer", "indicators"),
    [
        (
            "浙能嘉兴1号海上风电场项目",
            "推进产业高质量发展",
            "6",
            "55.82",
            55.82,
            "2018-2020",
            2018,
            2020,
            "平湖市",
            "国标20、国标23、省标27、省标30",
        ),
        (
            "实施推进绿色制造工程",
            "推进产业高质量发展",
            "8",
            "-",
            None,
            "2019-2025",
            2019,
            2025,
            "市发展改革委",
            "国标21、省标28、省标31",
        ),
        (
            "扩大杭嘉湖南排工程（嘉兴部分）",
            "解决好突出环境问题",
            "1",
            "45.43",
            45.43,
            "已开工-2020",
            None,
            2020,
            "市水利局",
            "国标8、省标9",
        ),
        (
            "平湖塘延伸拓竣工程",
            "解决好突出环境问题",
            "3",
            "35.7",
            35.7,
            "2019",
            2019,
            2019,
            "市水利局",
            "国标8、省标9",
        ),
        (
            "嘉兴市北部湖荡整治及河湖连通工程",
            "解决好突出环境问题",
            "9",
            "21.65",
            21.65,
            "2017-2022",
            2017,
            2022,
            "秀洲区、嘉善县",
            "国标8、省标9",
        ),
        (
            "嘉兴港区工业污水厂",
            "解决好突出环境问题",
            "23",
            "5.2",
            5.2,
            "已开工-2020",
            None,
            2020,
            "嘉兴港区",
            "国标27、省标36",
        ),
        (
            "铁路枢纽建设工程",
            "优化国土空间布局",
            "3",
            "551",
            551.0,
            "2019-2026",
            2019,
            2026,
            "市轨道办、嘉通集团",
            "国标31、省标41",
        ),
        (
            "“嘉人汇善”国际人才公寓",
            "提升智造创新能力",
            "1",
            "3.6",
            3.6,
            "已开工-2020",
            None,
            2020,
            "嘉善县",
            None,
        ),
        (
            "“月芦文杉”历史街区保护性开发工程",
            "增强发展软实力",
            "6",
            "9.13",
            9.13,
            "已开工2020年",
            None,
            2020,
            "嘉城集团",
            None,
        ),
        (
            "嘉兴港区滨海会展中心项目",
            "增强发展软实力",
            "12",
            "4.7",
            4.7,
            "2019- 2022",
            2019,
            2022,
            "嘉兴港区",
            None,
        ),
    ],
)
def test_002_concrete_rows(
    projects_002: list[ProjectRecord],
    name: str,
    category: str,
    no: str,
    investment: str,
    value: float | None,
    period: str,
    start: int | None,
    end: int,
    implementer: str,
    indicators: str | None,
) -> None:
    record = by_name(projects_002, name)
    assert (record.category, record.no, record.investment, record.investment_value) == (
        category,
        no,
        investment,
        value,
    )
    assert (record.period, record.start_year, record.end_year) == (period, start, end)
    assert (record.implementer, record.indicators) == (implementer, indicators)
    assert record.table == record.block


@pytest.mark.parametrize("key", ["000", "001", "004"])
def test_seeds_without_key_project_tables_have_no_projects(corpus: dict[str, Extraction], key: str) -> None:
    assert corpus[key].projects == []


# --- seed 003: 附件1 重点项目表, rebuilt by hand from the real lines of raw_docs/003 ----------------
# The text parser dumps this table one cell per line (feat/resp rebuilds it); the rows below
# are those lines with each broken 项目名称 cell joined. A row of ("", "", content, year) is the
# second content/year pair of the project above it (rows 17 and 18).

ROWS_003_ATTACHMENT1 = [
    ("chapter", "打赢蓝天保卫战"),
    (
        "1",
        "天然气管网建设",
        "配合市级部门加快推进天然气管网建设,基本完成干线管网建设,全面推进天然气输气干线沿线各规划支线和联络线建设。",
        "2020",
    ),
    (
        "2",
        "十大重点行业废气深化治理",
        "实施工业涂装、包装印刷、合成革、纺织印染、石化化工等重点行业VOCs治理与减排项目10个。",
        "2020",
    ),
    ("3", "工业园区废气治理", "完成1个省级重点工业园区废气整治。", "2020"),
    ("4", "车船能源消费结构优化", "发展清洁能源和新能源车船,加快老旧车和高排放车淘汰。", "2020"),
    ("chapter", "“五水共治”碧水行动"),
    (
        "5",
        "污水“零直排区”创建",
        "建设建制街道、工业园区(集聚区)、城镇生活小区“污水零直排区”,到2020年,力争全区建成“污水零直排区”。",
        "2020",
    ),
    (
        "6",
        "农业面源污染治理",
        "加快推进水产养殖绿色发展,制订实施养殖水域滩涂规划,依法落实管控措施。全面推进水产养殖尾水治理,到2022年,完成规模以上设施化养殖场尾水治理,实现达标排放或循环使用。",
        "2022",
    ),
    (
        "7",
        "农村生活污水治理和运维",
        "全面推进农村生活污水处理,加强处理设施规范化管理、标准化运维,提升运维管理水平。到2020年,农村生活污水治理规划保留村覆盖率达到90%,日处理能力在30吨以上的处理设施标准化运维比例达到50%,形成“五位一体”的农村生活污水治理设施运维管理体系。",
        "2020",
    ),
    (
        "8",
        "河湖生态修复",
        "全面开展“美丽河湖”建设,科学开展河湖库塘清淤。到2022年,建成美丽河湖16条(个),完成河湖库塘清淤730万立方米。",
        "2022",
    ),
    ("chapter", "净土行动"),
    ("9", "重点污染地块治理修复", "实施1个重点污染地块治理修复。", "2022"),
    ("10", "受污染耕地安全利用和治理修复", "实施受污染耕地的治理修复。", "2022"),
    ("chapter", "清废行动"),
    (
        "11",
        "固体废物处置能力匹配",
        "加强固体废物处置能力建设,到2020年,基本实现区域内一般固体废物产生量与利用处置能力相匹配,到2022年,固体废物利用处置能力得到进一步规范提升。",
        "2022",
    ),
    ("chapter", "生态保护"),
    (
        "12",
        "生态保护红线管理",
        "建立生态保护红线制度,勘定生态保护红线,建立基本单元生态保护红线台账系统,建立完善生态保护红线监测机制。",
        "2022",
    ),
    ("13", "生态文明示范建设", "创建成为省级以上生态文明示范区。", "2022"),
    (
        "14",
        "城乡生活垃圾分类处理",
        "推行生活垃圾分类化减量化资源化无害化处理,到2022年,全区城乡生活垃圾分类基本实现全覆盖,新增省级高标准生活垃圾分类示范小区、示范村各30个。",
        "2022",
    ),
    (
        "15",
        "森林资源、湿地建设和保护",
        "持续推进绿化造林工程,加强森林资源保护,实施新植珍贵树和“一村万树”行动。到2020年全区森林覆盖率稳定在27%以上。加强湿地保护与修复,启动湿地修复与提升工程。建设曹娥江生态涵养区、加快建设以会稽山国家森林公园和鉴湖国家湿地公园为核心的“稽山鉴水”生态功能区。到2020年,湿地面积不低于8.7万亩(不包括水稻田),自然湿地面积不低于8.2万亩,湿地保护率提高到50%以上。",
        "2020",
    ),
    (
        "16",
        "自然保护区规范化建设和生物多样化保护",
        "强化生物多样性保护,开展生物多样性区域优先保护工作,开展古树名木专项保护行动。",
        "2022",
    ),
    ("chapter", "能力建设"),
    (
        "17",
        "环境监测监控能力建设",
        "健全和扩展涵盖地表水国控省控断面、跨行政区交接断面的地表水环境自动监测网络,提升地表水环境质量预测预警能力。",
        "2022",
    ),
    (
        "",
        "",
        "配合市建设城市大气环境质控及综合超级监测站、区域大气环境监测区域站、大气环境走航监测站和重点工业园区环境空气VOCs自动监测站;配合市建立光化学污染和颗粒物化学组分监测网;建设乡镇和试点农村环境空气质量自动监测网;配合市建立大气环境监测预报预警综合应用平台。",
        "2020",
    ),
    (
        "18",
        "环境执法能力建设",
        "推进基层站所标准化建设,统一设置办公场所、视觉识别系统、服务窗口和执法设备标识。环境监察机构根据工作需要,合理配置执法车辆。配备上级统一的专业化执法装备。",
        "2022",
    ),
    (
        "",
        "",
        "配合市建设降水全指标自动监测系统网络,提升VOCs和异味监测能力。配备便携式废气检测仪器,配备一定数量的大气执法特种车辆。",
        "2020",
    ),
    (
        "19",
        "环保信息化支撑能力建设",
        "配合市加快推进生态环保大数据平台建设和应用,全面建成四大环境基础信息化工程。",
        "2020",
    ),
]

CAPTION_003 = "越城区生态文明示范创建行动方案重点项目表"


def table_003(merged: bool) -> Table:
    """附件1 as a 4-column table: 序号, 项目名称 (spanning name and content), 完成时间.

    `merged`: the second content/year pair of rows 17 and 18 sits under 序号 and 项目名称 cells
    spanning two rows (how the original is drawn); otherwise those cells are empty.
    """
    cells = [
        Cell(row=0, col=0, text="序号"),
        Cell(row=0, col=1, col_span=2, text="项目名称"),
        Cell(row=0, col=3, text="完成时间"),
    ]
    r = 1
    for i, row in enumerate(ROWS_003_ATTACHMENT1):
        if row[0] == "chapter":
            cells.append(Cell(row=r, col=0, col_span=4, text=row[1]))
        elif row[0]:
            no, name, content, year = row
            second_follows = i + 1 < len(ROWS_003_ATTACHMENT1) and ROWS_003_ATTACHMENT1[i + 1][0] == ""
            span = 2 if merged and second_follows else 1
            cells += [
                Cell(row=r, col=0, row_span=span, text=no),
                Cell(row=r, col=1, row_span=span, text=name),
                Cell(row=r, col=2, text=content),
                Cell(row=r, col=3, text=year),
            ]
        else:
            _, _, content, year = row
            if not merged:
                cells += [Cell(row=r, col=0, text=""), Cell(row=r, col=1, text="")]
            cells += [Cell(row=r, col=2, text=content), Cell(row=r, col=3, text=year)]
        r += 1
    return Table(index=1, n_rows=r, n_cols=4, cells=tuple(cells), caption=CAPTION_003)


@pytest.mark.parametrize("merged", [True, False])
def test_003_attachment1_every_project(merged: bool) -> None:
    records = run([Paragraph(index=0, text="附件1"), table_003(merged)])
    # 19 numbered rows, rows 17 and 18 holding two content/year pairs each
    assert len(records) == 21
    assert [r.no for r in records] == [str(i) for i in range(1, 17)] + ["17", "17", "18", "18", "19"]
    counts: dict[str, int] = {}
    for record in records:
        counts[record.category or ""] = counts.get(record.category or "", 0) + 1
    assert counts == {
        "打赢蓝天保卫战": 4,
        "“五水共治”碧水行动": 4,
        "净土行动": 2,
        "清废行动": 1,
        "生态保护": 5,
        "能力建设": 5,
    }
    assert {r.table_title for r in records} == {CAPTION_003}
    # 完成时间 is a completion year: end year only
    assert all(
        r.start_year is None and r.end_year in (2020, 2022) and r.period == str(r.end_year) for r in records
    )
    assert all(r.investment is None and r.investment_value is None for r in records)


def test_003_rows_17_and_18_give_two_projects_each() -> None:
    records = run([Paragraph(index=0, text="附件1"), table_003(merged=True)])
    monitoring = [r for r in records if r.name == "环境监测监控能力建设"]
    assert [(r.no, r.end_year, r.category) for r in monitoring] == [
        ("17", 2022, "能力建设"),
        ("17", 2020, "能力建设"),
    ]
    assert monitoring[0].content is not None and monitoring[0].content.startswith(
        "健全和扩展涵盖地表水国控省控断面"
    )
    assert monitoring[1].content is not None and monitoring[1].content.startswith(
        "配合市建设城市大气环境质控"
    )
    enforcement = [r for r in records if r.name == "环境执法能力建设"]
    assert [r.end_year for r in enforcement] == [2022, 2020]
    assert (
        enforcement[1].content
        == "配合市建设降水全指标自动监测系统网络,提升VOCs和异味监测能力。配备便携式废气检测仪器,配备一定数量的大气执法特种车辆。"
    )


def test_003_concrete_rows() -> None:
    records = run([Paragraph(index=0, text="附件1"), table_003(merged=True)])
    first = records[0]
    assert (first.category, first.no, first.name, first.end_year) == (
        "打赢蓝天保卫战",
        "1",
        "天然气管网建设",
        2020,
    )
    assert (
        first.content
        == "配合市级部门加快推进天然气管网建设,基本完成干线管网建设,全面推进天然气输气干线沿线各规划支线和联络线建设。"
    )
    zero_discharge = by_name(records, "污水“零直排区”创建")
    assert (zero_discharge.category, zero_discharge.no, zero_discharge.end_year) == (
        "“五水共治”碧水行动",
        "5",
        2020,
    )
    red_line = by_name(records, "生态保护红线管理")  # its name starts like its category 生态保护
    assert (red_line.category, red_line.no, red_line.end_year) == ("生态保护", "12", 2022)
    soil = by_name(records, "受污染耕地安全利用和治理修复")
    assert (soil.category, soil.no, soil.end_year) == ("净土行动", "10", 2022)


# --- 专栏 boxes (text of zhengzhou_14fyp_eco_plan_2022.pdf, pages 15, 29 and 43) ---------------

BOX2_TITLE = "专栏2 生态保护建设重点工程"
# pdfplumber lines of the box on page 15, wrapped as the PDF draws them
BOX2_BODY = """1．再生水利用。马头岗污水处理厂厂外再生水管线工程、再生水利用四环管线工程、郑州
华南城污水处理厂中水回用工程。
2．湿地修复保护。修订郑州黄河湿地省级自然保护区与郑州黄河国家湿地公园总体规划，
郑州黄河湿地自然保护区智慧监控平台项目、郑州黄河国家湿地公园提升工程、郑州黄河湿地中
牟鸟类栖息地保护区建设工程、贾鲁河河湖一体湿地生态修复工程、珍稀濒危野生动物保护救护
点项目。
3．郊野公园建设。潮湖郊野公园、龙子湖郊野公园、荥阳索河—万山郊野公园、新密袁庄
郊野公园、新密溱水河郊野公园、巩义礼泉—伊洛河郊野公园等。
4．森林公园建设。新密雪花山森林运动公园、登封香山森林公园、河南嵩顶国家森林公
园、中牟森林公园提升项目。
5．生态廊道建设。南水北调中线总干渠沿线两侧防护林景观提升工程、贾鲁河—隋唐大运
河故道沿线两侧防护林景观提升工程、京广铁路沿线绿色生态带提升工程、京广高速铁路沿线绿
色生态带完善提升工程、陇海铁路生态带提升工程，继续推进市区内5条铁路沿线、11条河渠两
岸、10条快速通道、31条放射道路两侧生态廊道建设工程未实施部分的建设以及已建成条段的
提升和连通。建设省道312市区段、长江路、尖岗路等20条200公里生态廊道，三环快速路、
江山路等20条300公里示范性绿道提升工程。"""

BOX4_LINES = [
    "专栏4 大气污染治理重点工程",
    "1．VOCs综合治理。荥阳市阀门产业园区5G智能共享喷涂中心项目、荥阳市五龙产业园区",
    "5G智能共享喷涂中心项目、郑州宏靖彩印包装有限公司VOCs排放深度治理提标改造项目、郑州",
    "格力大气提标改造项目、郑州世纪精信机械制造有限公司注塑VOCs废气治理项目、郑州云豪车",
    "辆部件有限公司自动喷涂工段有机废气治理设施升级改造项目。",
    "2．工业企业深度治理。建设郑州经开区汽车产业园溶剂集中回收处置中心，建设废活性炭",
    "集中再生中心，郑煤综机年产4400台液压支架大气污染防治项目。",
    "3．氨排放控制工程。大型规模化养殖场大气氨减排工程，电力、水泥、钢铁等重点行业完",
    "善脱硝工程设施，降低氨逃逸。",
    "七、深化三水统筹，稳步提升水生态环境",
    "（一）提升饮用水安全保障水平",
    "1．重视南水北调中线工程水源保护。深入开展南水北调中线总干渠（郑州段）保护区范围内环境问题排查整治。",
]

BOX7_PARAGRAPHS = [
    "专栏7 环保基础设施建设重点工程",
    "1．集中供热改造。城区老旧供热一次网、一次支网改造工程，郑州市老旧小区供热设施改造工程，郑州市“西热东送”干线管网工程，新密裕中电厂“引热入郑”（一期）长输热网扩容工程。",
    "2．生活垃圾处理。郑州（南部）环保能源工程，郑州（西部）环保能源工程。",
    "3．污泥及危废处置。郑州康宁特通用科技有限公司飞灰无害化资源化处置项目，荥阳3万吨废机油滤芯、机油壶、机油桶综合处置项目，市医废处置中心医疗废物处置装备扩建项目，郑州大学等高校实验室废液集中处理项目，郑州新区污水处理厂配套1000吨/日污泥资源化综合利用项目，荥阳市年处理量约10000吨活性炭集中再生中心静脉产业园建设项目。",
    "十、强化风险防控，守牢环境安全底线",
]


def test_box_as_wrapped_paragraphs_ends_at_the_next_heading() -> None:
    records = run(paragraphs(["开展低排放行驶区域建设。在市建成区划定低排放行驶区。", *BOX4_LINES]))
    assert [(r.no, r.name) for r in records] == [
        ("1", "VOCs综合治理"),
        ("2", "工业企业深度治理"),
        ("3", "氨排放控制工程"),
    ]
    assert records[0].content == (
        "荥阳市阀门产业园区5G智能共享喷涂中心项目、荥阳市五龙产业园区5G智能共享喷涂中心项目、"
        "郑州宏靖彩印包装有限公司VOCs排放深度治理提标改造项目、郑州格力大气提标改造项目、"
        "郑州世纪精信机械制造有限公司注塑VOCs废气治理项目、郑州云豪车辆部件有限公司自动喷涂工段有机废气治理设施升级改造项目。"
    )
    assert (
        records[2].content
        == "大型规模化养殖场大气氨减排工程，电力、水泥、钢铁等重点行业完善脱硝工程设施，降低氨逃逸。"
    )
    assert {(r.table_title, r.table, r.category) for r in records} == {
        ("专栏4 大气污染治理重点工程", None, None)
    }
    assert [r.block for r in records] == [2, 6, 8]


def test_box_as_one_paragraph_per_item() -> None:
    records = run(paragraphs(BOX7_PARAGRAPHS))
    assert [r.name for r in records] == ["集中供热改造", "生活垃圾处理", "污泥及危废处置"]
    assert records[1].content == "郑州（南部）环保能源工程，郑州（西部）环保能源工程。"
    assert all(r.table_title == "专栏7 环保基础设施建设重点工程" for r in records)


def test_box_as_title_row_and_body_row_table() -> None:
    box = Table(
        index=1,
        n_rows=2,
        n_cols=1,
        cells=(Cell(row=0, col=0, text=BOX2_TITLE), Cell(row=1, col=0, text=BOX2_BODY)),
    )
    records = run([Paragraph(index=0, text="科学合理推动生态产品价值实现。"), box])
    assert [(r.no, r.name) for r in records] == [
        ("1", "再生水利用"),
        ("2", "湿地修复保护"),
        ("3", "郊野公园建设"),
        ("4", "森林公园建设"),
        ("5", "生态廊道建设"),
    ]
    assert (
        records[0].content
        == "马头岗污水处理厂厂外再生水管线工程、再生水利用四环管线工程、郑州华南城污水处理厂中水回用工程。"
    )
    assert records[4].content is not None and records[4].content.endswith(
        "三环快速路、江山路等20条300公里示范性绿道提升工程。"
    )
    assert {(r.table, r.table_title, r.block) for r in records} == {(1, BOX2_TITLE, 1)}


def test_box_as_one_cell_table() -> None:
    box = Table(index=0, n_rows=1, n_cols=1, cells=(Cell(row=0, col=0, text=f"{BOX2_TITLE}\n{BOX2_BODY}"),))
    records = run([box])
    assert len(records) == 5
    assert records[3].name == "森林公园建设"
    assert (
        records[3].content
        == "新密雪花山森林运动公园、登封香山森林公园、河南嵩顶国家森林公园、中牟森林公园提升项目。"
    )


def test_indicator_box_gives_no_projects() -> None:
    lines = [
        "专栏1 郑州市“十四五”生态环境保护主要指标",
        "1 PM2.5年均浓度（微克/立方米） 51 40 约束性",
        "2 空气质量优良天数比率（％） 63.0 66.0 约束性",
    ]
    assert run(paragraphs(lines)) == []


# Bazhong 14th five-year plan, page 27: items headed by （一） name lines, content running over
# several sentences and sub-lists, the box closed by the next chapter heading.
BAZHONG_BOX2 = [
    "专栏二 低碳绿色重点项目",
    "（一）绿色转型提升工程",
    "实施全市城乡社区二氧化碳减排项目；对全市工业园区进行循环化、绿色化低碳改造；通过低碳",
    "创建活动、低碳宣传，建立低碳示范单位80个。",
    "（二）产业空间布局项目",
    "打造北部山区特色农业示范带，建设山地高效特色农业示范区。推进国家级、省级、市级、县级",
    "现代农业园区四级联创，争创国家级园区2个，省星级现代农业园区5个，改造提升市级园区20个。",
    "（三）新能源、新材料、清洁能源项目",
    "新能源新材料：液化天然气（LNG）尾气回收再利用工程，城市垃圾焚烧发电扩建项目，新能源",
    "汽车高性能动力电池生产线项目。石墨采选项目，高纯石墨、负极材料和高性能石墨制品等生产线项",
    "目，霞石精深加工项目。",
    "天然气：积极推进华能巴中燃机项目一期（装机90万千瓦）；推动LNG项目达产扩能，年产能",
    "达到60万吨；新建天然气长输管线7条300公里；建设天然气应急储备项目。",
    "新兴工业园区：曾口新能源新材料产业园基础设施建设项目，平昌驷马清洁能源产业园二期项目，",
    "。",
    "通江春在工业园二期",
    "第四章 积极应对气候变化，推动碳达峰行动",
    "以碳达峰目标和碳中和愿景为引领，实施碳排放达峰行动，",
]


def test_box_with_name_lines_runs_to_the_next_chapter() -> None:
    records = run(paragraphs(BAZHONG_BOX2))
    assert [(r.no, r.name) for r in records] == [
        ("一", "绿色转型提升工程"),
        ("二", "产业空间布局项目"),
        ("三", "新能源、新材料、清洁能源项目"),
    ]
    assert (
        records[0].content
        == "实施全市城乡社区二氧化碳减排项目；对全市工业园区进行循环化、绿色化低碳改造；通过低碳创建活动、低碳宣传，建立低碳示范单位80个。"
    )
    assert records[2].content is not None
    assert records[2].content.startswith("新能源新材料：液化天然气（LNG）尾气回收再利用工程")
    # the PDF's stray "。" line and its last wrapped line stay in the item; the chapter does not
    assert records[2].content.endswith(
        "建设天然气应急储备项目。新兴工业园区：曾口新能源新材料产业园基础设施建设项目，平昌驷马清洁能源产业园二期项目，。通江春在工业园二期"
    )
    assert all(r.table_title == "专栏二 低碳绿色重点项目" for r in records)


def test_box_item_period_from_its_name() -> None:
    # Fujian marine plan, 专栏二 海洋生态保护和修复重点工程 (page 37)
    lines = [
        "专栏二 海洋生态保护和修复重点工程",
        "1.重要海湾河口生态保护和修复工程。项目范围涉及蕉城、福安、福鼎等28个县（市、区），建设内容主要包括岸线岸滩恢复、海洋资源恢复、海洋典型生态系统改善等方面。",
        "2.滨海湿地生态修复工程（2021-2023 年）。开展红树林生态保护与修复，在宜林滩涂上规划新造红树林面积628公顷，修复红树林面积413公顷。加强互花米草等外来物种入侵防治。",
    ]
    records = run(paragraphs(lines))
    assert [r.name for r in records] == [
        "重要海湾河口生态保护和修复工程",
        "滨海湿地生态修复工程（2021-2023 年）",
    ]
    assert (records[0].period, records[0].start_year, records[0].end_year) == (None, None, None)
    assert (records[1].period, records[1].start_year, records[1].end_year) == ("2021-2023 年", 2021, 2023)


def test_box_joined_into_one_paragraph() -> None:
    records = run(paragraphs([BOX2_TITLE + BOX2_BODY.replace("\n", "")]))
    assert [r.name for r in records] == [
        "再生水利用",
        "湿地修复保护",
        "郊野公园建设",
        "森林公园建设",
        "生态廊道建设",
    ]
    assert {r.table_title for r in records} == {BOX2_TITLE}


def test_task_box_gives_no_projects() -> None:
    # Fujian's 专栏一 lists tasks, not projects
    lines = [
        "专栏一 持续推进重点海域污染防治攻坚战",
        "1.沙埕港、三沙湾、诏安湾、安海湾等重点海域，率先实施入海排污口分类整治。",
        "2.严格控制闽江、九龙江、木兰溪、萩芦溪、晋江、漳江等入海河流氮磷入海通量。",
    ]
    assert run(paragraphs(lines)) == []


def test_003_attachment1_from_the_rebuilt_flattened_table(corpus: dict) -> None:
    projects = corpus["003"].projects
    assert len(projects) == 21
    assert [p.no for p in projects].count("17") == 2  # two content/year pairs, two projects
    assert {p.category for p in projects} == {
        "打赢蓝天保卫战",
        "“五水共治”碧水行动",
        "净土行动",
        "清废行动",
        "生态保护",
        "能力建设",
    }
