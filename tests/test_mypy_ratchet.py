"""scripts/mypy_ratchet.py: mypy's errors held to a baseline that only shrinks (no database,
no mypy run: mypy's output is given)."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "mypy_ratchet.py"
spec = importlib.util.spec_from_file_location("mypy_ratchet", SCRIPT)
assert spec and spec.loader
ratchet = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = ratchet  # its dataclass looks its module up there
spec.loader.exec_module(ratchet)

RETURN = 'error: Incompatible return value type (got "str", expected "int")  [return-value]'
NONE = 'error: Item "None" of "Case | None" has no attribute "pk"  [union-attr]'
OUTPUT = f"""\
a/views.py:10: {RETURN}
a/views.py:12: note: See https://mypy.rtfd.io
a/views.py:30: {NONE}
a/views.py:40: {NONE}
b/forms.py:5: error: Name "x" already defined on line 3  [no-redef]
"""


def check(tmp_path, output, *args, exists=lambda path: True):
    baseline = tmp_path / "mypy-baseline.txt"
    return ratchet.main(
        list(args),
        mypy=lambda: (1 if output else 0, output),
        baseline_path=baseline,
        exists=exists,
    )


def baseline_of(output, tmp_path):
    path = tmp_path / "mypy-baseline.txt"
    ratchet.write_baseline(path, ratchet.parse(output).errors)
    return path


def test_entries_have_no_line_numbers_and_count_each_occurrence():
    errors = ratchet.parse(OUTPUT).errors
    assert errors == {
        'a/views.py: [return-value] Incompatible return value type (got "str", expected "int")': 1,
        'a/views.py: [union-attr] Item "None" of "Case | None" has no attribute "pk"': 2,
        'b/forms.py: [no-redef] Name "x" already defined on line N': 1,
    }


def test_the_same_errors_on_other_lines_pass(tmp_path):
    baseline_of(OUTPUT, tmp_path)
    assert check(tmp_path, OUTPUT.replace(":10:", ":11:").replace("line 3", "line 4")) == 0


def test_a_new_error_fails_and_is_shown_with_its_line(tmp_path, capsys):
    baseline_of(OUTPUT, tmp_path)
    assert check(tmp_path, OUTPUT + f"a/views.py:50: {NONE}\n") == 1
    assert "a/views.py:50:" in capsys.readouterr().err


def test_a_fixed_error_left_in_the_baseline_fails_until_updated(tmp_path, capsys):
    path = baseline_of(OUTPUT, tmp_path)
    fixed = OUTPUT.replace(f"a/views.py:40: {NONE}\n", "")
    assert check(tmp_path, fixed) == 1
    assert "--update" in capsys.readouterr().err
    assert check(tmp_path, fixed, "--update") == 0
    assert sum(ratchet.read_baseline(path).values()) == 3
    assert check(tmp_path, fixed) == 0


def test_update_refuses_to_add_an_error(tmp_path):
    path = baseline_of(OUTPUT, tmp_path)
    before = path.read_text()
    assert check(tmp_path, OUTPUT + f"c/new.py:1: {RETURN}\n", "--update") == 1
    assert path.read_text() == before


def test_update_carries_the_errors_of_a_moved_module(tmp_path):
    path = baseline_of(OUTPUT, tmp_path)
    moved = OUTPUT.replace("b/forms.py", "c/forms.py")
    assert check(tmp_path, moved) == 1
    assert check(tmp_path, moved, "--update", exists=lambda p: p != "b/forms.py") == 0
    assert "c/forms.py: [no-redef]" in path.read_text()
    # While the old file is still there, the "moved" error is a new one.
    baseline_of(OUTPUT, tmp_path)
    assert check(tmp_path, moved, "--update") == 1


@pytest.mark.parametrize(("status", "output"), [(2, "config error\n"), (1, "")])
def test_a_mypy_that_did_not_finish_fails(tmp_path, status, output):
    baseline_of(OUTPUT, tmp_path)
    result = ratchet.main(
        [], mypy=lambda: (status, output), baseline_path=tmp_path / "mypy-baseline.txt"
    )
    assert result == 2
