"""Which pipeline made a document: two fingerprints computed from the package's own files.

A stored document is only as current as the code that produced it. Rather than a version number
somebody must remember to bump, each fingerprint hashes the code and data a stage actually runs:

- **parser**: every module under `policy_etl/parsers/` (the registry imports them by name), and
  whatever they import from `policy_etl` — the document model (`schemas/document.py`) today.
  A change here alters the document model a file parses into, so the file must be parsed again.
- **extract**: normalize, the extractors and the loader (`pipeline/normalize.py`,
  `pipeline/extract.py`, `pipeline/load.py`, `schemas/records.py`) and everything they import
  from `policy_etl` — `pipeline/**` and `pipeline/patterns/**` as reached, the lexicon,
  `segment.py`, the ORM, `parsers/textjoin.py`, `parsers/captions.py` — with the data files they
  read (`data/**`).
  A change here alters the records made from an unchanged document model.

The split is the import graph, read statically (AST), so a module is in a fingerprint because a
stage imports it, not because a list says so: a new import moves it in by itself. A module both
stages import (textjoin, captions) is in both, and a change to it re-parses, which re-extracts
anyway. Orchestration that decides nothing about the records (`ingest.py`, `workers.py`, the CLI,
the query layer) is in neither, so changing it re-processes nothing; neither is the SQL of the
views, which the schema version covers.

A data file belongs to a stage when its name appears as a string constant in one of the stage's
modules (`AGENCIES_FILE = "agencies.txt"`, `joinpath("indicators.json")`). Code is hashed as its
syntax tree without docstrings, so comments, docstrings and formatting change nothing; the
versions of the third-party distributions a stage imports (pdfplumber, python-docx, jieba …) are
part of it, since upgrading one can change what is read.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Literal

PACKAGE_NAME = "policy_etl"
PACKAGE_DIR = Path(__file__).resolve().parent
# Where each stage starts; a package name stands for every module in its folder.
PARSER_ROOTS = ("policy_etl.parsers",)
EXTRACT_ROOTS = (
    "policy_etl.pipeline.normalize",
    "policy_etl.pipeline.extract",
    "policy_etl.pipeline.load",
    "policy_etl.schemas.records",
)
# Only files under these folders count as a stage's data (the .sql of the views is schema).
DATA_FOLDERS = ("data",)
DIGEST_CHARS = 16  # 64 bits of sha256: plenty to tell versions apart, short enough to read


@dataclass(frozen=True)
class Fingerprints:
    parser: str
    extract: str

    def stale_stage(self, stored: Fingerprints | None) -> Literal["parse", "extract"] | None:
        """The first stage that must run again for a document `stored` fingerprints made, if
        this code is to have made it: parse when the parser changed (or is unknown), extract
        when only the extraction did, None when neither."""
        if stored is None or stored.parser != self.parser:
            return "parse"
        return "extract" if stored.extract != self.extract else None

    def with_ocr(self, mode: str) -> Fingerprints:
        """The fingerprints of this code run with another OCR mode than the default ("auto").

        The mode is a setting of the parser, so it is part of the parser's fingerprint: a PDF
        parsed with `--ocr off` and then with `--ocr force` is parsed again, and their parse
        cache entries (keyed by the parser fingerprint) are apart. "auto" keeps the code's
        fingerprint as it is, so documents stored before the option existed stay current.
        """
        if mode == "auto":
            return self
        salted = hashlib.sha256(f"{self.parser} ocr={mode}".encode()).hexdigest()[:DIGEST_CHARS]
        return Fingerprints(salted, self.extract)


def _module_file(name: str, package_dir: Path) -> Path | None:
    parts = name.split(".")[1:]
    base = package_dir.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_name(path: Path, package_dir: Path) -> str:
    parts = list(path.relative_to(package_dir).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE_NAME, *parts])


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, nested ones too (imports inside functions count); expressions, which
    hold no imports, are not walked: walking every node cost a second per run."""
    for node in body:
        yield node
        for name in ("body", "orelse", "finalbody", "handlers"):
            yield from _statements(getattr(node, name, []))


def _imports(tree: ast.Module, module: str, is_package: bool) -> tuple[set[str], set[str]]:
    """Names of the policy_etl modules (and candidate submodules) and of the top-level external
    modules one module imports."""
    internal: set[str] = set()
    external: set[str] = set()
    for node in _statements(tree.body):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from policy_etl.pipeline import deadlines` imports a module named by the alias
            names = [prefix, *(f"{prefix}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top == PACKAGE_NAME:
                internal.add(name)
            elif top and top not in sys.stdlib_module_names and top != "__future__":
                external.add(top)
    return internal, external


def _with_ancestors(name: str) -> list[str]:
    """A module and the packages above it: importing it runs their __init__ too."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


@dataclass(frozen=True)
class Closure:
    """What one stage runs: its modules, the data files they name, the distributions they import."""

    modules: tuple[Path, ...]
    data: tuple[Path, ...]
    distributions: tuple[str, ...]


def closure(roots: Iterable[str], package_dir: Path = PACKAGE_DIR) -> Closure:
    """Every policy_etl module reachable by imports from `roots`, read without importing."""
    pending: list[str] = []
    for root in roots:
        folder = package_dir.joinpath(*root.split(".")[1:])
        if folder.is_dir():
            pending.extend(_module_name(p, package_dir) for p in sorted(folder.glob("*.py")))
        else:
            pending.append(root)
    seen: dict[str, Path] = {}
    external: set[str] = set()
    sources: list[str] = []
    while pending:
        name = pending.pop()
        for candidate in _with_ancestors(name):
            if candidate in seen:
                continue
            path = _module_file(candidate, package_dir)
            if path is None:  # an attribute (`from x import some_function`), not a module
                continue
            seen[candidate] = path
            source = path.read_text(encoding="utf-8")
            sources.append(source)
            internal, ext = _imports(ast.parse(source), candidate, path.name == "__init__.py")
            pending.extend(internal)
            external |= ext
    data = sorted(
        p
        for folder in DATA_FOLDERS
        for p in (package_dir / folder).rglob("*")
        if p.is_file() and p.suffix != ".py" and any(f'"{p.name}"' in src for src in sources)
    )
    return Closure(tuple(sorted(seen.values())), tuple(data), tuple(sorted(_distributions(external))))


@cache
def _providers() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def _distributions(modules: Iterable[str]) -> set[str]:
    """ "name==version" of the installed distributions providing these top-level modules."""
    providers = _providers()
    out = set()
    for module in modules:
        for dist in providers.get(module, ()):
            try:
                out.add(f"{dist}=={metadata.version(dist)}")
            except metadata.PackageNotFoundError:
                continue
    return out


def digest(stage: Closure, package_dir: Path = PACKAGE_DIR) -> str:
    h = hashlib.sha256()
    for path in (*stage.modules, *stage.data):
        rel = path.relative_to(package_dir).as_posix()
        h.update(f"{rel} {hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    for dist in stage.distributions:
        h.update(f"{dist}\n".encode())
    return h.hexdigest()[:DIGEST_CHARS]


def compute(package_dir: Path = PACKAGE_DIR) -> Fingerprints:
    return Fingerprints(
        parser=digest(closure(PARSER_ROOTS, package_dir), package_dir),
        extract=digest(closure(EXTRACT_ROOTS, package_dir), package_dir),
    )


@cache
def current() -> Fingerprints:
    """The fingerprints of the installed package, computed once per process (a few ms)."""
    return compute()
