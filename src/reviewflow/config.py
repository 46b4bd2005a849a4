"""Loading the review's config outside Snakemake (for the CLI); Snakemake loads it itself."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reviewflow.errors import fail
from reviewflow.validation import load_yaml, validate_config

DEFAULT_CONFIG = "config/config.yaml"
# Set after validation (by load_config, and by the Snakefile for --configfile): which file the config
# came from, so an error about a setting names that file.
SOURCE_KEY = "_source"


def config_source(config: Mapping[str, Any]) -> str:
    """The file a loaded config came from (the default config's path when not recorded)."""
    return str(config.get(SOURCE_KEY) or DEFAULT_CONFIG)


def load_config(path: str | Path) -> dict[str, Any]:
    """Read a config YAML safely and validate it; raise a ReviewflowError naming the problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail(path, "the config file does not exist", "pass the path of your config.yaml") from None
    except UnicodeDecodeError as err:
        raise fail(path, f"not UTF-8 text ({err.reason} at byte {err.start})", "save the config as UTF-8",
                   line=err.object.count(b"\n", 0, err.start) + 1) from None
    config, lines = load_yaml(text, str(path))
    if not isinstance(config, dict):
        raise fail(path, "the config is not a mapping of keys to values",
                   "start from config/config.yaml of the worked example", line=1)
    validate_config(config, str(path), lines)
    config[SOURCE_KEY] = str(path)
    return config
