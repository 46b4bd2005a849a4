"""Import speed: records per second on one core, for RIS (target >= 20,000/s) and every other format.

Each set is one large export file written to a temporary folder and read with ``read_export``
(decode, detect, read, clean: the whole import of one file). Timing is CPU time of this process
(``time.process_time``), pinned to one core where the OS allows, best of ``--repeat`` runs, so
other work on a shared machine disturbs it as little as possible.

RIS sets:
- ``ris-synthetic``: generated here (always available): Scopus-shaped records of about 2.5 kB
  with authors, affiliations, a 1,500-character abstract, keywords and some non-ASCII text.
  SIMULATED data, for speed only.
- ``ris-scopus``, ``ris-ovid``, ``ris-mix``: real records repeated (the real exports under
  /work/shared/benchmarks when present: Scopus; Ovid MEDLINE; all 22 real RIS exports).

Other formats repeat a real export (or, without /work/shared, a test fixture).

    .venv/bin/python benchmarks/bench_import.py [--records 20000] [--repeat 5] [--ris-only]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import tempfile
import time
from pathlib import Path

from reviewflow.importing import read_export

TARGET = 20_000  # RIS records/s on one core (reviewflow issue 2)
SHARED = Path("/work/shared/benchmarks")
EXPORTS = SHARED / "exports"
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "exports"
REAL_RIS = {  # set -> real exports repeated
    "ris-scopus": [EXPORTS / "scopus/revtools_restoration_scopus.ris"],
    "ris-ovid": [EXPORTS / "ovid/citesource_wildfire_ovid_medline_84.ris",
                 EXPORTS / "ovid/mckeown_mir_ovid_multifile_3001_to_3130.ris"],
}
SOURCES = {  # other formats -> (shared file, fixture)
    "pubmed": (EXPORTS / "pubmed/revtools_restoration_pubmed.nbib", FIXTURES / "pubmed.nbib"),
    "wos": (EXPORTS / "wos/revtools_restoration_WoS.ciw", FIXTURES / "wos_savedrecs.txt"),
    "bibtex": (EXPORTS / "scopus/synthesisr_Scopus_bib_example.bib", FIXTURES / "scopus.bib"),
    "endnote_xml": (SHARED / "dedup/respiratory/Respiratory_endnote_export.xml", FIXTURES / "endnote_library.xml"),
}
# How one record starts in each format (to split a source file into record texts).
STARTS = {"ris": r"^TY  - ", "pubmed": r"^PMID- ", "wos": r"^PT ", "bibtex": r"^@"}


# ---------------------------------------------------------------- building the files


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def ris_mix() -> list[Path]:
    """Every real RIS export (all vendors), so the records have the usual mix of sizes."""
    def starts_as_ris(f: Path) -> bool:
        return f.read_bytes().lstrip(b"\xef\xbb\xbf").lstrip()[:2] in (b"TY", b"1.")

    files = sorted(EXPORTS.glob("*/*"))
    return [f for f in files if f.suffix in (".ris", ".txt") and starts_as_ris(f)
            or f.name in ("asysd_endnote_ris_export.txt", "asreview_pubmed_endnote.txt")]


def split_records(text: str, fmt: str) -> list[str]:
    if fmt == "wos":
        text = re.sub(r"^(FN|VR|EF)\b.*\n?", "", text, flags=re.MULTILINE)
    starts = [m.start() for m in re.finditer(STARTS[fmt], text, flags=re.MULTILINE)]
    return [text[a:b].rstrip("\n") + "\n\n" for a, b in zip(starts, [*starts[1:], len(text)])]


def repeat(records: list[str], n: int) -> str:
    return "".join(records[i % len(records)] for i in range(n))


def synthetic_ris(n: int, seed: int = 2) -> str:
    """SIMULATED Scopus-shaped RIS records (about 2.5 kB each), the same for the same ``n``."""
    rng = random.Random(seed)
    words = ("care integration health social budget pooled outcomes hospital admissions costs "
             "older people community services evaluation joint commissioning partnership quality "
             "effect study patients trial mental funding résumé naïve Ångström").split()
    surnames = "Smith Müller García O'Brien Nguyen Kowalski Øster Dubois Rossi Tanaka".split()

    def sentence(k: int) -> str:
        return " ".join(rng.choice(words) for _ in range(k)).capitalize() + "."

    out = []
    for i in range(n):
        page = rng.randint(1, 900)
        lines = [
            "TY  - JOUR",
            f"TI  - {sentence(rng.randint(8, 18))[:-1]}",
            f"T2  - Journal of {rng.choice(words).capitalize()} Studies",
            f"VL  - {rng.randint(1, 60)}", f"IS  - {rng.randint(1, 12)}",
            f"SP  - {page}", f"EP  - {page + rng.randint(2, 20)}",
            f"PY  - {rng.randint(1990, 2024)}",
            f"DO  - 10.{rng.randint(1000, 9999)}/syn.{i:07d}",
            *(f"AU  - {rng.choice(surnames)}, {rng.choice('ABCDEFG')}.{rng.choice('HIJK')}."
              for _ in range(rng.randint(1, 8))),
            *(f"AD  - Department of {rng.choice(words).capitalize()}, University of {rng.choice(surnames)}, "
              f"{rng.choice(surnames)}shire, United Kingdom" for _ in range(rng.randint(1, 4))),
            f"AB  - {' '.join(sentence(rng.randint(10, 25)) for _ in range(11))} Data from 2015–2018. "
            "© 2019 Elsevier Ltd",
            *(f"KW  - {rng.choice(words)} {rng.choice(words)}" for _ in range(rng.randint(2, 6))),
            f"SN  - {rng.randint(1000, 9999)}-{rng.randint(100, 999)}X",
            "N1  - Export Date: 30 January 2019", "M3  - Article", "DB  - Scopus",
            f"UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-{85000000000 + i}&partnerID=40",
            "ER  - ", "",
        ]
        out.append("\n".join(lines) + "\n")
    return "".join(out)


def build_ris(name: str, n: int) -> tuple[str, str] | None:
    """(file text, where the records come from), or None when the real exports are absent."""
    if name == "ris-synthetic":
        return synthetic_ris(n), "synthetic (simulated, Scopus-shaped)"
    files = ris_mix() if name == "ris-mix" else REAL_RIS[name]
    if not all(f.is_file() for f in files) or not files:
        return None
    records = [r for f in files for r in split_records(read_text(f), "ris")]
    origin = f"{len(records)} real records of {len(files)} file(s)" if len(files) > 1 else files[0].name
    return repeat(records, n), origin


def build_other(fmt: str, n: int) -> tuple[str, str]:
    shared, fixture = SOURCES[fmt]
    path = shared if shared.is_file() else fixture
    text = read_text(path)
    if fmt == "endnote_xml":
        records = re.findall(r"<record>.*?</record>", text, flags=re.DOTALL)
        return f'<?xml version="1.0" encoding="UTF-8" ?><xml><records>{repeat(records, n)}</records></xml>', path.name
    records = split_records(text, fmt)
    if fmt == "bibtex":  # citation keys must differ
        return "".join(re.sub(r"^(@\w+\{)([^,]*)", rf"\g<1>\g<2>x{i}", records[i % len(records)], count=1)
                       for i in range(n)), path.name
    out = repeat(records, n)
    if fmt == "wos":
        out = f"FN Clarivate Analytics Web of Science\nVR 1.0\n{out}EF\n"
    return out, path.name


def build_csv(ris_path: Path, path: Path) -> None:
    records = read_export(ris_path, id_prefix="b").records
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Title", "Authors", "Year", "Source title", "Volume", "Issue", "Page start",
                         "Page end", "DOI", "Abstract", "Author Keywords"])
        for r in records:
            writer.writerow([r.title, "; ".join(r.authors), r.year, r.journal, r.volume, r.issue,
                             r.pages_start, r.pages_end, r.doi, r.abstract, "; ".join(r.keywords)])


# ---------------------------------------------------------------- measuring


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity on this OS)"


def reference_loop(n: int = 5_000_000, repeat: int = 3) -> float:
    """CPU nanoseconds per iteration of a plain ``x += i`` loop: how fast this machine runs Python
    bytecode, so a records/s figure can be read against another machine's (divide by the ratio)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        x = 0
        for i in range(n):
            x += i
        best = min(best, time.process_time() - start)
    return best / n * 1e9


def measure(path: Path, repeat: int) -> tuple[int, float]:
    """Best CPU time of ``repeat`` runs (CPU, not wall clock: the machine may be shared)."""
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.process_time()
        count = len(read_export(path, id_prefix="b").records)
        best = min(best, time.process_time() - start)
    return count, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000, help="records per RIS set (others: a fifth)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per set; the best is reported")
    parser.add_argument("--ris-only", action="store_true", help="skip the other formats")
    args = parser.parse_args()
    print(f"import benchmark: {pin_to_one_core()}; CPU time, best of {args.repeat}\n")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sets: dict[str, tuple[Path, str]] = {}
        for name in ("ris-synthetic", "ris-scopus", "ris-ovid", "ris-mix"):
            built = build_ris(name, args.records)
            if built is None:
                print(f"{name}: skipped ({EXPORTS} is not on this machine)")
                continue
            path = folder / f"{name}.ris"
            path.write_text(built[0], encoding="utf-8")
            sets[name] = (path, built[1])
        if not args.ris_only:
            for fmt in SOURCES:
                text, origin = build_other(fmt, max(args.records // 5, 1))
                path = folder / f"big.{fmt}"
                path.write_text(text, encoding="utf-8")
                sets[fmt] = (path, origin)
            ris_path = sets.get("ris-scopus", sets["ris-synthetic"])[0]
            build_csv(ris_path, folder / "big.csv")
            sets["csv"] = (folder / "big.csv", f"records of {ris_path.name}")
        for name, (path, origin) in sets.items():
            size = path.stat().st_size
            count, seconds = measure(path, args.repeat if name != "bibtex" else 1)
            rows.append((name, origin, count, size, seconds))
    print(f"{'set':14} {'records from':42} {'records':>8} {'B/record':>8} {'cpu s':>7} {'records/s':>10} {'MB/s':>6}")
    for name, origin, count, size, seconds in rows:
        print(f"{name:14} {origin[:42]:42} {count:8d} {size / count:8.0f} {seconds:7.2f} "
              f"{count / seconds:10,.0f} {size / 1e6 / seconds:6.1f}")
    loop_ns = reference_loop()
    print(f"\nRIS target: >= {TARGET:,} records/s on one core")
    for name, _, count, _, seconds in rows:
        if name.startswith("ris"):
            rate = count / seconds
            print(f"  {name:14} {rate:10,.0f} records/s ({seconds / count * 1e9 / loop_ns:,.0f} reference-loop "
                  f"iterations per record): {'met' if rate >= TARGET else 'NOT met'}")
    print(f"\nreference loop (x += i): {loop_ns:.0f} ns per iteration on this machine; at 20,000 records/s a "
          f"record may cost {1e9 / TARGET / loop_ns:,.0f} iterations")


if __name__ == "__main__":
    main()
