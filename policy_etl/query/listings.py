"""Ready-made cross-plan listings behind `etl responsibilities`, `etl projects` and `etl stats`.

Each returns (columns, rows) from the public views, so what the CLI shows is exactly what a
researcher gets from the same SQL.
"""

from __future__ import annotations

import sqlite3

from policy_etl.query.connection import run_sql

Rows = tuple[list[str], list[tuple]]


def targets(
    conn: sqlite3.Connection,
    *,
    indicator: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> Rows:
    """Targets across plans, by indicator key (or wording), region (or title, file name) and year."""
    sql = """
    SELECT d.doc_id, d.source_file, d.title, d.region, d.period_end,
           t.indicator, t.indicator_key, t.comparator, t.value, t.unit, t.year,
           t.baseline, t.baseline_year, t.binding, t.source, t.quote,
           t.value_std, t.unit_std, t.baseline_std, t.table_id
    FROM v_targets t JOIN v_documents d ON d.doc_id = t.doc_id
    WHERE (:indicator IS NULL OR t.indicator_key = :indicator OR t.indicator LIKE '%' || :indicator || '%')
      AND (:region IS NULL OR d.region LIKE '%' || :region || '%' OR d.title LIKE '%' || :region || '%'
           OR d.source_file LIKE '%' || :region || '%')
      AND (:year IS NULL OR t.year = :year)
    ORDER BY t.indicator_key IS NULL, t.indicator_key, t.year, d.source_file, t.value
    """
    return run_sql(conn, sql, {"indicator": indicator, "region": region, "year": year})


def responsibilities(conn: sqlite3.Connection, *, unit: str | None = None, role: str | None = None) -> Rows:
    """Tasks with their lead and supporting units; `unit` keeps tasks naming that unit (substring)."""
    sql = """
    SELECT d.source_file, r.group_name, r.task, r.lead_units, r.support_units
    FROM v_responsibilities r JOIN v_documents d USING (doc_id)
    WHERE :unit IS NULL
       OR (coalesce(:role, 'lead') = 'lead' AND EXISTS (
              SELECT 1 FROM json_each(r.lead_units) u WHERE u.value LIKE '%' || :unit || '%'))
       OR (coalesce(:role, 'support') = 'support' AND EXISTS (
              SELECT 1 FROM json_each(r.support_units) u WHERE u.value LIKE '%' || :unit || '%'))
    ORDER BY d.doc_id, r.rowid
    """
    return run_sql(conn, sql, {"unit": unit, "role": role})


def projects(
    conn: sqlite3.Connection, *, min_investment: float | None = None, category: str | None = None
) -> Rows:
    """Key projects across plans, optionally those of at least `min_investment` 亿元."""
    sql = """
    SELECT d.source_file, p.category, p.no, p.name, p.investment, p.investment_value, p.period, p.implementer
    FROM v_projects p JOIN v_documents d USING (doc_id)
    WHERE (:min IS NULL OR p.investment_value >= :min)
      AND (:category IS NULL OR p.category LIKE '%' || :category || '%')
    ORDER BY d.doc_id, p.rowid
    """
    return run_sql(conn, sql, {"min": min_investment, "category": category})


STATS_SQL = """
SELECT d.doc_id, d.source_file, d.format,
    (SELECT count(*) FROM v_sections s WHERE s.doc_id = d.doc_id) AS sections,
    (SELECT count(*) FROM v_tables t WHERE t.doc_id = d.doc_id) AS tables,
    (SELECT count(*) FROM v_targets t WHERE t.doc_id = d.doc_id) AS targets,
    (SELECT count(*) FROM v_targets t
        WHERE t.doc_id = d.doc_id AND t.indicator_key IS NOT NULL) AS keyed_targets,
    (SELECT count(*) FROM v_deadlines x WHERE x.doc_id = d.doc_id) AS deadlines,
    (SELECT count(*) FROM v_responsibilities x WHERE x.doc_id = d.doc_id) AS responsibilities,
    (SELECT count(*) FROM v_projects x WHERE x.doc_id = d.doc_id) AS projects,
    (SELECT count(*) FROM v_glossary x WHERE x.doc_id = d.doc_id) AS glossary,
    d.ocr_pages
FROM v_documents d
ORDER BY d.doc_id
"""


def stats(conn: sqlite3.Connection) -> Rows:
    """Per document, how many records of each kind were extracted, and how many pages were
    read by OCR (a scan's records deserve a second look)."""
    return run_sql(conn, STATS_SQL)
