"""Every "SPEC §n" the code cites is a section of docs/spec.md.

The code, the templates, the tests and the docs cite the specification by section number: "SPEC"
followed by a section sign and a number, a list ("SPEC §5 and §8", "SPEC §5, §8") or a range
("SPEC §§2–3"). This test reads the files as text (no Django, no database) and checks that each
cited number is the number of a section heading (``## n. Title``) of docs/spec.md, so that a
section renumbered or removed, or a citation mistyped, fails here rather than misleading a
reader.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "spec.md"
THIS_FILE = Path(__file__).resolve()

#: Folders never scanned, wherever they are.
SKIPPED_DIRS = frozenset({"migrations", ".venv", "node_modules", "__pycache__", ".git"})

#: A section heading of docs/spec.md: "## 3. Time".
HEADING = re.compile(r"^#{1,6}\s+(\d+)\.\s", re.MULTILINE)

_ITEM = r"\d+(?:\s*[–-]\s*\d+)?"  # a section, or a range of them
#: "SPEC §3", "SPEC §§2–3", "SPEC §5 and §8", "SPEC §5, §8", "SPEC §1, §§4-6 and §9".
CITATION = re.compile(rf"SPEC\s+§§?\s*{_ITEM}(?:\s*(?:,|and|&)\s*§§?\s*{_ITEM})*")
NUMBER_OR_RANGE = re.compile(r"(\d+)(?:\s*[–-]\s*(\d+))?")
#: Other ways of citing a section that the uniform form replaces.
OTHER_FORMS = re.compile(r"\bSPEC\s+(?:section|sect\.|s\.)\s*\d+", re.IGNORECASE)


@pytest.fixture(autouse=True)
def fresh_case_rules():
    """Overrides the suite's fixture of that name: these tests read files and never the case
    rules, so they need neither the cache nor, without Redis, the database behind it."""
    yield


def spec_sections() -> set[int]:
    return {int(number) for number in HEADING.findall(SPEC.read_text(encoding="utf-8"))}


def scanned_roots() -> list[Path]:
    """The apps (top-level folders with an ``__init__.py``), the templates, the README and
    the docs."""
    apps = [
        path
        for path in sorted(ROOT.iterdir())
        if path.is_dir() and path.name not in SKIPPED_DIRS and (path / "__init__.py").is_file()
    ]
    return [*apps, ROOT / "templates", ROOT / "README.md", ROOT / "docs"]


def scanned_files() -> list[Path]:
    files = []
    for root in scanned_roots():
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in candidates:
            if not path.is_file() or SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
                continue
            if path in (SPEC, THIS_FILE):
                continue  # the spec's own text, and this file's examples, are not citations
            files.append(path)
    return files


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None  # a binary file (an image, a compiled catalogue) cites nothing


def cited_sections(text: str) -> list[tuple[int, int, str]]:
    """(offset, section number, citation) for every section ``text`` cites; a citation may
    wrap onto the next line ("SPEC §5 and" / "§8")."""
    cited: list[tuple[int, int, str]] = []
    for match in CITATION.finditer(text):
        citation = " ".join(match.group(0).split())
        for first, last in NUMBER_OR_RANGE.findall(citation):
            start = int(first)
            end = int(last) if last else start
            cited.extend((match.start(), number, citation) for number in range(start, end + 1))
    return cited


def citations() -> list[tuple[str, int, str]]:
    """(file:line, section number, citation) for every citation in the scanned files."""
    found = []
    for path in scanned_files():
        text = read_text(path)
        if text is None or "SPEC" not in text:
            continue
        for offset, section, citation in cited_sections(text):
            line = text.count("\n", 0, offset) + 1
            found.append((f"{path.relative_to(ROOT)}:{line}", section, citation))
    return found


def numbers_cited(text: str) -> list[int]:
    return [section for _offset, section, _citation in cited_sections(text)]


def test_the_spec_numbers_its_sections_1_to_n_once_each():
    numbers = [int(n) for n in HEADING.findall(SPEC.read_text(encoding="utf-8"))]
    assert numbers == list(range(1, len(numbers) + 1))


def test_citation_pattern_reads_lists_ranges_and_wrapped_lines():
    assert numbers_cited("(SPEC §5 and §8)") == [5, 8]
    assert numbers_cited("nothing stored (SPEC §5, §8).") == [5, 8]
    assert numbers_cited("Welsh Language Standards,\nSPEC §5 and\n§8).") == [5, 8]
    assert numbers_cited("see SPEC §§2–4 and SPEC §§6-7.") == [2, 3, 4, 6, 7]
    assert numbers_cited("(SPEC §2, the model concerns)") == [2]
    assert numbers_cited("(SPEC §3, 10 working days)") == [3]
    assert numbers_cited("SPECTACULAR_SETTINGS, the SPEC, §3") == []


def test_the_code_cites_the_spec():
    # Guards the scan itself: a pattern or a folder list gone wrong would find nothing and pass.
    assert len(citations()) >= 10


def test_every_cited_section_exists_in_docs_spec_md():
    sections = spec_sections()
    missing = [
        f"{where}: {citation!r} cites §{section}"
        for where, section, citation in citations()
        if section not in sections
    ]
    assert not missing, "Sections not in docs/spec.md:\n" + "\n".join(missing)


def test_citations_use_the_uniform_form():
    other = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in scanned_files()
        if (text := read_text(path)) is not None
        for match in OTHER_FORMS.finditer(text)
    ]
    assert not other, 'Cite sections as "SPEC §n":\n' + "\n".join(other)
