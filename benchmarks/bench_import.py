"""Import speed, records per second on one core, for each format.

Builds large export files in a temporary folder by repeating real records (the real exports in
/work/shared/benchmarks when present, else the small fixtures in tests/fixtures/exports), reads
each with ``read_export`` and prints a table. Target for RIS: >= 20,000 records/s.

    .venv/bin/python benchmarks/bench_import.py [--records 50000]
"""

from __future__ import annotations

import argparse
import csv
import re
import tempfile
import time
from pathlib import Path

from reviewflow.importing import read_export

SHARED = Path("/work/shared/benchmarks")
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "exports"
SOURCES = {  # format -> (shared file, fixture)
    "ris": (SHARED / "exports/scopus/revtools_restoration_scopus.ris", FIXTURES / "ovid_medline.ris"),
    "pubmed": (SHARED / "exports/pubmed/revtools_restoration_pubmed.nbib", FIXTURES / "pubmed.nbib"),
    "wos": (SHARED / "exports/wos/revtools_restoration_WoS.ciw", FIXTURES / "wos_savedrecs.txt"),
    "bibtex": (SHARED / "exports/scopus/synthesisr_Scopus_bib_example.bib", FIXTURES / "scopus.bib"),
    "endnote_xml": (SHARED / "dedup/respiratory/Respiratory_endnote_export.xml", FIXTURES / "endnote_library.xml"),
}
# How one record starts in each format (to split a source file into record texts).
STARTS = {"ris": r"^TY  - ", "pubmed": r"^PMID- ", "wos": r"^PT ", "bibtex": r"^@"}


def source(fmt: str) -> Path:
    shared, fixture = SOURCES[fmt]
    return shared if shared.is_file() else fixture


def ris_mix() -> list[Path]:
    """Every real RIS export (all vendors), so the records have the usual mix of sizes."""
    files = sorted((SHARED / "exports").glob("*/*"))
    return [f for f in files if f.suffix in (".ris", ".txt") and f.read_bytes().lstrip(b"\xef\xbb\xbf").lstrip()[:2] in (b"TY", b"1.")
            or f.name in ("asysd_endnote_ris_export.txt", "asreview_pubmed_endnote.txt")]


def build(fmt: str, n: int, folder: Path) -> Path:
    if fmt == "ris-mix":
        text = "\n".join(f.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
                         for f in ris_mix())
        fmt = "ris"
    else:
        text = source(fmt).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    if fmt == "endnote_xml":
        records = re.findall(r"<record>.*?</record>", text, flags=re.DOTALL)
        body = "".join(records[i % len(records)] for i in range(n))
        out = f'<?xml version="1.0" encoding="UTF-8" ?><xml><records>{body}</records></xml>'
    else:
        if fmt == "wos":
            text = re.sub(r"^(FN|VR|EF)\b.*\n?", "", text, flags=re.MULTILINE)
        starts = [m.start() for m in re.finditer(STARTS[fmt], text, flags=re.MULTILINE)]
        records = [text[a:b].rstrip("\n") + "\n\n" for a, b in zip(starts, [*starts[1:], len(text)])]
        if fmt == "bibtex":  # citation keys must differ
            records = [re.sub(r"^(@\w+\{)([^,]*)", rf"\g<1>\g<2>x{i}", records[i % len(records)], count=1)
                       for i in range(n)]
        out = "".join(records[i % len(records)] for i in range(n))
        if fmt == "wos":
            out = f"FN Clarivate Analytics Web of Science\nVR 1.0\n{out}EF\n"
    path = folder / f"big-{len(list(folder.iterdir()))}.{fmt}"
    path.write_text(out, encoding="utf-8")
    return path


def build_csv(ris_path: Path, folder: Path) -> Path:
    records = read_export(ris_path, id_prefix="b").records
    path = folder / "big.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Title", "Authors", "Year", "Source title", "Volume", "Issue", "Page start",
                         "Page end", "DOI", "Abstract", "Author Keywords"])
        for r in records:
            writer.writerow([r.title, "; ".join(r.authors), r.year, r.journal, r.volume, r.issue,
                             r.pages_start, r.pages_end, r.doi, r.abstract, "; ".join(r.keywords)])
    return path


def measure(path: Path, repeat: int = 3) -> tuple[int, float]:
    """Best CPU time of a few runs (CPU, not wall clock: the machine may be shared)."""
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.process_time()
        count = len(read_export(path, id_prefix="b").records)
        best = min(best, time.process_time() - start)
    return count, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = {fmt: build(fmt, args.records if fmt == "ris" else args.records // 5, folder)
                 for fmt in SOURCES}
        if SHARED.is_dir():
            paths["ris-mix"] = build("ris-mix", args.records, folder)
        paths["csv"] = build_csv(paths["ris"], folder)
        for fmt in ("ris", "ris-mix", "pubmed", "wos", "bibtex", "csv", "endnote_xml"):
            if fmt not in paths:
                continue
            size = paths[fmt].stat().st_size / 1e6
            count, seconds = measure(paths[fmt], repeat=3 if fmt != "bibtex" else 1)
            origin = {"csv": f"records of {source('ris').name}", "ris-mix": f"all {len(ris_mix())} real RIS exports"}.get(
                fmt) or source(fmt).name
            rows.append((fmt, origin, count, size, seconds, count / seconds))
    print(f"{'format':12} {'repeated from':40} {'records':>8} {'MB':>6} {'cpu s':>8} {'records/s':>10} {'MB/s':>6}")
    for fmt, name, count, size, seconds, rate in rows:
        print(f"{fmt:12} {name[:40]:40} {count:8d} {size:6.1f} {seconds:8.2f} {rate:10,.0f} {size / seconds:6.1f}")
    ris_rate = max(row[5] for row in rows if row[0].startswith("ris"))
    print(f"\nRIS: {ris_rate:,.0f} records/s (target >= 20,000): {'met' if ris_rate >= 20_000 else 'NOT met'}")


if __name__ == "__main__":
    main()
