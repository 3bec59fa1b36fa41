"""Joining wrapped lines (PDF wraps, multi-line table cells) without inventing spaces in Chinese."""

from __future__ import annotations

import pytest

from policy_etl.parsers.textjoin import join_lines


@pytest.mark.parametrize(
    "lines, printed, joined",
    [
        (["生态文", "明建设"], (), "生态文明建设"),
        (["执行GB", "3095—2012标准"], (), "执行GB 3095—2012标准"),
        # 表1's narrow 指标名称 cell wraps inside the code: no space before the decimal point
        (["PM2", ".5浓度下降幅度"], (), "PM2.5浓度下降幅度"),
        (["年均浓度(", "微克/立方米)"], (), "年均浓度(微克/立方米)"),
        (["达标率", "%"], (), "达标率%"),
        # a space the PDF really draws at the wrap stays beside Latin text…
        (["劣V", "类水体比例下降幅度"], {0}, "劣V 类水体比例下降幅度"),
        (["单位", "GDP能耗"], {0}, "单位 GDP能耗"),
        # …and goes between two CJK characters, where it is layout
        (["水环境", "质量"], {0}, "水环境质量"),
        (["", "  劣V", "", "类"], {1}, "劣V 类"),
    ],
)
def test_join_lines(lines: list[str], printed: set[int], joined: str) -> None:
    assert join_lines(lines, printed) == joined
