"""The seams the code keeps, read from its source (no database, nothing imported):

* background jobs are queued only through ``common.jobs.enqueue``, which queues them once the
  transaction commits: no other module calls ``.delay()`` or ``.apply_async()``;
* every ``domain/`` package is type-checked strictly (pyproject.toml's strict mypy override);
* a ``domain/`` package imports no application code but other ``domain/`` packages (ruff's
  TID251 bans Django itself there; this closes the way round it through an app's modules).
"""

import ast
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENQUEUE_SEAM = Path("common/jobs.py")
QUEUEING_METHODS = {"delay", "apply_async"}
#: Not production code, or not ours.
SKIPPED = {"tests", ".venv", "node_modules", ".git", "var", "static", "staticfiles"}
#: The flags of mypy --strict, as pyproject.toml spells them out per module.
STRICT_FLAGS = {
    "disallow_any_generics",
    "disallow_subclassing_any",
    "disallow_untyped_calls",
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "check_untyped_defs",
    "disallow_untyped_decorators",
    "warn_unused_ignores",
    "warn_return_any",
    "strict_equality",
    "extra_checks",
}


def production_modules(root: Path) -> Iterator[Path]:
    """Every .py file under ``root`` outside tests and tooling folders, relative to it."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED)
        for name in sorted(files):
            if name.endswith(".py"):
                yield (Path(folder) / name).relative_to(root)


def queueing_outside_the_seam(root: Path) -> list[str]:
    """``path:line: .delay`` for each use of a queueing method outside ``common/jobs.py``
    (a call, or the method taken to call later)."""
    found = []
    for relative in production_modules(root):
        if relative == ENQUEUE_SEAM:
            continue
        tree = ast.parse((root / relative).read_text(encoding="utf-8"), str(relative))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in QUEUEING_METHODS:
                found.append(f"{relative.as_posix()}:{node.lineno}: .{node.attr}")
    return found


def domain_packages(root: Path) -> list[str]:
    """Dotted names of the ``domain`` packages, e.g. ``contacts.domain``."""
    return sorted(
        ".".join(relative.parts[:-1])
        for relative in production_modules(root)
        if relative.name == "__init__.py" and relative.parts[-2] == "domain"
    )


def first_party(root: Path) -> set[str]:
    return {path.parent.name for path in root.glob("*/__init__.py")}


def imports_outside_the_domain(root: Path) -> list[str]:
    """``path:line: module`` for each import in a domain package of a first-party module that
    is not itself in a domain package (relative imports included)."""
    ours = first_party(root)
    found = []
    for relative in production_modules(root):
        if "domain" not in relative.parts[:-1]:
            continue
        package = list(relative.parts[:-1])
        tree = ast.parse((root / relative).read_text(encoding="utf-8"), str(relative))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for module in _imported(node, package):
                parts = module.split(".")
                if parts[0] in ours and "domain" not in parts[1:]:
                    found.append(f"{relative.as_posix()}:{node.lineno}: {module}")
    return found


def _imported(node: ast.Import | ast.ImportFrom, package: list[str]) -> list[str]:
    """The absolute names of the modules ``node`` imports from, in ``package``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = package[: len(package) - node.level + 1]
        return [".".join([*base, *([node.module] if node.module else [])])]
    return [node.module or ""]


def strict_modules(pyproject: Path) -> set[str]:
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    overrides = config["tool"]["mypy"].get("overrides", [])
    strict: set[str] = set()
    for override in overrides:
        if all(override.get(flag) is True for flag in STRICT_FLAGS) and (
            override.get("implicit_reexport") is False
        ):
            modules = override["module"]
            strict.update([modules] if isinstance(modules, str) else modules)
    return strict


# --- The rules, on this code base -------------------------------------------------------------


def test_jobs_are_queued_only_through_common_jobs_enqueue():
    offenders = queueing_outside_the_seam(ROOT)
    assert not offenders, (
        "Queue background jobs with common.jobs.enqueue(task, *args), which queues them once "
        "the transaction commits, not with .delay() or .apply_async():\n  " + "\n  ".join(offenders)
    )


def test_every_domain_package_is_type_checked_strictly():
    strict = strict_modules(ROOT / "pyproject.toml")
    missing = [name for name in domain_packages(ROOT) if f"{name}.*" not in strict]
    assert not missing, (
        'Add "<package>.*" to the strict [[tool.mypy.overrides]] list in pyproject.toml for: '
        + ", ".join(missing)
    )


def test_domain_packages_import_no_application_code():
    offenders = imports_outside_the_domain(ROOT)
    assert not offenders, (
        "A domain/ package is plain Python: it may import other domain/ packages, the standard "
        "library and plain libraries, not the apps' modules (models, services, Django):\n  "
        + "\n  ".join(offenders)
    )


# --- The checks themselves catch what they are for ----------------------------------------------


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_queueing_check_finds_delay_and_apply_async_outside_the_seam(tmp_path):
    root = write(
        tmp_path,
        {
            "common/jobs.py": "def enqueue(task):\n    task.apply_async()\n",
            "app/tasks.py": "def sweep(task):\n    task.delay(1)\n",
            "app/services.py": "def later(task):\n    return task.apply_async\n",
            "tests/test_app.py": "def test_it(task):\n    task.delay()\n",
        },
    )
    assert queueing_outside_the_seam(root) == [
        "app/services.py:2: .apply_async",
        "app/tasks.py:2: .delay",
    ]


def test_the_strict_check_finds_a_domain_package_missing_from_the_list(tmp_path):
    root = write(
        tmp_path,
        {
            "pyproject.toml": "[tool.mypy]\n[[tool.mypy.overrides]]\nmodule = ['a.domain.*']\n"
            + "".join(f"{flag} = true\n" for flag in sorted(STRICT_FLAGS))
            + "implicit_reexport = false\n",
            "a/domain/__init__.py": "",
            "b/domain/__init__.py": "",
            "tests/b/domain/__init__.py": "",
        },
    )
    assert domain_packages(root) == ["a.domain", "b.domain"]
    assert strict_modules(root / "pyproject.toml") == {"a.domain.*"}


def test_the_import_check_finds_application_code_in_a_domain_package(tmp_path):
    root = write(
        tmp_path,
        {
            "a/__init__.py": "",
            "a/domain/__init__.py": "",
            "a/domain/rules.py": (
                "import math\n"
                "from . import other\n"
                "from .other import thing\n"
                "from b.domain.calendar import Calendar\n"
                "from .. import models\n"
                "from a.services import thing\n"
                "import b.selectors\n"
            ),
            "b/__init__.py": "",
        },
    )
    assert imports_outside_the_domain(root) == [
        "a/domain/rules.py:5: a",
        "a/domain/rules.py:6: a.services",
        "a/domain/rules.py:7: b.selectors",
    ]
