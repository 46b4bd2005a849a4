"""A no-op rerun of the worked example: the second `reviewflow run` when nothing changed (issue 13: <= 3 s).

Usage: .venv/bin/python benchmarks/bench_noop_rerun.py [--repeat 5]
Runs the example once to bring results/ up to date, then times `reviewflow run . --cores 2` (what
`make run` calls) --repeat times: wall-clock and CPU seconds of the whole command, median and max.
Wall time depends on what else the machine is doing; CPU time much less.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(cmd: list[str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cmd = [sys.executable, "-m", "reviewflow.cli", "run", ".", "--cores", "2"]
    timed(cmd)  # bring everything up to date
    walls, cpus = [], []
    for _ in range(args.repeat):
        wall, cpu, out = timed(cmd)
        if "nothing to do" not in out:
            print("not a no-op: the second run did work\n" + out, file=sys.stderr)
            return 1
        walls.append(wall)
        cpus.append(cpu)
    print(f"no-op rerun of the example ({args.repeat} runs): wall median {statistics.median(walls):.2f} s "
          f"(max {max(walls):.2f}), CPU median {statistics.median(cpus):.2f} s (target: wall <= 3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
