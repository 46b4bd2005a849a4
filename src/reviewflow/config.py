"""The review's config: one loader and one checker for the CLI and the workflow.

``load_config`` reads and validates a file (the CLI); ``check_workflow_config`` validates the config
Snakemake has loaded (config file plus any ``--config`` overrides), with the file's line numbers.
Both reject what the schemas reject, every section included (``rounds`` too), with a fix.

A loaded config is the file's content only. A stage whose errors name the config file takes its path
as an argument of its own (``source``, ``InputPaths.config``), passed by the CLI from ``--config`` and
by the workflow from its ``config_file`` param."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewflow.errors import fail
from reviewflow.validation import read_yaml_file, validate_config

DEFAULT_CONFIG = "config/config.yaml"


def check_workflow_config(config: dict[str, Any], path: str | Path) -> None:
    """Validate, in place (defaults filled), a config Snakemake loaded from ``path``.

    The file is read again only for the line of each key, so a problem names the config line, not the
    Snakefile's."""
    lines: dict[tuple[str, ...], int] = {}
    if Path(path).is_file():
        _, lines = _read_yaml(Path(path))
    validate_config(config, str(path), lines)


def load_config(path: str | Path) -> dict[str, Any]:
    """Read a config YAML safely and validate it; raise a ReviewflowError naming the problem."""
    path = Path(path)
    config, lines = _read_yaml(path)
    if not isinstance(config, dict):
        raise fail(path, "the config is not a mapping of keys to values",
                   "start from config/config.yaml of the worked example", line=1)
    validate_config(config, str(path), lines)
    return config


def _read_yaml(path: Path) -> tuple[Any, dict[tuple[str, ...], int]]:
    return read_yaml_file(path, "the config file", "pass the path of your config.yaml")
