"""Every link of the explorer's pages leads to a page: the meetings only the official
files state have theirs, a decision's page never fails, and the home page lists no name
that is no State."""

from __future__ import annotations

import re
import sqlite3
from html import unescape
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datasette")

from repertoire import samples
from repertoire.store import load
from repertoire.store.official import import_official
from repertoire.web import make_datasette, urls
from tests.test_explorer_sources import get, write_official_files


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("links")
    path = work / "store.db"
    load([samples.path()], path)
    import_official([write_official_files(work / "official")], path)
    return path


@pytest.fixture(scope="module")
def ds(db: Path) -> Any:
    return make_datasette(db)


def _links(html: str) -> set[str]:
    return {unescape(link) for link in re.findall(r'href="(/-/[^"#?]+)', html)}


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_link_of_the_pages_leads_to_a_page(ds: Any, db: Path) -> None:
    # Every decision with a symbol (or a draft's) has a page; one with neither is not linked.
    decisions = [
        urls.decision(symbol)
        for (symbol,) in _rows(
            db,
            "SELECT coalesce(symbol, draft) FROM council_decisions WHERE scope = 'all'"
            " AND coalesce(symbol, draft) IS NOT NULL",
        )
    ]
    pages = ["/-/repertoire", "/-/disagreements", "/-/state/Russian%20Federation", *decisions]
    pages += ["/repertoire/vetoes", "/repertoire/failed_drafts"]
    seen: dict[str, int] = {}
    broken = []
    for page in pages:
        response = get(ds, page)
        assert response.status_code == 200, page
        for link in _links(response.text) - seen.keys():
            seen[link] = get(ds, link).status_code
            if seen[link] != 200:
                broken.append((page, link, seen[link]))
    assert len(decisions) > 5 and len(seen) > 50
    assert broken == []


def test_a_meeting_only_the_official_files_state_has_its_page(ds: Any, db: Path) -> None:
    only = _rows(
        db,
        "SELECT c.record FROM council_meetings AS c WHERE c.scope = 'all' AND c.record LIKE"
        " 'S/PV.%' AND NOT EXISTS (SELECT 1 FROM meetings AS m WHERE m.record_key = c.key)",
    )
    assert only
    for (record,) in only:
        response = get(ds, urls.meeting(record))
        assert response.status_code == 200, record
        assert "As the UN's official files state it" in response.text
        assert all(get(ds, link).status_code == 200 for link in _links(response.text))
    assert get(ds, urls.meeting("S/PV.1234567")).status_code == 404


def test_the_home_page_lists_no_name_split_by_a_file_as_a_state(tmp_path: Path) -> None:
    from tests.test_official_unxml import LINE, lines

    folder = tmp_path / "official"
    folder.mkdir()
    # A file that splits one State's name in two lists two names that are no State.
    split = {**LINE, "MS_in_favour": [*LINE["MS_in_favour"], "CÔTE.", "D'IVOIRE"]}
    (folder / "2099.jsonl").write_bytes(lines(split))
    db = tmp_path / "store.db"
    load([samples.path()], db)
    import_official([folder], db)
    home = get(make_datasette(db), "/-/repertoire")
    assert home.status_code == 200
    assert urls.state("France") in home.text
    assert urls.state("CÔTE.") not in home.text and urls.state("D'IVOIRE") not in home.text
