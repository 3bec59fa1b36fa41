"""Metadata from the covers of real plans (shared/corpus/real): title, region, kind, period, 文号.

Each head below is the first lines of a real PDF as the PDF parser reads them, copied from the
parsed document model (long body paragraphs are cut after their first sentence where the rest does
not matter). The expected values are what a reader sees on the cover.
"""

from __future__ import annotations

import pytest

from policy_etl.pipeline.context import Outline
from policy_etl.pipeline.metadata import clean_title, extract_metadata, plan_kind, read_front, title_region
from policy_etl.schemas.document import Document, Paragraph
from policy_etl.schemas.records import DocumentRecord


def _doc(lines: list[str]) -> Document:
    blocks = tuple(Paragraph(index=i, text=t) for i, t in enumerate(lines))
    return Document(source_file="real.pdf", sha256="0" * 64, format="pdf", blocks=blocks)


def _meta(lines: list[str]) -> DocumentRecord:
    return extract_metadata(_doc(lines), Outline())


# 甘南 429: the notice's title wraps right after 关于 ("…办公室关于" / "印发…的通知").
GANNAN_429 = [
    "甘南藏族自治州人民政府办公室关于",
    "印发甘南州“十四五”生态环境保护规划的通知",
    "各县市人民政府，州政府有关部门、单位：",
    "《甘南州“十四五”生态环境保护规划》已经州政府同意，现印发给你们，请认真抓好贯彻落实。",
    "甘南藏族自治州人民政府办公室",
    "2022年3月31日",
    "（此件公开发布）",
    "甘南州“十四五”生态环境保护规划",
    "二〇二二年三月",
    "前言",
]
# 天水 456: wraps after 关于印发; the notice's body wraps before 现印发你们.
TIANSHUI_456 = [
    "天水市人民政府办公室关于印发",
    "天水市“十四五”生态环境保护规划的通知",
    "天政办发〔2021〕99号",
    "各县区人民政府，经开区管委会，市政府有关部门，市属及驻市有关单位：",
    "《天水市“十四五”生态环境保护规划》已经2021年11月29日市政府第",
    "87次常务会议审议通过，现印发你们，请结合实际，认真抓好贯彻落实。",
    "天水市人民政府办公室",
    "2021年12月28日",
    "前言",
]
# 商洛 454: the notice's title drops the place the issuer already names; its body quotes it whole.
SHANGLUO_454 = [
    "商洛市人民政府办公室",
    "商政办发〔2021〕34号",
    "商洛市人民政府办公室关于印发“十四五”生态环境保护规划的通知",
    "各县区人民政府，商洛高新区（商丹园区）管委会，市政府各工作部门、事业机构：",
    "《商洛市“十四五”生态环境保护规划》已经市政府同意，现印发给你们，请认真贯彻实施。",
    "商洛市人民政府办公室",
    "2021年12月31日",
    "（此件公开发布）",
    "商洛市“十四五”生态环境保护规划",
    "2021年12月",
    "商洛市生态环境保护第十四个五年（2021－2025年）规划，根据《商洛市国民经济和社会发展第十四个五年"
    "规划和二〇三五年远景目标纲要》《陕西省“十四五”生态环境保护规划》编制。",
    "第一章环境形势",
]
# 白银 413: the notice's title is not printed at all, only its 文号 (brackets mapped to „‟) and body.
BAIYIN_413 = [
    "市政办发„2022 ‟91号",
    "各县、区人民政府，白银高新区管委会，市政府各部门，市属各企事业单位，中央、省在银有关单位：",
    "《白银市“十四五”生态环境保护规划（2021-2025）》已经市政府第9次常务会议审议通过，现印发给你们，"
    "请结合实际，认真组织实施。",
    "白银市人民政府办公室",
    "2022年5月26日",
    "（此件公开发布）",
    "为深入推进全市生态环境保护工作，协同推进生态环境高水平保护和经济绿色高质量发展，根据《甘肃省"
    "“十四五”生态环境保护规划》《白银市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》等"
    "要求，在巩固“十三五”生态环境保护工作成效的基础上，聚焦全市生态环境领域突出问题、薄弱环节和短板"
    "弱项，统筹污染防治、生态保护和应对气候变化，编制了《白银市“十四五”生态环境保护规划》。",
    "一、发展基础与形势",
]
# 盐城 467: no cover and no title line; the preface names the plan it makes ("编制《X》").
YANCHENG_467 = [
    "序言",
    "“十四五”时期，是盐城市深入贯彻党的十九大和十九届二中、三中、四中、五中、六中全会精神的重要时期。"
    "为切实加强生态环境保护工作，根据《江苏省“十四五”生态环境保护规划》和《盐城市国民经济和社会发展"
    "第十四个五年规划和二〇三五年远景目标纲要》，围绕“推进美丽盐城建设、打造省内绿色转型典范”的目标"
    "定位，编制《盐城市“十四五”生态环境保护规划》。主要阐明发展思路、主要目标、重点任务和重点工程，"
    "是盐城市深入打好污染防治攻坚战，推动生态环境质量持续改善的行动纲领。",
    "目录",
    "第一章发展回顾",
]
# 甘肃 320 / 济南 461 (gazette PDFs): the 文号 and the signature date are set in full-width digits
# (the parser keeps them in their lines: they share the line's baseline).
GANSU_320 = [
    "甘肃省人民政府办公厅文件",
    "甘政办发〔２０２１〕１０５号",
    "甘肃省人民政府办公厅关于印发甘肃省“十四五”生态环境保护规划的通知",
    "各市、自治州人民政府,兰州新区管委会,省政府各部门,中央在甘各单位:",
    "«甘肃省“十四五”生态环境保护规划»已经省政府同意,现印发给你们,请认真抓好贯彻落实.",
    "甘肃省人民政府办公厅",
    "２０２１年１１月２７日",
    "(此件公开发布)",
    "甘肃省“十四五”生态环境保护规划",
    "前言",
]
JINAN_461 = [
    "济南市人民政府",
    "济政字〔２０２１〕９２号",
    "济南市人民政府关于印发济南市“十四五”生态环境保护规划的通知",
    "各区县人民政府,市政府各部门 (单位):",
    "现将 «济南市“十四五”生态环境保护规划»印发给你们,请认真组织实施.",
    "济南市人民政府",
    "２０２１年１２月１７日",
    "(联系电话:市生态环境局综合与科技处, )",
    "济南市“十四五”生态环境保护规划",
    "第一章站在生态济南建设新起点",
]
# 宁夏 86: the signature wraps inside the region's name.
NINGXIA_86 = [
    "自治区人民政府办公厅关于印发宁夏回族自治区生态环境保护“十四五”规划的通知",
    "宁政办发〔2021〕59号",
    "各市、县（区）人民政府，自治区政府各部门、各直属机构：",
    "《宁夏回族自治区生态环境保护“十四五”规划》已经自治区人民政府第98次常务会议审议通过，现印发给你们，"
    "请结合实际，抓好组织实施。",
    "宁夏回",
    "族自治区人民政府办公厅",
    "2021年9月7日",
    "（此件公开发布）",
    "宁夏回族自治区生态环境保护“十四五”规划",
]
# 国务院办公厅 (corpus/extra gov_wufei, an HTML page): a national document.
WUFEI_NATIONAL = [
    "国务院办公厅关于印发“无废城市”建设",
    "试点工作方案的通知",
    "国办发〔2018〕128号",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "《“无废城市”建设试点工作方案》已经国务院同意，现印发给你们，请认真贯彻执行。",
    "国务院办公厅",
    "2018年12月29日",
    "（此件公开发布）",
    "“无废城市”建设试点工作方案",
    "一、总体要求",
]


@pytest.mark.parametrize(
    ("lines", "title", "region", "issue_date", "body_start"),
    [
        (GANNAN_429, "甘南州“十四五”生态环境保护规划", "甘南州", "2022-03-31", 8),
        (TIANSHUI_456, "天水市“十四五”生态环境保护规划", "天水市", "2021-12-28", 8),
        (WUFEI_NATIONAL, "“无废城市”建设试点工作方案", "全国", "2018-12-29", 9),
    ],
)
def test_a_notice_title_wrapped_over_two_lines_is_the_cover_not_the_title(
    lines: list[str], title: str, region: str, issue_date: str, body_start: int
) -> None:
    meta = _meta(lines)
    assert (meta.title, meta.region, meta.issue_date) == (title, region, issue_date)
    assert read_front(_doc(lines)).body_start == body_start


def test_gannan_issuer_is_the_signature_and_the_region_as_the_title_prints_it() -> None:
    meta = _meta(GANNAN_429)
    assert meta.issuers == ["甘南藏族自治州人民政府办公室"]
    assert (meta.plan_kind, meta.period_start, meta.period_end) == ("规划", 2021, 2025)


def test_shangluo_notice_without_the_place_takes_the_name_its_body_quotes() -> None:
    meta = _meta(SHANGLUO_454)
    assert (meta.title, meta.region, meta.doc_number) == (
        "商洛市“十四五”生态环境保护规划",
        "商洛市",
        "商政办发〔2021〕34号",
    )
    assert meta.issue_date == "2021-12-31"
    front = read_front(_doc(SHANGLUO_454))
    assert (front.title_blocks, front.body_start) == ((8,), 9)


def test_baiyin_cover_without_a_notice_title() -> None:
    meta = _meta(BAIYIN_413)
    assert (meta.title, meta.region, meta.plan_kind) == (
        "白银市“十四五”生态环境保护规划（2021-2025）",
        "白银市",
        "规划",
    )
    assert (meta.period_start, meta.period_end) == (2021, 2025)
    assert (meta.doc_number, meta.issuers, meta.issue_date) == (
        "市政办发〔2022〕91号",
        ["白银市人民政府办公室"],
        "2022-05-26",
    )
    # the body starts after the signature, its date and the publication tag
    assert read_front(_doc(BAIYIN_413)).body_start == 6


def test_yancheng_title_named_in_its_preface() -> None:
    meta = _meta(YANCHENG_467)
    assert (meta.title, meta.region, meta.plan_kind) == ("盐城市“十四五”生态环境保护规划", "盐城市", "规划")
    assert (meta.period_start, meta.period_end) == (2021, 2025)


@pytest.mark.parametrize(
    ("lines", "title", "region", "doc_number", "issue_date"),
    [
        (GANSU_320, "甘肃省“十四五”生态环境保护规划", "甘肃省", "甘政办发〔2021〕105号", "2021-11-27"),
        (JINAN_461, "济南市“十四五”生态环境保护规划", "济南市", "济政字〔2021〕92号", "2021-12-17"),
    ],
)
def test_gazette_covers_with_full_width_digits(
    lines: list[str], title: str, region: str, doc_number: str, issue_date: str
) -> None:
    meta = _meta(lines)
    assert (meta.title, meta.region, meta.doc_number, meta.issue_date) == (
        title,
        region,
        doc_number,
        issue_date,
    )
    assert read_front(_doc(lines)).title_blocks == (8,)


def test_a_date_line_never_joins_a_title() -> None:
    # The gazette's digit line above a title line (as 67 内蒙古 prints "年月" / "2021 9" below it).
    doc = _doc(["２０２１９２", "济南市“十四五”生态环境保护规划", "第一章站在生态济南建设新起点"])
    assert read_front(doc).title == "济南市“十四五”生态环境保护规划"
    below = _doc(["内蒙古自治区“十四五”生态环境保护规划", "年月", "2021 9", "前言"])
    assert read_front(below).title == "内蒙古自治区“十四五”生态环境保护规划"
    assert read_front(below).body_start == 1


def test_digits_glued_onto_a_notice_line_are_not_part_of_it() -> None:
    # The issue quotes titles such as "２０２１６２甘肃省人民政府印发…": a digit run glued by line
    # assembly to a notice issued without 关于.
    meta = _meta(
        [
            "２０２１６２甘肃省人民政府印发甘肃省“十四五”生态环境保护规划的通知",
            "各市、自治州人民政府,兰州新区管委会,省政府各部门,中央在甘各单位:",
            "甘肃省“十四五”生态环境保护规划",
            "前言",
        ]
    )
    assert (meta.title, meta.region) == ("甘肃省“十四五”生态环境保护规划", "甘肃省")


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [
        (
            "２０２１６２甘肃省人民政府印发甘肃省“十四五”生态环境保护规划",
            "甘肃省人民政府印发甘肃省“十四五”生态环境保护规划",
        ),
        ("甘肃省“十四五”生态环境保护规划２０２１１０５", "甘肃省“十四五”生态环境保护规划"),
        ("附件1：白银市“十四五”生态环境保护规划", "白银市“十四五”生态环境保护规划"),
        # a title's own years stay
        ("2026年北京市政府工作报告", "2026年北京市政府工作报告"),
        (
            "上海市2021—2023年生态环境保护和建设三年行动计划",
            "上海市2021—2023年生态环境保护和建设三年行动计划",
        ),
        ("白银市“十四五”生态环境保护规划（2021-2025）", "白银市“十四五”生态环境保护规划（2021-2025）"),
    ],
)
def test_clean_title(title: str, cleaned: str) -> None:
    assert clean_title(title) == cleaned


def test_ningxia_signature_wrapped_inside_the_name_is_one_issuer() -> None:
    meta = _meta(NINGXIA_86)
    assert meta.issuers == ["宁夏回族自治区人民政府办公厅"]
    assert (meta.title, meta.region) == ("宁夏回族自治区生态环境保护“十四五”规划", "宁夏回族自治区")


@pytest.mark.parametrize(
    ("lines", "region"),
    [
        # 兵团 is a provincial-level region (376)
        (
            [
                "新疆生产建设兵团“十四五”生态环境保护规划",
                "为推进“十四五”时期兵团生态环境保护工作，根据《中华人民共和国环境保护法》",
                "第一章生态环境保护基本形势",
            ],
            "新疆生产建设兵团",
        ),
        # an autonomous prefecture by its short name, kept as printed (445, 429)
        (["海西州“十四五”生态环境保护规划", "第六章严格水环境管理，推进水污染防治与水生态修复"], "海西州"),
        # a province by its short name: the full name, which the document prints (584) …
        (
            [
                "新疆生态环境保护“十四五”规划",
                "前言",
                "为切实加强生态文明建设和生态环境保护工作，根据国家有关规划和《新疆维吾尔自治区国民经济和"
                "社会发展第十四个五年规划和二〇三五年远景目标纲要》，制定兵地一体的《新疆生态环境保护“十四五”规划》。",
            ],
            "新疆维吾尔自治区",
        ),
        # … or the short name as printed when it prints no other
        (["新疆生态环境保护“十四五”规划", "前言"], "新疆"),
    ],
)
def test_regions_of_real_titles(lines: list[str], region: str) -> None:
    assert _meta(lines).region == region


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("郑州市“十四五”生态环境保护规划", "郑州市"),  # 州 inside a city's name is not a prefecture
        ("阿坝藏族羌族自治州“十四五”生态环境保护规划", "阿坝藏族羌族自治州"),
        ("南京江北新区“十四五”生态环境保护规划", "南京江北新区"),
        ("宁夏回族自治区生态环境保护“十四五”规划", "宁夏回族自治区"),
        ("白银高新区生态环境保护规划", None),  # a zone inside a city is not the governed area
    ],
)
def test_title_region_suffixes(title: str, region: str | None) -> None:
    assert title_region(title) == region


@pytest.mark.parametrize(
    "title",
    [
        # the issuer before 关于 is the Party centre, the State Council or a ministry (cited in 北京, 青岛)
        "中共中央、国务院关于深入打好污染防治攻坚战的意见",
        "生态环境部关于统筹和加强应对气候变化与生态环境保护相关工作的指导意见",
    ],
)
def test_national_titles_govern_the_whole_country(title: str) -> None:
    assert _meta([title, "一、总体要求"]).region == "全国"


def test_a_provincial_title_citing_a_national_document_is_not_national() -> None:
    lines = [
        "青岛市温室气体减排和大气污染治理协同控制三年行动计划（2021-2023年）",
        "为深入贯彻落实习近平生态文明思想，根据《生态环境部关于统筹和加强应对气候变化与生态环境保护相关工作"
        "的指导意见》（环综合〔2021〕4号），制定本行动计划。",
        "一、总体要求",
    ]
    assert _meta(lines).region == "青岛市"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("福建省“十四五”生态环境保护专项规划", "规划"),
        ("黄河流域生态保护和高质量发展规划纲要", "规划"),
        ("青岛市温室气体减排和大气污染治理协同控制三年行动计划（2021-2023年）", "行动方案"),
        ("美丽河湖三年行动", "行动方案"),
        ("“811”美丽港区建设行动方案（2016-2020）", "行动方案"),
        # extraction-rules.md: 实施意见, 工作方案, 工作计划, 工作要点, 清单, 办法 are 其他
        ("“无废城市”建设试点工作方案", "其他"),
        ("辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单", "其他"),
        ("中共北京市委北京市人民政府关于深入打好北京市污染防治攻坚战的实施意见", "其他"),
        ("2022年生态环境保护工作要点", "其他"),
    ],
)
def test_plan_kind_per_extraction_rules(title: str, kind: str) -> None:
    assert plan_kind(title) == kind


def test_a_work_programme_still_gets_its_period_from_its_goal_years() -> None:
    lines = [*WUFEI_NATIONAL, "到2020年，系统构建“无废城市”建设指标体系。"]
    meta = _meta(lines)
    assert (meta.plan_kind, meta.period_start, meta.period_end) == ("其他", 2018, 2020)


@pytest.mark.parametrize(
    ("issuer", "national"),
    [
        ("国务院办公厅", True),
        ("中共中央办公厅国务院办公厅", True),
        ("国家发展和改革委员会", True),
        ("国家林业和草原局", True),
        ("中华人民共和国生态环境部", True),
        # a local branch named after a national organ, and local organs, are not national
        ("国家税务总局济南市税务局", False),
        ("中共北京市委北京市人民政府", False),
        ("辽宁省自然资源厅", False),
    ],
)
def test_national_issuers(issuer: str, national: bool) -> None:
    lines = [
        "关于印发《X工作方案》的通知",
        "《X工作方案》已经同意，现印发给你们。",
        issuer,
        "2022年1月5日",
        "X工作方案",
    ]
    assert (_meta(lines).region == "全国") is national
