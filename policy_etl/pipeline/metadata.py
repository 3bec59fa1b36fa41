"""Document metadata: title, 文号, issuers, dates, region, plan period and kind.

Most of it lives in the front matter: the cover notice that publishes the plan, its 文号 and
signature, then the plan's own title. `read_front` finds those once; the section extractor uses
the same reading to know where the body starts, so a numbered line of the notice is never a
section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cn2an

from policy_etl.pipeline.context import Outline
from policy_etl.pipeline.patterns import front_matter as fm
from policy_etl.pipeline.patterns import issue_dates as dates
from policy_etl.pipeline.patterns import numbering, regions
from policy_etl.pipeline.patterns.five_year_plans import FIVE_YEAR_PLAN, FIVE_YEAR_PLANS
from policy_etl.schemas.document import Document, Paragraph
from policy_etl.schemas.records import FIRST_YEAR, LAST_YEAR, DocumentRecord, PlanKind


@dataclass(frozen=True)
class Front:
    """Where the front matter sits: notice, signature date, the plan's title lines, the body."""

    title: str | None = None
    title_blocks: tuple[int, ...] = ()
    notice: int | None = None
    notice_name: str | None = None
    notice_text: str | None = None
    body_start: int = 0
    title_date: str | None = None  # the date printed in brackets after the title (北京)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def _find_notice(paras: list[Paragraph]) -> tuple[int, int, str] | None:
    """(first, last) paragraph positions and joined text of the cover notice's title."""
    for i, para in enumerate(paras[: fm.FRONT_MAX_PARAGRAPHS]):
        if len(para.text) > fm.TITLE_MAX_CHARS * 2 or not fm.NOTICE_START.search(para.text):
            continue
        joined = fm.WEB_BYLINE.sub("", para.text)
        for j in range(i, min(i + 3, len(paras))):
            if j > i:
                joined += fm.WEB_BYLINE.sub("", paras[j].text)
            if fm.NOTICE_END.search(joined):
                return i, j, joined
    return None


def _notice_name(notice: str) -> str | None:
    match = fm.NOTICE_QUOTED.search(notice) or fm.NOTICE_BARE.search(notice)
    return match.group("name").strip() if match else None


def _match_title_lines(paras: list[Paragraph], start: int, name: str) -> tuple[int, ...] | None:
    """Positions of the 1–3 consecutive lines after `start` that spell the plan name."""
    target = _squash(name)
    for i in range(start, min(start + fm.FRONT_MAX_PARAGRAPHS, len(paras))):
        joined = ""
        for j in range(i, min(i + 3, len(paras))):
            joined += _squash(paras[j].text)
            if joined == target:
                return tuple(range(i, j + 1))
            if not target.startswith(joined):
                break
    return None


def _is_numbered(text: str) -> bool:
    return any(scheme.pattern.match(text) for scheme in numbering.SCHEMES)


def _is_title_line(text: str) -> bool:
    if len(text) > fm.TITLE_MAX_CHARS or "。" in text or _is_numbered(text):
        return False  # "（三）科学编制规划" is a heading of the body, not the plan's title
    return bool(fm.TITLE_END.search(text))


def _standalone_title(paras: list[Paragraph]) -> tuple[int, ...] | None:
    """Title lines of a document without a cover notice: a short line ending like a title."""
    for i, para in enumerate(paras[:15]):
        text = para.text
        if len(text) > fm.TITLE_MAX_CHARS or "。" in text or parse_issue_date(text):
            continue  # a signature date line is not the start of the title below it (辽宁)
        nxt = paras[i + 1].text if i + 1 < len(paras) else ""
        if _is_title_line(text):
            return (i, i + 1) if fm.TITLE_CONTINUATION.match(nxt) else (i,)
        if nxt and _is_title_line(text + nxt) and len(nxt) <= fm.TITLE_MAX_CHARS:
            return (i, i + 1)
    return None


def _self_named_title(paras: list[Paragraph]) -> str | None:
    for para in paras[:10]:
        match = fm.SELF_NAMED.search(para.text)
        if match:
            return match.group("name")
    return None


def _without_title_date(front: Front) -> Front:
    """ "X的实施意见（2022年3月24日）" → title X的实施意见, dated 2022-03-24."""
    found = fm.TITLE_DATE_SUFFIX.search(front.title or "")
    if front.title is None or found is None:
        return front
    date = parse_issue_date(re.sub(r"\s+", "", found["date"]))
    return replace(front, title=front.title[: found.start()], title_date=date)


def read_front(doc: Document) -> Front:
    return _without_title_date(_read_front(doc))


def _read_front(doc: Document) -> Front:
    paras = _paragraphs(doc)
    notice = _find_notice(paras)
    if notice is not None:
        first, last, text = notice
        name = _notice_name(text)
        lines = _match_title_lines(paras, last + 1, name) if name else None
        if lines is None:
            return Front(name, (), paras[first].index, name, text, paras[last].index + 1)
        title = "".join(paras[k].text for k in lines)
        blocks = tuple(paras[k].index for k in lines)
        return Front(title, blocks, paras[first].index, name, text, blocks[-1] + 1)
    lines = _standalone_title(paras)
    if lines is not None:
        blocks = tuple(paras[k].index for k in lines)
        return Front("".join(paras[k].text for k in lines), blocks, body_start=blocks[-1] + 1)
    return Front(_self_named_title(paras))


def body_start(doc: Document) -> int:
    """Index of the first block of the plan's body (after notice and title)."""
    return read_front(doc).body_start


def _front_paragraphs(doc: Document, front: Front) -> list[Paragraph]:
    end = front.title_blocks[0] if front.title_blocks else front.body_start
    return [p for p in _paragraphs(doc) if p.index < end]


def _numeral(text: str) -> int:
    return int(text) if text.isdigit() else int(cn2an.cn2an(text, "normal"))


def _year_of_cn(text: str) -> int:
    """二〇二〇 → 2020: a year is read digit by digit, not as a quantity."""
    return int("".join(str(_numeral(ch)) for ch in text)) if not text.isdigit() else int(text)


def parse_issue_date(text: str) -> str | None:
    """A paragraph that is only a date → ISO date; anything else → None."""
    for pattern in dates.ISSUE_DATE_LINE:
        match = pattern.match(text.strip())
        if match:
            year, month, day = _year_of_cn(match["y"]), _numeral(match["m"]), _numeral(match["d"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _date_paragraph(front: list[Paragraph]) -> int | None:
    return next((i for i, p in enumerate(front) if parse_issue_date(p.text)), None)


def _issuers(front: list[Paragraph], date_at: int | None, notice: str | None) -> list[str]:
    """The signature lines right above the issue date; else the organ named in the notice."""
    found: list[str] = []
    if date_at is not None:
        for para in reversed(front[:date_at]):
            if not fm.ISSUER_LINE.match(para.text):
                break
            found.insert(0, para.text)
    if not found and notice:
        match = fm.NOTICE_ISSUER.match(notice)
        if match and fm.ISSUER_LINE.match(match["issuer"]):
            found.append(match["issuer"])
    return found


def _doc_number(front: list[Paragraph]) -> str | None:
    return next((_squash(p.text) for p in front if fm.DOC_NUMBER.match(p.text)), None)


def title_region(title: str | None) -> str | None:
    if not title:
        return None
    match = regions.TITLE_PLACE.match(title)
    if match is None or not regions.is_region_name(match["place"]):
        return None
    return match["place"]


def _deepest_place(names: list[str]) -> str | None:
    places = [
        m.group(0)
        for name in names
        for m in regions.PLACE.finditer(name)
        if regions.is_region_name(m.group(0))
    ]
    return max(places, key=regions.depth) if places else None


def _scope_region(doc: Document) -> str | None:
    for para in _paragraphs(doc):
        match = regions.SCOPE_STATEMENT.search(para.text)
        if match and regions.is_region_name(match["place"]):
            return match["place"]
    return None


def _region(doc: Document, title: str | None, issuers: list[str]) -> str | None:
    return title_region(title) or _deepest_place(issuers) or _scope_region(doc)


def plan_kind(title: str | None) -> PlanKind:
    for pattern, kind in fm.PLAN_KIND_BY_TITLE:
        if title and pattern.search(title):
            return kind  # type: ignore[return-value]
    return "其他"


def period_of_title(title: str | None) -> tuple[int, int] | None:
    if not title:
        return None
    match = dates.YEAR_RANGE.search(title)
    if match:
        return int(match["start"]), int(match["end"])
    annual = dates.ANNUAL_TITLE.search(title)
    if annual:
        return int(annual["year"]), int(annual["year"])
    fyp = FIVE_YEAR_PLAN.search(title)
    return FIVE_YEAR_PLANS[fyp.group(0)] if fyp else None


def _stated_period(doc: Document) -> tuple[int, int] | None:
    for para in _paragraphs(doc):
        match = dates.PERIOD_STATEMENT.search(para.text)
        if match:
            return int(match["start"]), int(match["end"])
    return None


def _derived_period(doc: Document, start: int | None, body: int) -> tuple[int, int] | None:
    """From the issue year to the latest goal year of the body ("到2022年,全面建成…")."""
    if start is None:
        return None
    years = [
        int(m["year"])
        for p in _paragraphs(doc)
        if p.index >= body
        for m in dates.GOAL_YEAR.finditer(p.text)
        if start <= int(m["year"]) <= start + dates.MAX_DERIVED_SPAN
    ]
    return (start, max(years)) if years else None


def base_year(doc: Document) -> int | None:
    for para in _paragraphs(doc):
        for pattern in dates.BASE_YEAR:
            match = pattern.search(para.text)
            if match and FIRST_YEAR <= int(match["year"]) <= LAST_YEAR:
                return int(match["year"])
    return None


def _within_years(period: tuple[int, int] | None) -> tuple[int, int] | None:
    """The period, unless a year is outside what a record holds (a typo such as 1021—1025年)."""
    return period if period and all(FIRST_YEAR <= year <= LAST_YEAR for year in period) else None


def _period(doc: Document, front: Front, kind: PlanKind, issue: str | None) -> tuple[int, int] | None:
    found = _within_years(period_of_title(front.title)) or _within_years(_stated_period(doc))
    if found is None and kind != "其他":
        found = _within_years(_derived_period(doc, int(issue[:4]) if issue else None, front.body_start))
    return found


def extract_metadata(doc: Document, outline: Outline) -> DocumentRecord:
    front = read_front(doc)
    head = _front_paragraphs(doc, front)
    date_at = _date_paragraph(head)
    issue = parse_issue_date(head[date_at].text) if date_at is not None else front.title_date
    issuers = _issuers(head, date_at, front.notice_text)
    kind = plan_kind(front.title)
    period = _period(doc, front, kind, issue)
    return DocumentRecord(
        source_file=doc.source_file,
        sha256=doc.sha256,
        format=doc.format,
        n_pages=doc.n_pages,
        title=front.title,
        doc_number=_doc_number(head),
        issuers=issuers,
        issue_date=issue,
        region=_region(doc, front.title, issuers),
        plan_kind=kind,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        base_year=base_year(doc),
    )
