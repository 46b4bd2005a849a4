"""Generate the worked example's simulated search exports and screening decisions.

    python tools/simulate_example.py            # (re)write data/raw/ and data/screening/
    python tools/simulate_example.py --check    # regenerate in a temporary folder, compare byte for byte
    python tools/simulate_example.py --print-config   # the rounds: section config/config.yaml needs
    python tools/simulate_example.py --update-2014    # (re)write data/update_2014/ (a simulated update round)
    python tools/simulate_example.py --update-2014 --check

Reads the real extraction sheets in data/extracted/. Deterministic for a given --seed; see
data/raw/README.md for what is real and what is simulated.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reviewflow.errors import ReviewflowError  # noqa: E402
from tools.simulate.build import DEFAULT_SEED, build_example, rounds_yaml  # noqa: E402
from tools.simulate.update import build_update  # noqa: E402

GENERATED = ("data/raw", "data/screening")
UPDATE_GENERATED = ("data/update_2014",)


def write(files: dict[str, str], root: Path) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def existing(root: Path, folders: tuple[str, ...] = GENERATED) -> dict[str, bytes]:
    found = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                found[str(path.relative_to(root))] = path.read_bytes()
    return found


def check(files: dict[str, str], root: Path, folders: tuple[str, ...] = GENERATED) -> list[str]:
    """Differences between the committed files and a fresh generation (empty: identical)."""
    with tempfile.TemporaryDirectory() as tmp:
        write(files, Path(tmp))
        fresh, committed = existing(Path(tmp), folders), existing(root, folders)
    problems = [f"{rel}: missing (run tools/simulate_example.py)" for rel in sorted(fresh.keys() - committed.keys())]
    problems += [f"{rel}: not made by the generator (remove it, or teach the generator)"
                 for rel in sorted(committed.keys() - fresh.keys())]
    problems += [f"{rel}: differs from a fresh generation" for rel in sorted(fresh.keys() & committed.keys())
                 if fresh[rel] != committed[rel]]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--root", type=Path, default=REPO, help="repository root (default: this repository)")
    parser.add_argument("--check", action="store_true", help="compare with the committed files; exit 1 on difference")
    parser.add_argument("--print-config", action="store_true", help="print the rounds: section for config.yaml")
    parser.add_argument("--update-2014", action="store_true",
                        help="the simulated 2014 update round instead (data/update_2014/, docs/update.md)")
    args = parser.parse_args(argv)
    try:
        example, files = build_example(args.root / "data" / "extracted", args.seed)
    except ReviewflowError as err:
        print(err, file=sys.stderr)
        return 2
    folders = GENERATED
    if args.update_2014:
        files, folders = build_update(example, args.seed).files, UPDATE_GENERATED
    if args.print_config:
        print(rounds_yaml(example), end="")
        return 0
    if args.check:
        problems = check(files, args.root, folders)
        for problem in problems:
            print(problem, file=sys.stderr)
        print("identical" if not problems else f"{len(problems)} file(s) differ", file=sys.stderr)
        return 1 if problems else 0
    write(files, args.root)
    print(f"wrote {len(files)} files under {', '.join(folders)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
