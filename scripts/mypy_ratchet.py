#!/usr/bin/env python3
"""Run mypy and hold its errors to the committed baseline, which may only shrink.

    scripts/mypy_ratchet.py            # fail on an error not in the baseline, or a fixed one
    scripts/mypy_ratchet.py --update   # rewrite the baseline without the errors that are gone

mypy reads its configuration from pyproject.toml ([tool.mypy]): the domain packages are strict
there and their errors are never in the baseline, so any error in them fails. Every other error
that mypy reports must be listed in mypy-baseline.txt, once per occurrence, as
``path: [code] message`` with no line number, so code moving up or down a file does not matter.

It fails (exit 1) when mypy reports an error the baseline does not list, and also when the
baseline lists an error that has gone: then run it with --update to shrink the baseline and
commit the shorter file. --update refuses to add errors; the one exception is a module that
moved: an entry whose file no longer exists is carried over to a new error with the same code
and message in another file. Anything else in the baseline changes only by hand, in review.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
HEADER = """\
# mypy errors tolerated outside the strict packages (see [tool.mypy] in pyproject.toml).
# This list only shrinks: scripts/mypy_ratchet.py fails on any error not listed here, and on
# listed errors that are gone; `scripts/mypy_ratchet.py --update` removes those.
# One line per occurrence: "path: [code] message", without line numbers.
"""

# path:line: error: message  [code]   (the line, and the column, may be missing)
MYPY_LINE = re.compile(
    r"^(?P<path>[^:\s][^:]*?):(?:\d+:)?(?:\d+:)? (?P<severity>error|note|warning): "
    r"(?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)
LINE_NUMBER = re.compile(r"\bline \d+\b")


@dataclass
class MypyRun:
    """The errors of one mypy run: normalised entries, and mypy's own lines for each."""

    errors: Counter[str] = field(default_factory=Counter)
    lines: dict[str, list[str]] = field(default_factory=dict)


def entry(path: str, code: str | None, message: str) -> str:
    """The baseline's form of one error: no line numbers anywhere, not even in the message
    ('already defined on line 12')."""
    message = LINE_NUMBER.sub("line N", message.strip())
    return f"{Path(path).as_posix()}: [{code or 'misc'}] {message}"


def entry_path(item: str) -> str:
    return item.split(": [", 1)[0]


def entry_problem(item: str) -> str:
    """The code and message of an entry, without its file."""
    return item.split(": ", 1)[1]


def parse(output: str) -> MypyRun:
    run = MypyRun()
    for line in output.splitlines():
        match = MYPY_LINE.match(line)
        if not match or match["severity"] != "error":
            continue
        item = entry(match["path"], match["code"], match["message"])
        run.errors[item] += 1
        run.lines.setdefault(item, []).append(line)
    return run


def run_mypy() -> tuple[int, str]:
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--no-pretty"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.returncode, completed.stdout + completed.stderr


def read_baseline(path: Path) -> Counter[str]:
    if not path.exists():
        return Counter()
    lines = path.read_text(encoding="utf-8").splitlines()
    return Counter(line for line in lines if line.strip() and not line.startswith("#"))


def write_baseline(path: Path, errors: Counter[str]) -> None:
    body = "".join(f"{item}\n" for item in sorted(errors.elements()))
    path.write_text(HEADER + body, encoding="utf-8")


def carried_over(
    new: Counter[str], gone: Counter[str], exists: Callable[[str], bool]
) -> Counter[str]:
    """The new errors that are gone entries of a file that no longer exists (a module moved),
    matched one for one by code and message."""
    moved_away = Counter(
        {entry_problem(item): count for item, count in gone.items() if not exists(entry_path(item))}
    )
    carried: Counter[str] = Counter()
    for item, count in sorted(new.items()):
        taken = min(count, moved_away[entry_problem(item)])
        if taken:
            carried[item] = taken
            moved_away[entry_problem(item)] -= taken
    return carried


def described(new: Counter[str], run: MypyRun, baseline: Counter[str]) -> Iterable[str]:
    """mypy's lines for the new errors, with line numbers to find them by. When the baseline
    holds some of the same error in that file, all of them are shown: any may be the new one."""
    for item in sorted(new):
        if baseline[item]:
            yield f"{new[item]} more than the baseline's {baseline[item]} of these:"
        yield from run.lines[item]


def show(title: str, items: Iterable[str]) -> None:
    items = list(items)
    if items:
        print(f"\n{title}", file=sys.stderr)
        for item in items:
            print(f"  {item}", file=sys.stderr)


def main(
    argv: list[str] | None = None,
    *,
    mypy: Callable[[], tuple[int, str]] = run_mypy,
    baseline_path: Path = BASELINE,
    exists: Callable[[str], bool] = lambda path: (ROOT / path).exists(),
) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--update", action="store_true", help="remove fixed errors from the baseline"
    )
    args = parser.parse_args(argv)

    status, output = mypy()
    run = parse(output)
    if status not in (0, 1) or (status == 1 and not run.errors):
        print(output, file=sys.stderr)
        print(f"mypy did not finish its check (exit {status}).", file=sys.stderr)
        return 2

    baseline = read_baseline(baseline_path)
    new = run.errors - baseline
    gone = baseline - run.errors
    new_lines = list(described(new, run, baseline))

    if args.update:
        moved = carried_over(new, gone, exists)
        refused = new - moved
        if refused:
            show(
                "New mypy errors (fix them; the baseline only shrinks):",
                described(refused, run, baseline),
            )
            print(
                f"\nBaseline not updated: {sum(refused.values())} error(s) are not in it.",
                file=sys.stderr,
            )
            return 1
        write_baseline(baseline_path, run.errors)
        print(
            f"{baseline_path.name}: {sum(baseline.values())} -> {sum(run.errors.values())} "
            f"errors ({sum(gone.values())} gone, {sum(moved.values())} carried to moved files)."
        )
        return 0

    show("New mypy errors (fix them; the baseline only shrinks):", new_lines)
    show(
        "Fixed errors still in the baseline (good!): run scripts/mypy_ratchet.py --update "
        f"and commit {baseline_path.name}:",
        sorted(gone.elements()),
    )
    if new or gone:
        return 1
    print(f"mypy: {sum(run.errors.values())} errors, all in {baseline_path.name}, none new.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
