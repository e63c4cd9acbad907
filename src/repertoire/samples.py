"""The sample sections bundled with the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE = "mali-2023.txt"


def path(name: str = SAMPLE) -> Path:
    """Filesystem path of a bundled sample (the package is installed unzipped)."""
    return Path(str(resources.files("repertoire.data").joinpath("samples").joinpath(name)))


def text(name: str = SAMPLE) -> str:
    return path(name).read_text(encoding="utf-8")
