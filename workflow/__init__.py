"""The packaged Snakemake workflow (``reviewflow.workflow``) and the glue its rule scripts use.

This folder ships in the wheel as ``reviewflow/workflow/``: ``Snakefile``, ``rules/*.smk`` (one per
stage), ``scripts/*.py`` (thin adapters) and ``envs/``. A review runs it as a Snakemake module::

    from reviewflow.workflow import snakefile
    module reviewflow:
        snakefile: snakefile()
        config: config
    use rule * from reviewflow

so the shipped example (this repository's root) and every team's review run the same installed code.

A script calls ``run_step(snakemake, fn)``: its stderr goes to the rule's log (tracebacks included);
bad input (a ReviewflowError) is written there and to the console without a traceback, partial
outputs are removed, and the job exits non-zero so Snakemake stops and names the rule.
"""

from __future__ import annotations

import hashlib
import sys
import traceback
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

WORKFLOW_DIR = Path(__file__).resolve().parent
# What a stage's code is made of: Python modules and the data files they read (templates, schemas).
CODE_SUFFIXES = frozenset({".py", ".yaml", ".j2", ".html", ".css", ".md", ".tex"})
COMMAND_LINE_ONLY = frozenset({"cli.py", "runner.py", "newreview.py", "run_summary.py", "__main__.py"})


def snakefile() -> str:
    """The path of the packaged workflow's Snakefile (for ``module ...: snakefile:``)."""
    return str(WORKFLOW_DIR / "Snakefile")


def _package_dir() -> Path:
    import reviewflow  # the installed package, wherever this folder was mapped from

    return Path(reviewflow.__file__).resolve().parent


@cache
def code_digest(*stages: str) -> str:
    """One digest of the package code a stage runs: the core modules plus each stage's subpackage.

    Rules pass it as a ``params:`` value, so a code change reruns exactly the stages that import
    it, and no job lists package source files as inputs (they would be hundreds of paths)."""
    return stage_digest(_package_dir(), stages)


def stage_digest(package: Path, stages: tuple[str, ...]) -> str:
    """The digest of the core modules and schemas of ``package`` plus the named stages' subpackages
    and templates (the command-line modules are no stage's code)."""
    files = sorted(f for f in package.glob("*.py") if f.name not in COMMAND_LINE_ONLY)
    files += sorted((package / "schemas").rglob("*.yaml"))
    for stage in stages:
        for folder in (package / stage, package / "templates" / stage):
            files += sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix in CODE_SUFFIXES
                            and "__pycache__" not in f.parts)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def run_step(smk: Any, step: Callable[[], None]) -> None:
    from reviewflow.errors import ReviewflowError

    log_path = Path(smk.log[0]) if smk.log else None
    console = sys.stderr
    log = None
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_path.write_text("", encoding="utf-8")
        # append mode: a stage that writes its own notices to the log does not overwrite these lines
        log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 (kept open for the job's life)
        sys.stderr = log  # warnings and tracebacks land in the rule's log
    try:
        step()
    except ReviewflowError as err:
        message = f"Rule '{smk.rule}' stopped: {err}\n"
        console.write(message)
        if log is not None:
            log.write(message)
        _remove_outputs(smk)
        sys.exit(1)
    except Exception:
        if log is not None:
            traceback.print_exc(file=log)
        console.write(f"Rule '{smk.rule}' failed with an internal error; the traceback is in {log_path}.\n")
        _remove_outputs(smk)
        raise
    finally:
        if log is not None:
            sys.stderr = console
            log.close()


def _remove_outputs(smk: Any) -> None:
    for out in map(Path, smk.output):
        if out.is_file():
            out.unlink()
