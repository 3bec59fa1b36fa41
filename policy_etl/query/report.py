"""`etl report OUT.html`: the headline indicators across plans, as one page a researcher can open.

One self-contained HTML file: inline CSS, charts as SVG written here (no library, no network, no
CDN, nothing fetched when the page opens), and a few lines of inline script that sort a table
when its header is clicked. Everything is read from `v_indicator_panel`, so the page shows exactly
what `etl panel` exports, in each indicator's canonical unit.

For each headline indicator the page has a dumbbell chart (one row per plan that sets a target:
a hollow dot at the baseline, an arrow to the filled target dot), a sortable table, and the plans
that set no target, listed by name: "which plans set none" is a research answer, not a gap.

A plan may set the same indicator for several years (2020 and 2025): the chart shows one mark per
plan, the target for the plan's end year when it sets one, else its latest year, else an every-year
commitment; the table lists the other years beside it. A target whose unit does not convert
(value_std null) cannot be placed on a common axis: it is listed with the plans without a
comparable target, saying so.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path

from policy_etl.pipeline.patterns.indicators import load_rules
from policy_etl.pipeline.patterns.unit_conversions import CANONICAL_UNITS
from policy_etl.query.connection import QueryError


@dataclass(frozen=True)
class Headline:
    key: str  # indicator_key in data/indicators.json
    title: str
    lower_is_better: bool  # which way an improvement points on the chart


# The headline indicators of the national 十四五 system that most plans set, in page order.
HEADLINES: tuple[Headline, ...] = (
    Headline("pm25_concentration", "细颗粒物(PM2.5)浓度", lower_is_better=True),
    Headline("good_air_days_ratio", "空气质量优良天数比例", lower_is_better=False),
    Headline("surface_water_class_iii_share", "地表水达到或好于Ⅲ类水体比例", lower_is_better=False),
    Headline("surface_water_worse_than_v_share", "地表水劣V类水体比例", lower_is_better=True),
    Headline("forest_cover", "森林覆盖率", lower_is_better=False),
)


@dataclass(frozen=True)
class Plan:
    doc_id: int
    source_file: str
    region: str | None
    title: str | None
    period_start: int | None
    period_end: int | None

    @property
    def period(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_end or self.period_start or "")


@dataclass(frozen=True)
class PanelTarget:
    year: int | None
    comparator: str
    value: float | None  # value_std
    unit: str | None
    baseline: float | None
    baseline_year: int | None
    binding: str | None
    source: str
    indicator: str  # the wording as printed


@dataclass(frozen=True)
class Row:
    """One plan's mark on a headline indicator's chart."""

    plan: Plan
    label: str  # the plan's name on the chart, unique on the page
    target: PanelTarget
    other_years: tuple[PanelTarget, ...]


@dataclass(frozen=True)
class Missing:
    plan: Plan
    label: str
    reason: str  # "no target", or why a stated target cannot be compared


@dataclass(frozen=True)
class Section:
    headline: Headline
    unit: str | None
    rows: list[Row]
    missing: list[Missing]


def _plans(conn: sqlite3.Connection) -> list[Plan]:
    sql = (
        "SELECT doc_id, source_file, region, title, period_start, period_end FROM v_documents ORDER BY doc_id"
    )
    return [Plan(*row) for row in conn.execute(sql)]


# The catalogue number some titles carry from their file name ("467、盐城市…规划"): not a name.
_LIST_NUMBER = re.compile(r"^\d+[、.．]\s*")


def plan_labels(plans: list[Plan]) -> dict[int, str]:
    """A short name per plan: its region; the period when two plans share a region; the id last."""
    first = {
        p.doc_id: p.region or _LIST_NUMBER.sub("", p.title or Path(p.source_file).stem) or p.source_file
        for p in plans
    }
    counts: dict[str, int] = defaultdict(int)
    for name in first.values():
        counts[name] += 1
    labels = {
        p.doc_id: f"{first[p.doc_id]} {p.period}".strip() if counts[first[p.doc_id]] > 1 else first[p.doc_id]
        for p in plans
    }
    seen: dict[str, int] = defaultdict(int)
    for label in labels.values():
        seen[label] += 1
    return {doc: f"{label} #{doc}" if seen[label] > 1 else label for doc, label in labels.items()}


def _pick(targets: list[PanelTarget], period_end: int | None) -> PanelTarget:
    """The target a plan's mark shows: its end year's, else its latest year's, else an every-year one."""
    for target in targets:
        if period_end is not None and target.year == period_end:
            return target
    dated = [t for t in targets if t.year is not None]
    return max(dated, key=lambda t: t.year or 0) if dated else targets[0]


def build_sections(conn: sqlite3.Connection, headlines: tuple[Headline, ...] = HEADLINES) -> list[Section]:
    """Per headline indicator: the plans' picked targets, and the plans without a comparable one."""
    known = {rule.key for rule in load_rules()}
    unknown = [h.key for h in headlines if h.key not in known]
    if unknown:
        raise QueryError(f"unknown indicator key {', '.join(unknown)}: see data/indicators.json")
    try:
        plans = _plans(conn)
        found: dict[tuple[str, int], list[PanelTarget]] = defaultdict(list)
        for key, doc_id, *fields in conn.execute(
            "SELECT indicator_key, doc_id, year, comparator, value_std, unit_std, baseline_std, "
            "baseline_year, binding, source, indicator FROM v_indicator_panel "
            "ORDER BY doc_id, year IS NULL, year"
        ):
            found[(key, doc_id)].append(PanelTarget(*fields))
    except sqlite3.Error as exc:
        raise QueryError(f"cannot read the indicator panel: {exc} (rebuild the database)") from exc
    labels = plan_labels(plans)
    sections = []
    for headline in headlines:
        rows: list[Row] = []
        missing: list[Missing] = []
        for plan in plans:
            stated = found.get((headline.key, plan.doc_id), [])
            comparable = [t for t in stated if t.value is not None]
            if not comparable:
                reason = "no target"
                if stated:
                    reason = f"target not in a comparable unit ({stated[0].indicator})"
                missing.append(Missing(plan, labels[plan.doc_id], reason))
                continue
            target = _pick(comparable, plan.period_end)
            others = tuple(t for t in comparable if t is not target)
            rows.append(Row(plan, labels[plan.doc_id], target, others))
        rows.sort(key=lambda r: (r.target.value, r.label))
        sections.append(Section(headline, CANONICAL_UNITS.get(headline.key), rows, missing))
    return sections


# -- SVG ------------------------------------------------------------------------------------------

WIDTH = 960
LABEL_WIDTH = 230
RIGHT_PAD = 70
ROW_HEIGHT = 26
TOP = 34
BOTTOM = 36
BETTER = "#1b7f4b"  # an improvement over the baseline
WORSE = "#c0392b"  # a target looser than the baseline
FLAT = "#7f8c8d"


def nice_ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 × 10^n) covering [lo, hi]."""
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    value = start
    while value < hi + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


COMPARATOR_GLYPHS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "=": ""}


def _mark(row: Row, y: float, x_of, headline: Headline, unit: str) -> str:  # type: ignore[no-untyped-def]
    t = row.target
    x_t = x_of(t.value)
    parts = [f'<g class="mark" data-doc="{row.plan.doc_id}">']
    tip = (
        f"{row.label}: {t.indicator} {COMPARATOR_GLYPHS.get(t.comparator, '')}{_fmt(t.value)}{unit}"
        f" ({t.year or '每年'})"
    )
    if t.baseline is not None:
        tip += f", baseline {_fmt(t.baseline)}{unit} ({t.baseline_year or '?'})"
    parts.append(f"<title>{escape(tip)}</title>")
    if t.baseline is not None:
        x_b = x_of(t.baseline)
        delta = t.value - t.baseline  # type: ignore[operator]
        better = delta < 0 if headline.lower_is_better else delta > 0
        colour = FLAT if delta == 0 else BETTER if better else WORSE
        if abs(x_t - x_b) > 9:  # an arrow, stopping short of the target dot
            end = x_t - 6 if x_t > x_b else x_t + 6
            marker = "better" if colour == BETTER else "worse" if colour == WORSE else "flat"
            parts.append(
                f'<line class="move" x1="{x_b:.1f}" y1="{y:.1f}" x2="{end:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="2.5" marker-end="url(#arrow-{marker})"/>'
            )
        parts.append(
            f'<circle class="baseline" cx="{x_b:.1f}" cy="{y:.1f}" r="5" fill="#fff" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        fill = colour
    else:
        fill = "#34495e"
    parts.append(f'<circle class="target" cx="{x_t:.1f}" cy="{y:.1f}" r="6" fill="{fill}"/>')
    label = f"{COMPARATOR_GLYPHS.get(t.comparator, '')}{_fmt(t.value)}"
    parts.append(f'<text class="value" x="{WIDTH - RIGHT_PAD + 8}" y="{y + 4:.1f}">{escape(label)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _short(label: str, limit: int = 17) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def chart_svg(section: Section) -> str:
    """A dumbbell chart: one row per plan with a target, baseline (hollow) → target (filled)."""
    headline, rows = section.headline, section.rows
    unit = section.unit or ""
    height = TOP + BOTTOM + ROW_HEIGHT * max(len(rows), 1)
    values = [r.target.value for r in rows]
    values += [r.target.baseline for r in rows if r.target.baseline is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)  # type: ignore[type-var]
    ticks = nice_ticks(lo, hi)  # type: ignore[arg-type]
    x0, x1 = LABEL_WIDTH, WIDTH - RIGHT_PAD

    def x_of(value: float) -> float:
        return x0 + (value - ticks[0]) / (ticks[-1] - ticks[0]) * (x1 - x0)

    out = [
        f'<svg class="chart" data-indicator="{headline.key}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(headline.title)}">',
        "<defs>",
        *(
            f'<marker id="arrow-{name}-{headline.key}" viewBox="0 0 10 10" refX="8" refY="5" '
            f'markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
            for name, colour in (("better", BETTER), ("worse", WORSE), ("flat", FLAT))
        ),
        "</defs>",
    ]
    axis_y = height - BOTTOM + 6
    for tick in ticks if rows else ():
        x = x_of(tick)
        out.append(
            f'<line class="grid" x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{axis_y}" stroke="#e3e6e8"/>'
            f'<text class="tick" x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">{_fmt(tick)}</text>'
        )
    out.append(
        f'<text class="axis-title" x="{x1:.1f}" y="{TOP - 14}" text-anchor="end">{escape(unit)}</text>'
        f'<text class="axis-title" x="{WIDTH - RIGHT_PAD + 8}" y="{TOP - 14}">target</text>'
    )
    for i, row in enumerate(rows):
        y = TOP + ROW_HEIGHT * i + ROW_HEIGHT / 2
        if i % 2:
            out.append(
                f'<rect x="0" y="{y - ROW_HEIGHT / 2:.1f}" width="{WIDTH}" height="{ROW_HEIGHT}" '
                'fill="#f6f8f9"/>'
            )
        name = escape(row.plan.title or row.plan.source_file)
        out.append(
            f'<text class="plan" x="{LABEL_WIDTH - 12}" y="{y + 4:.1f}" text-anchor="end">'
            f"<title>{name}</title>{escape(_short(row.label))}</text>"
        )
        out.append(_mark(row, y, x_of, headline, unit))
    if not rows:
        out.append(
            f'<text class="empty" x="{WIDTH / 2}" y="{TOP + ROW_HEIGHT / 2 + 4}" text-anchor="middle">'
            "no plan sets a comparable target</text>"
        )
    out.append("</svg>")
    svg = "".join(out)
    # marker ids are per chart, so two charts on one page never share (or shadow) a marker
    for name in ("better", "worse", "flat"):
        svg = svg.replace(f"url(#arrow-{name})", f"url(#arrow-{name}-{headline.key})")
    return svg


# -- HTML -----------------------------------------------------------------------------------------

CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Zen Hei", sans-serif; margin: 24px auto; max-width: 1040px; color: #222; padding: 0 16px; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 19px; margin-top: 40px; border-bottom: 2px solid #34495e; padding-bottom: 4px; }
p.lead, p.note { color: #555; font-size: 14px; line-height: 1.5; }
nav a { margin-right: 14px; font-size: 14px; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 13px; }
svg .tick, svg .axis-title { fill: #666; font-size: 12px; }
svg .value { fill: #222; font-size: 12px; }
svg .empty { fill: #888; }
.legend { font-size: 13px; color: #444; margin: 6px 0 2px; }
.legend span { margin-right: 16px; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin-top: 10px; }
th, td { border-bottom: 1px solid #dde1e4; padding: 4px 6px; text-align: left; }
th { background: #eef1f3; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td:first-child, td:nth-child(2) { white-space: nowrap; }
td:nth-child(9) { min-width: 10em; }
td:nth-child(10) { font-size: 12px; color: #555; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.no-target { font-size: 13px; columns: 2; color: #444; }
"""

# Click a header to sort its table by that column (numbers as numbers); click again to reverse.
SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th, col) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0];
    var asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var key = function (tr) {
      var c = tr.cells[col]; return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent;
    };
    Array.from(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var d = (!isNaN(nx) && !isNaN(ny)) ? nx - ny
        : (x === "" ? 1 : y === "" ? -1 : x.localeCompare(y, "zh"));
      return asc ? d : -d;
    }).forEach(function (tr) { body.appendChild(tr); });
  });
});
"""


def _td(text: object, sort: object = None, num: bool = False, tip: str | None = None) -> str:
    attrs = ' class="num"' if num else ""
    if tip:
        attrs += f' title="{escape(tip)}"'
    if sort is not None:
        attrs += f' data-sort="{escape(str(sort))}"'
    return f"<td{attrs}>{escape('' if text is None else str(text))}</td>"


def table_html(section: Section) -> str:
    unit = section.unit or ""
    head = ["plan", "period", "year", f"baseline ({unit})", f"target ({unit})", "change", "binding"]
    head += ["source", "wording", "other years"]
    out = [f'<table class="sortable" data-indicator="{section.headline.key}"><thead><tr>']
    out += [f"<th>{escape(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for row in section.rows:
        t = row.target
        change = None if t.baseline is None else round(t.value - t.baseline, 4)  # type: ignore[operator]
        others = "; ".join(
            f"{o.year or '每年'}: {COMPARATOR_GLYPHS.get(o.comparator, '')}{_fmt(o.value)}"
            for o in row.other_years
        )
        cells = [
            _td(row.label, sort=row.label, tip=f"{row.plan.title or ''} ({row.plan.source_file})"),
            _td(row.plan.period),
            _td(t.year or "每年", sort=t.year or 0, num=True),
            _td(
                "" if t.baseline is None else f"{_fmt(t.baseline)} ({t.baseline_year or '?'})",
                sort=_fmt(t.baseline),
                num=True,
            ),
            _td(f"{COMPARATOR_GLYPHS.get(t.comparator, '')}{_fmt(t.value)}", sort=_fmt(t.value), num=True),
            _td("" if change is None else f"{change:+g}", sort="" if change is None else change, num=True),
            _td(t.binding),
            _td(t.source),
            _td(t.indicator),
            _td(others),
        ]
        out.append(f'<tr data-doc="{row.plan.doc_id}">{"".join(cells)}</tr>')
    out.append("</tbody></table>")
    return "".join(out)


def section_html(section: Section) -> str:
    h = section.headline
    direction = "lower is better" if h.lower_is_better else "higher is better"
    out = [
        f'<section id="{h.key}" data-indicator="{h.key}">',
        f"<h2>{escape(h.title)} <small><code>{h.key}</code></small></h2>",
        f'<p class="note">{len(section.rows)} plans set a comparable target, {len(section.missing)} do not. '
        f"Unit: {escape(section.unit or 'mixed')}; {direction}.</p>",
        '<div class="legend"><span><span class="dot" style="border:2px solid #555;width:7px;height:7px">'
        "</span> baseline</span>"
        '<span><span class="dot" style="background:#34495e"></span> target (no baseline stated)</span>'
        f'<span style="color:{BETTER}">→ better than the baseline</span>'
        f'<span style="color:{WORSE}">→ looser than the baseline</span>'
        f'<span><span class="dot" style="background:{FLAT}"></span> same as the baseline</span></div>',
        chart_svg(section),
    ]
    if section.rows:
        out.append(table_html(section))
    if section.missing:
        out.append(f"<h3>Plans without a comparable target ({len(section.missing)})</h3>")
        out.append('<ul class="no-target">')
        out += [
            f'<li data-doc="{m.plan.doc_id}">{escape(m.label)} — {escape(m.reason)}'
            f" <small>({escape(m.plan.source_file)})</small></li>"
            for m in section.missing
        ]
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def render_report(sections: list[Section], title: str = "Headline indicators across plans") -> str:
    """The whole page as one string: no external resource of any kind."""
    n_plans = len(sections[0].rows) + len(sections[0].missing) if sections else 0
    nav = " ".join(f'<a href="#{s.headline.key}">{escape(s.headline.title)}</a>' for s in sections)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}</style></head><body>",
            f"<h1>{escape(title)}</h1>",
            f'<p class="lead">{n_plans} plans. For each headline indicator, each plan\'s baseline → target '
            "in the indicator's canonical unit, read from <code>v_indicator_panel</code> (the target for the "
            "plan's end year, else its latest). Click a table header to sort.</p>",
            f"<nav>{nav}</nav>",
            *(section_html(s) for s in sections),
            f"<script>{SCRIPT}</script>",
            "</body></html>",
        ]
    )


def write_report(conn: sqlite3.Connection, out: Path) -> list[Section]:
    """Write the report page to `out` (its folder is created) and return what it shows."""
    sections = build_sections(conn)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(sections), encoding="utf-8")
    return sections
