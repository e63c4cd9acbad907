"""The registry of official readers: one entry per kind, claims asked of every reader, no
meaning in their order, and the stored tables the same whatever the order."""

from __future__ import annotations

import hashlib
import sqlite3
import typing
from pathlib import Path

import pytest

from repertoire import official, samples
from repertoire.official import records, registry
from repertoire.store import load
from repertoire.store.official import import_official
from tests.test_official_akn import DRAFT
from tests.test_official_library import VETOES, page
from tests.test_official_real import OFFICIAL
from tests.test_official_unxml import LINE, lines
from tests.test_official_vetoes_csv import CSV

SAMPLES = {
    "unxml-resolutions": lines(LINE),
    "akn4un": DRAFT,
    "library-meetings": page(),
    "library-vetoes": VETOES,
    "vetoes-csv": CSV,
}


def test_every_kind_has_one_reader_and_a_description() -> None:
    assert set(registry.READERS) == set(official.KINDS) == set(typing.get_args(records.Kind))
    assert all(r.kind == kind and r.description for kind, r in registry.READERS.items())
    assert list(official.DESCRIPTIONS) == list(official.KINDS)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_exactly_one_reader_claims_each_kind(kind: str) -> None:
    assert registry.claims(registry.Head(SAMPLES[kind])) == [kind]


def test_two_readers_claiming_a_file_is_a_finding_not_a_pick(monkeypatch) -> None:
    greedy = registry.Reader("vetoes-csv", "anything", lambda head: True, lambda h, p: None)  # type: ignore[arg-type, return-value]
    monkeypatch.setitem(registry.READERS, "vetoes-csv", greedy)
    assert official.detect(SAMPLES["library-meetings"]) is None
    found = official.read_bytes(SAMPLES["library-meetings"], "page.html")
    assert found.kind is None
    (finding,) = found.findings
    assert finding.code == "official-kind"
    assert "library-meetings" in finding.message and "vetoes-csv" in finding.message


def _reversed(monkeypatch) -> None:
    monkeypatch.setattr(registry, "READERS", dict(reversed(registry.READERS.items())))


@pytest.mark.skipif(not OFFICIAL.is_dir(), reason="official files not present")
def test_the_readers_order_decides_no_kind(monkeypatch) -> None:
    raws = [p.read_bytes() for p in official.files([OFFICIAL]) if "texts" not in p.parts]
    raws += [p.read_bytes() for p in list(official.files([OFFICIAL / "unxml" / "texts"]))[:40]]
    forward = [official.detect(raw) for raw in raws]
    _reversed(monkeypatch)
    assert [official.detect(raw) for raw in raws] == forward
    assert {k for k in forward if k} == set(official.KINDS)


# A few real files of every kind, small enough to import in a test.
def small_set() -> list[Path]:
    return [
        OFFICIAL / "library" / "meetings" / "scact2022_table_en.html",
        OFFICIAL / "library" / "scact_veto_table_en.html",
        OFFICIAL / "vetoes",
        OFFICIAL / "unxml" / "resolutions" / "2022.jsonl",
        *sorted((OFFICIAL / "unxml" / "not-adopted").iterdir())[:6],
        *sorted((OFFICIAL / "unxml" / "texts" / "2022" / "English").iterdir())[:6],
    ]


def digests(db: Path) -> dict[str, str]:
    """A digest of the rows of each official_* and council_* table (times of import apart)."""
    conn = sqlite3.connect(db)
    try:
        names = [
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND (name LIKE 'official%' OR name LIKE 'council%') AND name NOT LIKE '%fts%'"
                " ORDER BY name"
            )
        ]
        found = {}
        for name in names:
            columns = [
                c
                for (_, c, *_rest) in conn.execute(f"PRAGMA table_info({name})")
                if not c.endswith("_at")
            ]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall()
            found[name] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
        return found
    finally:
        conn.close()


@pytest.mark.skipif(not OFFICIAL.is_dir(), reason="official files not present")
def test_the_readers_order_changes_no_stored_row(tmp_path, monkeypatch) -> None:
    base = tmp_path / "base.db"
    load([samples.path()], base)
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    forward.write_bytes(base.read_bytes())
    backward.write_bytes(base.read_bytes())
    import_official(small_set(), forward)
    _reversed(monkeypatch)
    import_official(small_set(), backward)
    before, after = digests(forward), digests(backward)
    assert before == after
    assert {"official_decisions", "official_meetings", "council_decisions"} <= set(before)
