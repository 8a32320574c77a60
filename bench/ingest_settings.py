"""Bench-only settings: Vigil's settings plus the reference view's URLconf."""

from vigil.settings import *  # noqa: F403

ROOT_URLCONF = "bench.ingest_urls"
