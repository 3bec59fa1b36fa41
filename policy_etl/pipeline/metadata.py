"""Document metadata: title, 文号, issuers, dates, region, plan period and kind.

Most of it lives in the front matter: the cover notice that publishes the plan, its 文号 and
signature, then the plan's own title. `read_front` finds those once; the section extractor uses
the same reading to know where the body starts, so a numbered line of the notice is never a
section.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

import cn2an

from policy_etl.pipeline.context import Outline
from policy_etl.pipeline.patterns import front_matter as fm
from policy_etl.pipeline.patterns import issue_dates as dates
from policy_etl.pipeline.patterns import numbering, regions
from policy_etl.pipeline.patterns.five_year_plans import FIVE_YEAR_PLAN, FIVE_YEAR_PLANS
from policy_etl.pipeline.patterns.numbers import fold_digits
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


def _key(text: str) -> str:
    """A name as compared across its printings: no spaces, one dash (2021—2023 / 2021-2023)."""
    return fm.DASHES.sub("-", _squash(text))


def _paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def _is_date_like(text: str) -> bool:
    return bool(fm.DATE_LIKE_LINE.match(text))


def _notice_starts(paras: list[Paragraph], i: int) -> bool:
    """Does a cover notice's title begin on line i? "关于印发" may wrap: "…办公室关于" / "印发…的通知"."""
    head = _squash(paras[i].text)
    nxt = _squash(paras[i + 1].text) if i + 1 < len(paras) else ""
    found = fm.NOTICE_START.search(head + nxt[:4])
    return found is not None and found.start() < len(head)


def _find_notice(paras: list[Paragraph]) -> tuple[int, int, str] | None:
    """(first, last) paragraph positions and joined text of the cover notice's title."""
    for i, para in enumerate(paras[: fm.FRONT_MAX_PARAGRAPHS]):
        if len(para.text) > fm.TITLE_MAX_CHARS * 2 or not _notice_starts(paras, i):
            continue
        joined = ""
        for j in range(i, min(i + 3, len(paras))):
            if j > i and _is_date_like(paras[j].text):
                break  # a scattered date line never continues a notice's title
            joined += fm.WEB_BYLINE.sub("", paras[j].text)
            joined = fm.GLUED_DIGITS_START.sub("", joined)
            if fm.NOTICE_END.search(joined):
                return i, j, joined
    return None


def _notice_name(notice: str) -> str | None:
    match = fm.NOTICE_QUOTED.search(notice) or fm.NOTICE_BARE.search(notice)
    return match.group("name").strip() if match else None


def _body_name(paras: list[Paragraph], start: int, reach: int) -> tuple[int, str] | None:
    """Position and name of the plan as a notice's body quotes it ("《X》已经…，现印发给你们")."""
    for k in range(start, min(start + reach, len(paras))):
        found = fm.NOTICE_BODY_NAME.search(paras[k].text)
        if found is None or len(paras[k].text) > fm.TITLE_MAX_CHARS * 4:
            continue
        window = paras[k].text + (paras[k + 1].text if k + 1 < len(paras) else "")
        if fm.NOTICE_BODY.search(window):  # the body may wrap before 印发你们 (天水)
            return k, found["name"].strip()
    return None


def _after_signature(paras: list[Paragraph], k: int) -> int:
    """Position of the first paragraph after a notice body's signature, its date and a
    publication tag ("（此件公开发布）"); k + 1 when no date follows closely."""
    for d in range(k + 1, min(k + 1 + fm.SIGNATURE_MAX_PARAGRAPHS, len(paras))):
        if parse_issue_date(paras[d].text):
            end = d + 1
            while end < len(paras) and fm.PUBLICATION_TAG.match(_squash(paras[end].text)):
                end += 1
            return end
    return k + 1


def _match_title_lines(paras: list[Paragraph], start: int, name: str) -> tuple[int, ...] | None:
    """Positions of the 1–3 consecutive lines after `start` that spell the plan name."""
    target = _key(name)
    for i in range(start, min(start + fm.FRONT_MAX_PARAGRAPHS, len(paras))):
        joined = ""
        for j in range(i, min(i + 3, len(paras))):
            joined += _key(paras[j].text)
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
        if len(text) > fm.TITLE_MAX_CHARS or "。" in text or parse_issue_date(text) or _is_date_like(text):
            continue  # a signature date line is not the start of the title below it (辽宁)
        nxt = paras[i + 1].text if i + 1 < len(paras) else ""
        if _is_date_like(nxt):
            nxt = ""  # nor is a date line the end of the title above it
        if _is_title_line(text):
            return (i, i + 1) if fm.TITLE_CONTINUATION.match(nxt) else (i,)
        if nxt and _is_title_line(text + nxt) and len(nxt) <= fm.TITLE_MAX_CHARS:
            return (i, i + 1)
    return None


def _self_named_title(paras: list[Paragraph]) -> str | None:
    for para in paras[:10]:
        match = fm.SELF_NAMED_QUOTED.search(para.text) or fm.SELF_NAMED.search(para.text)
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


def clean_title(title: str | None) -> str | None:
    """A title without digits that line assembly glued to it ("２０２１６２甘肃省…" → "甘肃省…")
    and without an attachment label ("附件1：X规划" → "X规划")."""
    if title is None:
        return None
    cleaned = fm.GLUED_DIGITS_END.sub("", fm.GLUED_DIGITS_START.sub("", title)).strip()
    cleaned = fm.ATTACHMENT_LABEL.sub("", cleaned) or cleaned
    return cleaned or None


def read_front(doc: Document) -> Front:
    front = _without_title_date(_read_front(doc))
    return replace(front, title=clean_title(front.title))


def _plan_front(paras: list[Paragraph], after: int, names: list[str], notice: Front) -> Front:
    """The plan's title lines after position `after`, spelling the first of `names` that is printed;
    without them the title is the first name and `notice.body_start` stands."""
    for candidate in names:
        lines = _match_title_lines(paras, after, candidate)
        if lines is not None:
            blocks = tuple(paras[k].index for k in lines)
            title = "".join(paras[k].text for k in lines)
            return replace(notice, title=title, title_blocks=blocks, body_start=blocks[-1] + 1)
    return replace(notice, title=names[0] if names else None)


def _block_after_signature(paras: list[Paragraph], body_at: int) -> int:
    end = _after_signature(paras, body_at)
    return paras[end].index if end < len(paras) else paras[-1].index + 1


def _front_of_notice(paras: list[Paragraph], first: int, last: int, text: str) -> Front:
    """The plan's title under a cover notice: the name the notice gives, or the fuller one its body
    quotes when the notice's title drops the place ("关于印发“十四五”生态环境保护规划的通知", 商洛)."""
    name = _notice_name(text)
    body = _body_name(paras, last + 1, fm.SIGNATURE_MAX_PARAGRAPHS)
    names = [name] if name else []
    if body and (name is None or _key(body[1]).endswith(_key(name))):
        names.insert(0, body[1])
    start = _block_after_signature(paras, body[0]) if body else paras[last].index + 1
    notice = Front(notice=paras[first].index, notice_name=name, notice_text=text, body_start=start)
    return _plan_front(paras, last + 1, names, notice)


def _front_of_notice_body(paras: list[Paragraph]) -> Front | None:
    """A cover notice whose title is not printed, only its 文号 and body (白银): the body names the plan."""
    body = _body_name(paras, 0, fm.NOTICE_BODY_REACH)
    if body is None:
        return None
    at, name = body
    notice = Front(notice=paras[at].index, notice_name=name, body_start=_block_after_signature(paras, at))
    return _plan_front(paras, at + 1, [name], notice)


def _read_front(doc: Document) -> Front:
    paras = _paragraphs(doc)
    notice = _find_notice(paras)
    if notice is not None:
        return _front_of_notice(paras, *notice)
    by_body = _front_of_notice_body(paras)
    if by_body is not None:
        return by_body
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
    """A paragraph that is only a date → ISO date; anything else → None. Full-width digits
    (２０２１１１２７, a gazette's scattered signature date) read as digits."""
    text = unicodedata.normalize("NFKC", text)
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
    """The signature lines right above the issue date; else the organ named in the notice. A
    signature wrapped over two lines ("宁夏回" / "族自治区人民政府办公厅") is one issuer."""
    found: list[str] = []
    if date_at is not None:
        for para in reversed(front[:date_at]):
            if fm.ISSUER_LINE.match(para.text):
                found.insert(0, para.text)
            elif found and fm.ISSUER_LINE.match(para.text + found[0]) and not _is_date_like(para.text):
                found[0] = para.text + found[0]
            else:
                break
    if not found and notice:
        match = fm.NOTICE_ISSUER.match(notice)
        if match and fm.ISSUER_LINE.match(match["issuer"]):
            found.append(match["issuer"])
    return found


def _doc_number(front: list[Paragraph]) -> str | None:
    """The 文号 line, with its brackets as 〔〕 and its digits folded to ASCII."""
    for para in front:
        text = fold_digits(para.text)  # a gazette sets the 文号's digits full-width: 〔２０２１〕１０５号
        if fm.DOC_NUMBER.match(text):
            return _squash(text).translate(fm.DOC_NUMBER_BRACKETS)
    return None


def title_region(title: str | None) -> str | None:
    """The place a title starts with ("甘南州“十四五”…" → 甘南州), kept as printed."""
    if not title:
        return None
    match = regions.TITLE_PLACE.match(title)
    if match is None or not regions.is_region_name(match["place"]):
        return None
    return match["place"]


def _title_province(title: str | None, doc: Document) -> str | None:
    """A province named short at the start of a title (新疆生态环境保护“十四五”规划): its full name
    when the document prints it (新疆维吾尔自治区), else the short name as printed."""
    match = regions.TITLE_PROVINCE.match(title or "")
    if match is None:
        return None
    full = regions.PROVINCES[match["short"]]
    return full if any(full in p.text for p in _paragraphs(doc)) else match["short"]


def _is_national(title: str | None, issuers: list[str], notice: str | None) -> bool:
    """Issued by the Party centre, the State Council or a ministry: in the signature, before the
    notice's 关于印发, or before the 关于 of a title ("中共中央 国务院关于…的意见")."""
    heads = [*issuers]
    for text in (notice, title):
        if text and "关于" in text:
            heads.append(_squash(text.split("关于", 1)[0]))
    return any(regions.NATIONAL_ISSUER.match(head) for head in heads if head)


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


def _opening_region(doc: Document) -> str | None:
    """The deepest place an opening line names by one of its organs (…海拉尔区人民政府代区长);
    places inside a quoted document name (根据《甘肃省人民政府关于…》) are someone else's."""
    found: list[str] = []
    for para in _paragraphs(doc)[: regions.OPENING_PARAGRAPHS]:
        text = regions.QUOTED_NAME.sub("", para.text)
        for m in regions.PLACE.finditer(text):
            if regions.is_region_name(m.group(0)) and regions.ORGAN_AFTER_PLACE.match(text, m.end()):
                found.append(m.group(0))
    return max(found, key=regions.depth) if found else None


def _region(doc: Document, front: Front, issuers: list[str]) -> str | None:
    """The area the plan governs: 全国 for a national issuer; else the place its title starts
    with, its issuers' deepest place, its stated scope, or the place its opening lines name."""
    title = front.title
    if _is_national(title, issuers, front.notice_text):
        return regions.NATIONAL_REGION
    return (
        title_region(title)
        or _title_province(title, doc)
        or _deepest_place(issuers)
        or _scope_region(doc)
        or _opening_region(doc)
    )


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


def _period(doc: Document, front: Front, issue: str | None) -> tuple[int, int] | None:
    found = _within_years(period_of_title(front.title)) or _within_years(_stated_period(doc))
    if found is None and fm.PROGRAMME_TITLE.search(front.title or ""):
        found = _within_years(_derived_period(doc, int(issue[:4]) if issue else None, front.body_start))
    return found


def extract_metadata(doc: Document, outline: Outline) -> DocumentRecord:
    front = read_front(doc)
    head = _front_paragraphs(doc, front)
    date_at = _date_paragraph(head)
    issue = parse_issue_date(head[date_at].text) if date_at is not None else front.title_date
    issuers = _issuers(head, date_at, front.notice_text)
    kind = plan_kind(front.title)
    period = _period(doc, front, issue)
    return DocumentRecord(
        source_file=doc.source_file,
        sha256=doc.sha256,
        format=doc.format,
        n_pages=doc.n_pages,
        ocr_pages=len(doc.ocr_pages),
        title=front.title,
        doc_number=_doc_number(head),
        issuers=issuers,
        issue_date=issue,
        region=_region(doc, front, issuers),
        plan_kind=kind,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        base_year=base_year(doc),
    )
