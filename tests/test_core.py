"""The core shared by every stage: records table, errors, config validation, the CLI shell."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from reviewflow.cli import main
from reviewflow.config import load_config
from reviewflow.errors import Problem, ReviewflowError, fail
from reviewflow.importing.discover import discover_exports
from reviewflow.records import COLUMNS, Record, read_records, records_to_csv, write_records


def test_record_round_trips_through_the_records_table(tmp_path):
    record = Record(record_id="2009-10-medline-00001", source_file="data/raw/2009-10/medline.ris",
                    source_line=3, title='Pooled budgets, "Health Act" flexibilities',
                    authors=("Mason, Anne", "Goddard, Maria"), keywords=("integration", "funding"),
                    doi="10.1000/xyz", flags=("no_abstract",))
    path = tmp_path / "records.csv"
    write_records([record], path)
    assert read_records(path) == [record]


def test_records_table_columns_are_the_record_fields_in_order():
    header = records_to_csv([]).splitlines()[0]
    assert header.split(",") == list(COLUMNS)
    assert COLUMNS[:3] == ("record_id", "source_file", "source_line")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"line": 12}, "a.ris, line 12: bad tag\n    fix: remove it"),
        ({"row": 4, "column": "decision"}, "a.ris, row 4, column 'decision': bad tag\n    fix: remove it"),
        ({}, "a.ris: bad tag\n    fix: remove it"),
    ],
)
def test_a_problem_names_file_place_problem_and_fix(kwargs, expected):
    assert str(Problem("a.ris", "bad tag", "remove it", **kwargs)) == expected


def test_an_error_lists_every_problem():
    err = ReviewflowError([Problem("a.csv", "x", "y", row=1), Problem("a.csv", "z", "w", row=2)])
    assert str(err).startswith("2 problems in the input:")
    assert "row 1" in str(err) and "row 2" in str(err)
    assert fail("b.csv", "p", "f", row=3).problems == [Problem("b.csv", "p", "f", row=3)]


def write(tmp_path, text, name="config.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_config_defaults_are_filled_in(tmp_path):
    config = load_config(write(tmp_path, "rounds:\n  - id: r1\n    folder: data/raw/r1\n"))
    assert config["review"]["title"] == "Untitled review"
    assert config["rounds"][0]["label"] == ""
    assert config["dedupe"] == {} or isinstance(config["dedupe"], dict)


def test_a_loaded_config_is_the_file_only_and_errors_about_rounds_name_the_file_given(tmp_path):
    path = write(tmp_path, "rounds:\n  - id: r1\n    folder: data/raw/r1\n")
    config = load_config(path)
    assert not [key for key in config if key.startswith("_")]  # no private key: the path is passed, not stored
    with pytest.raises(ReviewflowError) as err:
        discover_exports(config["rounds"], root=tmp_path, source=str(path))
    assert err.value.problems[0].file == str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rounds: []\nsurprise: 1\n", "surprise is not a setting reviewflow knows"),
        ("rounds:\n  - {id: a, folder: x}\n  - {id: A, folder: y}\n", "round id 'A' is given twice"),
        ("rounds:\n  - {id: a, folder: x}\n  - {id: b, folder: x}\n", "round folder 'x' is given twice"),
        ("rounds:\n  - {id: a, folder: x}\nreview: {title: t}\nreview: {title: u}\n", "review is given twice"),
        ("rounds:\n  - {id: a, folder: x}\ndedupe: {keep_apartt: []}\n", "did you mean keep_apart?"),
        ("rounds:\n  - {id: a, folder: x}\nscreening:\n  criteria:\n    - {code: E1, kind: exclusion, label: a}\n"
         "    - {code: e1, kind: exclusion, label: b}\n", "criterion code 'e1' is given twice"),
        ("rounds:\n  - id: 'bad id'\n    folder: x\n", "rounds.0.id"),
        ("rounds:\n  - folder: x\n", "'id' is a required property"),
        ("rounds: [\n", "not valid YAML"),
        ("- just\n- a list\n", "not a mapping"),
        ("rounds: !!python/object/apply:os.system ['true']\n", "not valid YAML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(ReviewflowError) as caught:
        load_config(write(tmp_path, text))
    assert message in str(caught.value)
    assert str(tmp_path / "config.yaml") in str(caught.value)


def test_missing_config_file_is_a_clear_error(tmp_path):
    with pytest.raises(ReviewflowError, match="does not exist"):
        load_config(tmp_path / "nope.yaml")


def test_the_shipped_example_config_is_valid():
    from pathlib import Path

    config = load_config(Path(__file__).resolve().parents[1] / "config" / "config.yaml")
    assert config["rounds"], "the example has at least one search round"


def test_cli_shows_help_and_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert "reviewflow" in capsys.readouterr().out


def test_a_command_imports_only_its_own_stage():
    """`reviewflow --help` and each command start without the other stages (numpy, matplotlib...),
    so a broken stage cannot take every command down with it."""
    probe = ("import sys\nfrom reviewflow.cli import build_parser\nbuild_parser({!r})\n"
             "print(sorted(m for m in sys.modules if m.startswith('reviewflow.') and m.count('.') == 1))")
    for command, stage in ((None, None), ("import", "reviewflow.importing"), ("screen", "reviewflow.screening")):
        out = subprocess.run([sys.executable, "-c", probe.format(command)], capture_output=True, text=True,
                             check=True).stdout
        loaded = set(ast.literal_eval(out)) & {"reviewflow.importing", "reviewflow.dedupe", "reviewflow.screening",
                                               "reviewflow.prisma", "reviewflow.tables", "reviewflow.report"}
        assert loaded == ({stage} if stage else set()), (command, loaded)
