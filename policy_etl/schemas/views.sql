-- The public query contract (shared/spec/public-views.md): names and columns are a stable API.
-- Add columns at the end freely; never rename or drop one without a migration note in the README.
-- Statements are separated by a line holding only the end-of-statement marker below,
-- so the loader can run them one by one.

DROP VIEW IF EXISTS v_documents;
--;
CREATE VIEW v_documents AS
SELECT d.id AS doc_id, d.source_file, d.sha256, d.format, d.title, d.doc_number,
       json(d.issuers) AS issuers, d.issue_date, d.region, d.plan_kind,
       d.period_start, d.period_end, d.base_year, d.ocr_pages
FROM documents d;
--;
DROP VIEW IF EXISTS v_sections;
--;
CREATE VIEW v_sections AS
SELECT s.document_id AS doc_id, s.id AS section_id, s.parent_id, s.level, s.label, s.title, s.ordinal,
       o.confidence AS ocr_confidence
FROM sections s LEFT JOIN ocr_blocks o ON o.document_id = s.document_id AND o.block = s.block;
--;
DROP VIEW IF EXISTS v_targets;
--;
CREATE VIEW v_targets AS
SELECT t.document_id AS doc_id, t.section_id, t.indicator, t.indicator_key, t.comparator, t.value,
       t.unit, t.year, t.baseline, t.baseline_year, t.binding, t.source, t.quote,
       t.table_id, t.value_std, t.unit_std, t.baseline_std, o.confidence AS ocr_confidence
FROM targets t LEFT JOIN ocr_blocks o ON o.document_id = t.document_id AND o.block = t.block;
--;
DROP VIEW IF EXISTS v_deadlines;
--;
CREATE VIEW v_deadlines AS
SELECT d.document_id AS doc_id, d.section_id, d.year, d.month, d.day, d.kind, d.quote, d.table_id
FROM deadlines d;
--;
DROP VIEW IF EXISTS v_responsibilities;
--;
CREATE VIEW v_responsibilities AS
SELECT r.document_id AS doc_id, r.table_title, r.group_name, r.task,
       (SELECT json_group_array(name) FROM (
            SELECT o.name FROM responsibility_units ru JOIN organizations o ON o.id = ru.organization_id
            WHERE ru.responsibility_id = r.id AND ru.role = 'lead' ORDER BY ru.position)) AS lead_units,
       (SELECT json_group_array(name) FROM (
            SELECT o.name FROM responsibility_units ru JOIN organizations o ON o.id = ru.organization_id
            WHERE ru.responsibility_id = r.id AND ru.role = 'support' ORDER BY ru.position)) AS support_units,
       r.no, r.section_id
FROM responsibilities r;
--;
DROP VIEW IF EXISTS v_projects;
--;
CREATE VIEW v_projects AS
SELECT p.document_id AS doc_id, p.table_title, p.category, p.no, p.name, p.content, p.investment,
       p.investment_value, p.period, p.start_year, p.end_year, p.implementer, p.indicators, p.section_id
FROM projects p;
--;
DROP VIEW IF EXISTS v_glossary;
--;
CREATE VIEW v_glossary AS
SELECT g.document_id AS doc_id, g.term, g.definition, g.section_id
FROM glossary_terms g;
--;
DROP VIEW IF EXISTS v_tables;
--;
CREATE VIEW v_tables AS
SELECT t.document_id AS doc_id, t.id AS table_id, t.section_id, t.title, t.kind, t.n_rows, t.n_cols, t.page,
       o.confidence AS ocr_confidence
FROM doc_tables t LEFT JOIN ocr_blocks o ON o.document_id = t.document_id AND o.block = t.block;
--;
DROP VIEW IF EXISTS v_table_cells;
--;
CREATE VIEW v_table_cells AS
SELECT t.document_id AS doc_id, c.table_id, c.row, c.col, c.row_span, c.col_span, c.text
FROM table_cells c JOIN doc_tables t ON t.id = c.table_id;
--;
DROP VIEW IF EXISTS v_indicator_panel;
--;
-- One row per plan, keyed indicator and year, so plans compare in one column. When a plan states
-- several targets for one key and year, one is picked, deterministically: first one whose value
-- converts to the canonical unit (value_std not null), then a table's over the prose's (an
-- indicator table is the plan's own summary), then the first in document order.
CREATE VIEW v_indicator_panel AS
SELECT doc_id, region, title, period_end, indicator_key, indicator, year, comparator,
       value_std, unit_std, baseline_std, baseline_year, binding, source
FROM (
    SELECT t.document_id AS doc_id, d.region, d.title, d.period_end, t.indicator_key, t.indicator,
           t.year, t.comparator, t.value_std, t.unit_std, t.baseline_std, t.baseline_year, t.binding,
           t.source,
           row_number() OVER (
               PARTITION BY t.document_id, t.indicator_key, t.year
               ORDER BY t.value_std IS NULL, t.source <> 'table', t.block, t.id
           ) AS pick
    FROM targets t JOIN documents d ON d.id = t.document_id
    WHERE t.indicator_key IS NOT NULL
)
WHERE pick = 1;
