"""Table kinds from header rows (and captions when the header says nothing)."""

from __future__ import annotations

import pytest

from policy_etl.pipeline.patterns.table_kinds import classify_header
from policy_etl.schemas.records import Extraction


@pytest.mark.parametrize(
    ("header", "caption", "kind"),
    [
        ("序号 专项行动（牵头单位） 主要任务 责任单位（排在第一位的为牵头单位）", "", "responsibility"),
        ("项目 序号 主要工作任务 牵头单位 配合单位", "", "responsibility"),  # 项目 alone is a group
        ("序号 项目名称 完成时间", "", "project"),
        ("类别 序号 项目名称 项目内容 投资额度（亿元） 实施年限 组织实施单位 涉及考核指标", "", "project"),
        ("序号 项目名称 责任单位 完成时间", "", "project"),  # a project list naming its unit
        ("领域 任务 序号 指标名称 单位 指标值 指标属性 2018年现状值 2020年规划值", "", "indicator"),
        ("名词 解释", "", "glossary"),
        ("序号 内容", "附件 名词解释", "glossary"),
        ("序号 内容 备注", "重点工程清单", "project"),
        ("序号 内容 备注", "任务分工表", "responsibility"),
        ("年份 数量", "", "other"),
    ],
)
def test_classify_header(header: str, caption: str, kind: str) -> None:
    assert classify_header(header, caption) == kind


EXPECTED_KINDS = {
    "000": ["responsibility"],
    "001": [],
    "002": ["indicator", "indicator", "project"],
    "003": ["project", "responsibility", "responsibility"],
    "004": ["indicator", "indicator"],
}


@pytest.mark.parametrize("seed", sorted(EXPECTED_KINDS))
def test_seed_table_kinds(corpus: dict[str, Extraction], seed: str) -> None:
    assert [t.kind for t in corpus[seed].tables] == EXPECTED_KINDS[seed]
