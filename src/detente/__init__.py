"""detente: news articles in, trustworthy political event data out.

    from detente import ingest_paths, load_settings
"""
from __future__ import annotations

__version__ = "0.1.0"

from .settings import Settings, load_settings  # noqa: E402

__all__ = ["__version__", "Settings", "load_settings", "ingest_paths"]


def ingest_paths(paths: list[str], settings: Settings | None = None):
    """Ingest files into the settings' database and return the IngestReport."""
    from .pipeline import Resources, run_ingest
    from .store import Store

    settings = settings or load_settings()
    with Store(settings.db) as store:
        return run_ingest(paths, settings, store, Resources.load(settings))
