"""``reviewflow run [DIR] [snakemake options]``: run a review and say what happened, briefly.

The config is checked before Snakemake starts (a problem names the file and line, no traceback).
Snakemake runs with ``--rerun-incomplete`` (an interrupted run finishes on the next call); its full
output stays in ``.snakemake/log/`` and each rule's ``logs/`` file. The console shows one line per stage
as it finishes, then where to look (``reviewflow.run_summary``); on failure, the problem as the rules
wrote it, last.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from reviewflow.config import load_config
from reviewflow.errors import fail

CONFIG = "config/config.yaml"
STAGE_OF_RULE = {  # rule -> the stage it belongs to (the names of docs/ and results/)
    "import_export": "import", "gather_records": "import",
    "dedupe_block": "dedupe", "dedupe_score": "dedupe", "dedupe_records": "dedupe",
    "screen_decisions": "screening", "prisma_flow": "prisma",
    "build_tables": "tables", "draw_charts": "tables", "check_claims": "tables", "write_report": "report",
}
FINISHED = re.compile(r"Finished jobid: \d+ \(Rule: (\w+)\)")
# Lines the rules and the workflow write for a person (reviewflow.workflow.run_step, common.smk's stop)
OURS = re.compile(r"^(Rule '\w+' (stopped|failed)|reviewflow: )")


def find_review(folder: str | Path) -> Path:
    """The review folder, or an error saying what a review folder holds."""
    root = Path(folder)
    if not root.is_dir():
        raise fail(root, "is not a folder", "give the folder of a review (the one holding Snakefile and config/)")
    missing = [name for name in ("Snakefile", CONFIG) if not (root / name).is_file()]
    if missing:
        raise fail(root, f"is not a review folder: it has no {' and no '.join(missing)}",
                   "run this in (or name) a review folder, or start one with `reviewflow init DIR`")
    return root


def _config_given(extra: Sequence[str]) -> str | None:
    """The last --configfile passed through to Snakemake (it takes the last one too)."""
    given = None
    for i, arg in enumerate(extra):
        if arg == "--configfile" and i + 1 < len(extra):
            given = extra[i + 1]
        elif arg.startswith("--configfile="):
            given = arg.split("=", 1)[1]
    return given


def snakemake_command(root: Path, extra: Sequence[str]) -> list[str]:
    cmd = [sys.executable, "-m", "snakemake", "--directory", str(root), "--snakefile", str(root / "Snakefile"),
           "--rerun-incomplete", "--quiet", "rules"]
    if not any(a in ("--cores", "-c", "--jobs", "-j", "--profile") or a.startswith(("--cores=", "--jobs="))
               for a in extra):
        cmd += ["--cores", str(min(os.cpu_count() or 1, 4))]
    return [*cmd, *extra]


def run_review(folder: str | Path = ".", extra: Sequence[str] = (), out=sys.stdout) -> int:
    root = find_review(folder)
    load_config(_config_given(extra) or root / CONFIG)  # a clean message (file, line, fix) before Snakemake starts
    code, captured = _snakemake(root, extra, out)
    if code != 0 and _stale_lock(captured, root):
        # an earlier run was killed (kill -9, power loss) and left its lock: nothing else is running here
        print("  an earlier run was interrupted: unlocking and finishing it", file=out)
        subprocess.run([*snakemake_command(root, []), "--unlock"], capture_output=True, text=True)
        code, captured = _snakemake(root, extra, out)
    if code != 0:
        print("\n".join(failure_lines(captured)), file=out)
        return code
    if any("Nothing to be done" in line for line in captured):
        print("  nothing to do: every result is up to date with data/ and config/", file=out)
    from reviewflow.run_summary import summary_lines

    print("\n".join(summary_lines(root)), file=out)
    return 0


def _snakemake(root: Path, extra: Sequence[str], out) -> tuple[int, list[str]]:
    """Run Snakemake, print one line per stage as its first job finishes; its whole output is returned."""
    proc = subprocess.Popen(snakemake_command(root, extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8", errors="replace")
    captured: list[str] = []
    seen: set[str] = set()
    assert proc.stdout is not None
    for line in proc.stdout:
        captured.append(line.rstrip("\n"))
        match = FINISHED.search(line)
        stage = STAGE_OF_RULE.get(match.group(1)) if match else None
        if stage and stage not in seen:
            seen.add(stage)
            print(f"  {stage} done", file=out, flush=True)
    return proc.wait(), captured


def _stale_lock(captured: list[str], root: Path) -> bool:
    """Snakemake refused to start for a lock, and no Snakemake process is running in this review."""
    if not any("cannot be locked" in line or "LockException" in line for line in captured):
        return False
    import psutil  # a dependency of Snakemake

    here = root.resolve()
    for proc in psutil.process_iter(["cmdline", "cwd"]):
        try:
            cmdline = " ".join(proc.info["cmdline"] or [])
            if "snakemake" in cmdline and "--unlock" not in cmdline and proc.info["cwd"] \
                    and Path(proc.info["cwd"]).resolve() == here and proc.pid != os.getpid():
                return False
        except (psutil.Error, OSError):
            continue
    return True


def failure_lines(captured: list[str]) -> list[str]:
    """What a person needs from a failed run: the rules' own messages, else Snakemake's last lines."""
    ours: list[str] = []
    inside = False
    for line in captured:
        if OURS.match(line):
            inside = True
        elif inside and (not line.strip() or line.startswith(("[", "Error in rule", "RuleException"))):
            inside = False
        if inside:
            ours.append(line)
    if not ours:
        ours = [line for line in captured if line.strip()][-15:]
    logs = [line for line in captured if "Complete log" in line]
    return ["", "reviewflow: the run stopped.", *ours, *(logs[-1:] or []),
            "Fix the file named above and run again: finished results are kept and reused."]


RUN_HELP = """usage: reviewflow run [DIR] [SNAKEMAKE OPTION ...]

Run the review in DIR (default: this folder): check its config, then run reviewflow's workflow
with Snakemake. Any further options go to Snakemake as they are, e.g. --cores 4, --profile
profiles/slurm, --dry-run, --configfile config/update.yaml, --forceall.
"""


def split_run_args(args: Sequence[str]) -> tuple[str, list[str]]:
    """(review folder, Snakemake's options): the folder is the first word when it is not an option."""
    if args and not args[0].startswith("-"):
        return args[0], list(args[1:])
    return ".", list(args)


def register(subparsers) -> None:
    parser = subparsers.add_parser("run", help="run a review (any Snakemake option passes through)",
                                   description=RUN_HELP, add_help=False)
    parser.set_defaults(func=lambda args: run_review(*split_run_args(args.rest)))
