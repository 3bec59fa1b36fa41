"""Records the extractors produce: the contract between extraction and loading.

Every record is validated here, before the loader sees it, so a bad value is reported with its
field instead of reaching the database. Records refer to each other by position within the
document (a section's `ordinal`, a table's `index`), never by database id: ids belong to the
loader, and positions keep the golden snapshots stable.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Years a plan of the People's Republic can name; extractors skip others instead of failing the file.
FIRST_YEAR, LAST_YEAR = 1949, 2100
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Comparator = Literal["<=", ">=", "=", "<", ">"]
Binding = Literal["约束性", "预期性", "参考性", "导向性"]
TableKind = Literal["indicator", "responsibility", "project", "glossary", "other"]
PlanKind = Literal["规划", "行动方案", "其他"]
DeadlineKind = Literal["by", "from"]
TargetSource = Literal["text", "table"]
NonEmpty = Annotated[str, Field(min_length=1)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DocumentRecord(Record):
    source_file: NonEmpty
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    format: str
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = []
    issue_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    region: str | None = None
    plan_kind: PlanKind | None = None
    period_start: Year | None = None
    period_end: Year | None = None
    base_year: Year | None = None
    n_pages: int | None = None
    ocr_pages: Annotated[int, Field(ge=0)] = 0  # pages whose text was read by OCR (PDF)


class SectionRecord(Record):
    ordinal: Annotated[int, Field(ge=1)]  # 1-based position among the document's sections
    parent: int | None = None  # the parent's ordinal
    level: Annotated[int, Field(ge=1)]
    label: NonEmpty
    title: str
    text: str = ""
    block: int  # index of the heading's block
    page: int | None = None


class CellRecord(Record):
    row: Annotated[int, Field(ge=0)]
    col: Annotated[int, Field(ge=0)]
    row_span: Annotated[int, Field(ge=1)] = 1
    col_span: Annotated[int, Field(ge=1)] = 1
    text: str


class TableRecord(Record):
    index: int  # the table block's index in the document
    section: int | None = None
    title: str | None = None
    kind: TableKind = "other"
    n_rows: Annotated[int, Field(ge=0)]
    n_cols: Annotated[int, Field(ge=0)]
    page: int | None = None
    cells: list[CellRecord]


class TargetRecord(Record):
    section: int | None = None
    indicator: NonEmpty
    indicator_key: str | None = None
    comparator: Comparator
    value: float
    unit: str | None = None
    year: Year | None = None
    baseline: float | None = None
    baseline_year: Year | None = None
    binding: Binding | None = None
    source: TargetSource
    quote: NonEmpty
    block: int
    table: int | None = None  # the table block's index when source == "table"
    # The value and baseline in the indicator's canonical unit (patterns/unit_conversions.py);
    # null when the target has no key or its unit does not convert. Set by targets.extract.
    value_std: float | None = None
    unit_std: str | None = None
    baseline_std: float | None = None


class DeadlineRecord(Record):
    section: int | None = None
    year: Year
    month: Annotated[int, Field(ge=1, le=12)] | None = None
    day: Annotated[int, Field(ge=1, le=31)] | None = None
    kind: DeadlineKind
    quote: NonEmpty
    block: int
    table: int | None = None  # the table block's index when a table cell states it; None in prose


class ResponsibilityRecord(Record):
    section: int | None = None
    table: int | None = None  # None for inline notes in prose
    table_title: str | None = None
    group_name: str | None = None
    no: str | None = None  # 序号 as printed
    task: NonEmpty
    lead_units: list[NonEmpty] = []
    support_units: list[NonEmpty] = []
    block: int

    @field_validator("lead_units", "support_units")
    @classmethod
    def _no_duplicates(cls, units: list[str]) -> list[str]:
        return list(dict.fromkeys(units))


class ProjectRecord(Record):
    section: int | None = None
    table: int | None = None
    table_title: str | None = None
    category: str | None = None
    no: str | None = None
    name: NonEmpty
    content: str | None = None
    investment: str | None = None
    investment_value: float | None = None  # in 亿元
    period: str | None = None
    start_year: Year | None = None
    end_year: Year | None = None
    implementer: str | None = None
    indicators: str | None = None
    block: int


class GlossaryRecord(Record):
    section: int | None = None
    term: NonEmpty
    definition: NonEmpty
    block: int


class PassageRecord(Record):
    """A paragraph or a table cell, with its words segmented for the full-text index."""

    section: int | None = None
    table: int | None = None
    cell_row: int | None = None
    cell_col: int | None = None
    block: int
    text: str
    tokens: str


class OcrBlockRecord(Record):
    """A block (paragraph or table) read by OCR from a page image, with the mean confidence of
    its characters: every record whose `block` is this one was read from an image."""

    block: int
    page: int | None = None
    confidence: Annotated[float, Field(ge=0, le=1)]


class Extraction(Record):
    """Everything extracted from one document: what the loader writes and the goldens hold."""

    document: DocumentRecord
    sections: list[SectionRecord] = []
    tables: list[TableRecord] = []
    targets: list[TargetRecord] = []
    deadlines: list[DeadlineRecord] = []
    responsibilities: list[ResponsibilityRecord] = []
    projects: list[ProjectRecord] = []
    glossary: list[GlossaryRecord] = []
    passages: list[PassageRecord] = []
    ocr_blocks: list[OcrBlockRecord] = []
