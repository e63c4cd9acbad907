"""The package's reference files (``repertoire/data``, sources in ``SOURCES.md``), read as
the modules of :mod:`repertoire.reference` need them."""

from __future__ import annotations

import csv
import io
import tomllib
from importlib import resources
from typing import Any


def _path(name: str) -> Any:
    return resources.files("repertoire").joinpath("data", name)


def csv_rows(name: str) -> list[dict[str, str]]:
    """The rows of a CSV file, by column name."""
    return list(csv.DictReader(io.StringIO(_path(name).read_text(encoding="utf-8"))))


def toml(name: str) -> dict[str, Any]:
    with _path(name).open("rb") as handle:
        return tomllib.load(handle)
