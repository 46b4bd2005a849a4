"""Provenance: the versions of the software and the checksums of every input file (no timestamps)."""

from __future__ import annotations

import hashlib
import platform
from importlib import metadata
from pathlib import Path

PACKAGES = ("reviewflow", "snakemake", "pandas", "rapidfuzz", "pyyaml", "jinja2", "jsonschema", "rispy",
            "bibtexparser", "openpyxl", "python-docx", "matplotlib")


def versions(packages: tuple[str, ...] = PACKAGES) -> list[tuple[str, str]]:
    out = [("python", platform.python_version())]
    for name in packages:
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, "not installed"))
    return out


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def input_files(root: Path, entries: list[str]) -> list[tuple[str, str, int]]:
    """(path relative to root, sha256, size) of every file under the given folders/files, sorted."""
    found: set[Path] = set()
    for entry in entries:
        path = root / entry
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [(p.relative_to(root).as_posix(), sha256(p), p.stat().st_size)
            for p in sorted(found, key=lambda p: p.relative_to(root).as_posix())]
