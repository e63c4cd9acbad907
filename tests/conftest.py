"""Shared fixtures: the bundled sample, and records compared without their spans."""

from __future__ import annotations

from typing import Any

import pytest

from repertoire import build, parse, samples
from repertoire.records import Document


@pytest.fixture(scope="session")
def sample_text() -> str:
    return samples.text()


@pytest.fixture(scope="session")
def sample_doc(sample_text: str) -> Document:
    return parse(sample_text, "sample.txt")


@pytest.fixture(scope="session")
def section(sample_doc: Document):
    return sample_doc.sections[0]


def without_spans(value: Any) -> Any:
    """A record's JSON with every span and finding position removed (they depend on layout)."""
    if isinstance(value, dict):
        return {
            k: without_spans(v)
            for k, v in value.items()
            if k not in ("span", "line", "column", "source")
        }
    if isinstance(value, list):
        return [without_spans(v) for v in value]
    return value


def record(text: str) -> Any:
    """What a reader should get from the text, whatever its layout.

    Spans, finding positions and the decision cell as written ("13–1–1") vary with the
    layout; findings are compared as a set.
    """
    data = without_spans(parse(text).to_dict())
    for section in data["sections"]:
        for meeting in section["meetings"]:
            for decision in meeting["decisions"]:
                decision.pop("text")
    data["findings"].sort(key=lambda f: (f["code"], f["footnote"] or 0, f["message"]))
    return data


def pytest_sessionstart(session: pytest.Session) -> None:
    """Refuse to test compiled modules older than their source: the old code would run."""
    edited = build.stale()
    if edited:
        names = ", ".join(str(path.relative_to(path.parents[2])) for path in edited[:5])
        raise pytest.UsageError(
            f"{len(edited)} compiled module(s) older than their source ({names}); "
            "rebuild them with `make test` (or `pip install -e .`), or delete the "
            "compiled files under src/ to test the pure-Python code"
        )
