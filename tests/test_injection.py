"""Hostile text in human-entered files stays inert, and a run never reaches the network.

One copy of the example gets hostile values where people type them: a `<script>` title and an
`=HYPERLINK(...)` author appended to an export, `<script>` in the review title, a database name and a
scheme name, and extraction cells starting with `@`, `+` and `-`. It is run end to end with a
`sitecustomize.py` on PYTHONPATH that refuses every non-loopback connection and records the attempt.
Then: HTML outputs hold only the escaped text; files meant for spreadsheets (worksheets, conflicts,
tables; CSV and XLSX) start no cell with = + - @ (the convention: a leading ' as in docs/tables.md
and docs/screening.md); YAML is only ever loaded safely.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import REPO, copy_workflow, run_snakemake
from reviewflow.config import load_config
from reviewflow.errors import ReviewflowError

pytestmark = pytest.mark.workflow

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
FORMULA = '=HYPERLINK("http://x")'
TRIGGERS = ("=", "+", "-", "@")

HOSTILE_RECORDS = (
    f"TY  - JOUR\r\nTI  - {SCRIPT}\r\nAU  - Smith, A\r\nPY  - 2012\r\nER  - \r\n\r\n"
    f"TY  - JOUR\r\nTI  - Pooled budgets for hostile authors\r\nAU  - {FORMULA}\r\nPY  - 2012\r\nER  - \r\n"
)

GUARD = '''
"""Test guard (tests/test_injection.py): refuse and record any connection that leaves this machine."""
import os, socket

_LOG = os.environ["REVIEWFLOW_NET_LOG"]
with open(_LOG + ".loaded", "a") as _f:
    _f.write(f"{os.getpid()}\\n")


def _local(host):
    host = str(host or "")
    return host in ("", "localhost", "::1") or host.startswith("127.") or host.startswith("/")


def _refuse(what, host):
    with open(_LOG, "a") as f:
        f.write(f"{os.getpid()} {what} {host!r}\\n")
    raise OSError(f"network access refused by the test guard: {what} {host!r}")


_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse("connect", address[0])
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse("connect_ex", address[0])
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _refuse("getaddrinfo", host)
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
'''


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_cell(path: Path, key: str, column: str, value: str) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0])
    next(r for r in rows if r[fields[0]] == key)[column] = value
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("hostile")
    root = copy_workflow(base / "review")
    with open(root / "data/raw/2013-02/medline_ovid_simulated.ris", "a", encoding="utf-8", newline="") as f:
        f.write("\r\n" + HOSTILE_RECORDS)
    config = root / "config/config.yaml"
    edit(config, 'title: "Financial mechanisms', f'title: "{SCRIPT} Financial mechanisms')
    edit(config, '{database: "EconLit"', f'{{database: "EconLit {SCRIPT}"')
    extracted = root / "data/extracted"
    set_cell(extracted / "schemes.csv", "S01", "name", f"CareNet {SCRIPT}")
    set_cell(extracted / "excluded_schemes.csv", "X01", "comments", "@SUM(1)")
    set_cell(extracted / "excluded_schemes.csv", "X03", "comments", "+1")
    set_cell(extracted / "excluded_schemes.csv", "X04", "comments", "-1")

    guard = base / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = base / "network.log"
    mp = pytest.MonkeyPatch()
    mp.setenv("PYTHONPATH", str(guard))
    mp.setenv("REVIEWFLOW_NET_LOG", str(log))
    try:
        run_snakemake(root)
    finally:
        mp.undo()
    return root, log


def test_the_network_guard_was_active_and_nothing_reached_out(hostile_run):
    _, log = hostile_run
    loaded = Path(f"{log}.loaded").read_text(encoding="utf-8").split()
    assert len(loaded) >= 3, "the guard ran in snakemake and in the rule scripts"
    assert not log.exists() or log.read_text(encoding="utf-8") == ""


def test_the_guard_does_refuse_a_connection(tmp_path):
    """The guard itself works (else the test above proves nothing)."""
    (tmp_path / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    code = "import socket\ntry:\n    socket.create_connection(('example.org', 80), timeout=1)\nexcept OSError as e:\n    print(e)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": str(tmp_path), "REVIEWFLOW_NET_LOG": str(log)})
    assert "refused by the test guard" in out.stdout
    assert "example.org" in log.read_text(encoding="utf-8")


HTML_OUTPUTS = ["results/report.html", "results/prisma/prisma.html", "results/prisma/prisma.svg",
                "results/tables/appendix2_included_schemes.html"]


@pytest.mark.parametrize("name", HTML_OUTPUTS)
def test_script_stays_inert_in_html(hostile_run, name):
    root, _ = hostile_run
    text = (root / name).read_text(encoding="utf-8")
    assert not re.search(r"<script>\s*alert", text, re.I), f"a live <script> from the input in {name}"
    assert ESCAPED in text, f"the hostile text is shown (escaped) in {name}"


def spreadsheet_files(root: Path) -> list[Path]:
    screening = root / "results/screening"
    files = sorted(screening.glob("*/worksheet_*.csv")) + sorted(screening.glob("*/worksheet_*.xlsx"))
    files += sorted(screening.glob("*/conflicts.csv"))
    files += sorted((root / "results/tables").glob("*.csv")) + sorted((root / "results/tables").glob("*.xlsx"))
    return [f for f in files if f.name != "claims.csv"]  # claims.csv: a machine-readable check result


def cells(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        return [v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
                if isinstance(v, str)]
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [v for row in csv.reader(handle) for v in row]


def test_no_cell_meant_for_spreadsheets_starts_a_formula(hostile_run):
    root, _ = hostile_run
    files = spreadsheet_files(root)
    assert len(files) >= 10
    live = {str(f.relative_to(root)): [c for c in cells(f) if c.startswith(TRIGGERS)] for f in files}
    assert {f: c[:3] for f, c in live.items() if c} == {}


@pytest.mark.parametrize(("name", "expected"), [
    ("results/screening/title_abstract/worksheet_reviewer_a.csv", "'" + FORMULA),
    ("results/screening/title_abstract/worksheet_reviewer_b.xlsx", "'" + FORMULA),
    ("results/tables/appendix3_excluded_schemes.csv", "'@SUM(1)"),
    ("results/tables/appendix3_excluded_schemes.xlsx", "'+1"),
    ("results/tables/appendix3_excluded_schemes.csv", "'-1"),
])
def test_hostile_cells_are_kept_neutralised(hostile_run, name, expected):
    root, _ = hostile_run
    assert any(expected in c for c in cells(root / name)), f"{expected!r} not in {name}"


# --- YAML ----------------------------------------------------------------------------------------------

UNSAFE = re.compile(r"yaml\.(unsafe_load|full_load|load_all|load)\((?![^)]*SafeLoader)|Loader=yaml\.(Full|Unsafe)?Loader\b")


def test_the_package_and_workflow_load_yaml_only_safely():
    files = [*sorted((REPO / "src/reviewflow").rglob("*.py")), *sorted((REPO / "workflow").rglob("*.py")),
             *sorted((REPO / "workflow").rglob("*.smk")), REPO / "Snakefile"]
    found = [f"{f.relative_to(REPO)}:{n}" for f in files
             for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if UNSAFE.search(line)]
    assert found == []


PYTHON_TAG = 'review: !!python/object/apply:os.system ["touch PWNED"]\n'


def test_load_config_refuses_python_tags(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "config.yaml"
    path.write_text("rounds: [{id: r1, folder: raw}]\n" + PYTHON_TAG, encoding="utf-8")
    with pytest.raises(ReviewflowError, match="line 2"):
        load_config(path)
    assert not (tmp_path / "PWNED").exists()


def test_snakemake_refuses_a_config_with_python_tags(tmp_path):
    root = copy_workflow(tmp_path / "review", ("Snakefile", "config", "workflow"))
    config = root / "config/config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + PYTHON_TAG.replace("review:", "extra:"), encoding="utf-8")
    result = run_snakemake(root, "--dry-run", check=False)
    assert result.returncode != 0
    assert not (root / "PWNED").exists()
