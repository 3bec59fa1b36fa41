"""How a 名词解释 appendix prints its terms.

Seed 004 ends with "附件: 名词解释", then a term line ("“五水共治”", "能源“双控”行动") followed by
its definition line(s). A term line is short and is not a sentence; a definition is. One line
may hold several quoted terms ("“四个全面”“四个意识”“四个自信"), each defined by one of the
lines that follow.
"""

from __future__ import annotations

import re

# The heading that opens a glossary: 附件: 名词解释, 名词解释, 术语解释, 附录 名词术语.
GLOSSARY_HEADING = re.compile(
    r"^\s*(?:附\s*[件录]\s*\d*\s*[:：.．、]?\s*)?(?:名词解释|术语解释|名词术语|术语表)\s*$"
)

# What ends a glossary: the next attachment or appendix heading.
GLOSSARY_END = re.compile(r"^\s*附\s*[件录]\s*\d")

# The longest line still read as a term; definitions are sentences and run longer.
MAX_TERM_CHARS = 30

# A term line is not a sentence: it has no full stop at its end and no clause comma inside.
SENTENCE_MARKS = re.compile(r"[。；;！!？?]\s*$|[，,]")

# Quotation marks printed around terms; they are not part of the term.
QUOTE_CHARS = '“”"‘’「」『』'

# One quoted term, its closing quote sometimes missing at the end of a line ("“四个自信").
QUOTED_TERM = re.compile(r"[“\"「『]([^“”\"「」『』]+)[”\"」』]?")

# Glossary tables: a term column and a definition column.
TERM_HEADER = re.compile(r"名词|术语|词条|概念")
DEFINITION_HEADER = re.compile(r"解释|释义|含义|定义|说明|内涵")


def is_term_line(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= MAX_TERM_CHARS and not SENTENCE_MARKS.search(text)


def split_terms(text: str) -> list[str]:
    """The terms a term line names: several when it is nothing but quoted terms, else one."""
    quoted = QUOTED_TERM.findall(text)
    rest = QUOTED_TERM.sub("", text).strip(" 、，,和与及")
    if len(quoted) > 1 and not rest:
        return [clean_term(term) for term in quoted]
    return [clean_term(text)]


def clean_term(text: str) -> str:
    return text.translate(str.maketrans("", "", QUOTE_CHARS)).strip()
