"""Start-up: ``import clararules`` and the command line import no heavy module they do not need.

JSON (cattrs), iCalendar (icalendar), columns (pyarrow, numpy, pandas), the holiday calendar
(holidays) and the message catalogs (babel) are imported when a function that needs them is
first called.  Each check runs in a fresh interpreter, since this process has imported them
all.  The time itself is measured by ``bench/bench_import.py``, not here.
"""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import clararules

LAZY = (
    "cattrs",
    "icalendar",
    "pyarrow",
    "numpy",
    "pandas",
    "holidays",
    "babel",
    "rich",
    "starlette",
    "uvicorn",
)
"""Modules that neither ``import clararules`` nor the command line's start imports."""


def run(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it ends by printing a JSON object on stderr (stdout
    is left to what the code prints, e.g. the command line)."""
    prelude = f"import json, sys\nLAZY = {LAZY!r}\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + code],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return report


def loaded() -> str:
    return "[m for m in LAZY if m in sys.modules]"


def test_import_clararules_imports_no_heavy_module():
    report = run(
        "import clararules\n"
        "names = dir(clararules)\n"
        f"print(json.dumps({{'loaded': {loaded()}, 'io': 'clararules.io' in sys.modules,"
        " 'listed': 'to_json' in names and 'timeline_to_ics' in names}), file=sys.stderr)\n"
    )
    assert report == {"loaded": [], "io": False, "listed": True}


def test_json_works_once_imported_on_first_use():
    report = run(
        "import pendulum, clararules\n"
        "result = clararules.cancellation_effective_date(\n"
        "    pendulum.datetime(2026, 11, 30, 23, 59, 59, tz='Asia/Tokyo'))\n"
        "before = 'cattrs' in sys.modules\n"
        "text = clararules.to_json(result)\n"
        "from clararules import CancellationDate, from_json\n"
        "same = from_json(text, CancellationDate) == result\n"
        "print(json.dumps({'before': before, 'cattrs': 'cattrs' in sys.modules, 'same': same,\n"
        "    'effective_on': json.loads(text)['effective_on']}), file=sys.stderr)\n"
    )
    assert report == {"before": False, "cattrs": True, "same": True, "effective_on": "2026-12-31"}


def test_command_line_start_imports_no_heavy_module():
    report = run(
        "from clararules.cli.main import main\n"
        f"at_import = {loaded()}\n"
        "status = main(['--help'])\n"
        f"print(json.dumps({{'at_import': at_import, 'after_help': {loaded()},"
        " 'status': status}), file=sys.stderr)\n"
    )
    assert report == {"at_import": [], "after_help": [], "status": 0}


def test_command_line_json_output_imports_json_on_first_use():
    report = run(
        "import contextlib, io\n"
        "from clararules.cli.main import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    status = main(['debit', '2026-06-03', '--json'])\n"
        "data = json.loads(out.getvalue())\n"
        "print(json.dumps({'status': status, 'cattrs': 'cattrs' in sys.modules,"
        " 'debit_on': data['debit_on']}), file=sys.stderr)\n"
    )
    assert report == {"status": 0, "cattrs": True, "debit_on": "2026-06-29"}


def test_lazy_names_are_the_io_names():
    """Every public name defined in ``clararules.io`` is imported on first use (it is in
    ``_LAZY``, under its own module), and is the very object of that module."""
    for name in clararules.__all__:
        value = getattr(clararules, name)
        module = getattr(value, "__module__", "")
        if module.startswith("clararules.io"):
            assert clararules._LAZY.get(name) == module, name
    for name, module in clararules._LAZY.items():
        assert name in clararules.__all__, name
        assert getattr(clararules, name) is getattr(sys.modules[module], name), name


def test_lazy_names_are_imported_for_type_checkers():
    """Each lazy name is also imported under ``if TYPE_CHECKING:`` from the same module, so
    that mypy sees ``from clararules import to_json`` (and the two lists cannot drift)."""
    tree = ast.parse(Path(clararules.__file__).read_text(encoding="utf-8"))
    typed: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    typed.update({alias.name: statement.module for alias in statement.names})
    assert {name: typed.get(name) for name in clararules._LAZY} == clararules._LAZY


def test_unknown_attribute_is_still_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        clararules.no_such_name  # noqa: B018
