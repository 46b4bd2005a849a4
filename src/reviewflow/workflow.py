"""Glue for ``workflow/scripts/*.py``: run a stage function, report bad input cleanly.

A script calls ``run_step(snakemake, fn)``. Bad input (a ReviewflowError) is written to the rule's
log and to stderr without a traceback, partial outputs are removed, and the job exits non-zero so
Snakemake stops and names the rule.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviewflow.errors import ReviewflowError


def run_step(smk: Any, step: Callable[[], None]) -> None:
    log_path = Path(smk.log[0]) if smk.log else None
    try:
        step()
    except ReviewflowError as err:
        message = f"Rule '{smk.rule}' stopped: {err}\n"
        sys.stderr.write(message)
        if log_path is not None:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            log_path.write_text(message, encoding="utf-8")
        for out in map(Path, smk.output):
            if out.is_file():
                out.unlink()
        sys.exit(1)
