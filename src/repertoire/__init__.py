"""repertoire: the Repertoire of the Practice of the Security Council as checked data."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from repertoire.read.pipeline import check, parse, parse_file
    from repertoire.records import Document, Finding, Section

__all__ = ["Document", "Finding", "Section", "check", "parse", "parse_file"]

# Where each public name lives. They are imported when first asked for, not here: every
# command starts by importing this package, and most never read a text.
_HOMES = {
    "check": "repertoire.read.pipeline",
    "parse": "repertoire.read.pipeline",
    "parse_file": "repertoire.read.pipeline",
    "Document": "repertoire.records",
    "Finding": "repertoire.records",
    "Section": "repertoire.records",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'repertoire' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # asked once: later uses are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
