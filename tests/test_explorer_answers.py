"""One source of answers: the explorer's canned queries, its State and home pages and the
command line give the same rows and counts, over every source the store holds."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("datasette")

from repertoire import samples
from repertoire.cli import main
from repertoire.store import load
from repertoire.store.official import import_official
from repertoire.web import make_datasette
from tests.test_explorer_sources import write_official_files
from tests.test_official_real import OFFICIAL, RECORDS


def _store(folder: Path, official: list[Path]) -> Path:
    db = folder / "store.db"
    load([samples.path()], db)
    import_official(official, db)
    return db


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("answers")
    return _store(work, [write_official_files(work / "official")])


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not OFFICIAL.is_dir():
        pytest.skip("official files not present")
    return _store(tmp_path_factory.mktemp("real"), [p for p in RECORDS if p.is_dir()])


def _cli(db: Path, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, [*args, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)
    return rows


def _get(datasette: Any, path: str) -> Any:
    return asyncio.run(datasette.client.get(path))


def _same_answers(db: Path, members: list[str], year: int) -> None:
    datasette = make_datasette(db)
    vetoes = _get(datasette, "/repertoire/vetoes.json?_shape=array&_size=max").json()
    cli_vetoes = _cli(db, "votes", "--vetoes")
    assert cli_vetoes and [v["draft"] for v in vetoes] == [v["draft"] for v in cli_vetoes]
    failed = _get(datasette, "/repertoire/failed_drafts.json?_shape=array&_size=max").json()
    assert len(failed) == len(_cli(db, "votes", "--failed"))
    of_year = _get(datasette, f"/repertoire/decisions_of_year.json?_shape=array&year={year}")
    cli_year = _cli(db, "votes", "--year", str(year))
    assert [d["symbol"] for d in of_year.json()] == [d["symbol"] for d in cli_year]
    spoke = _get(datasette, "/repertoire/who_spoke.json?_shape=array&record=s/pv.%209365").json()
    cli_spoke = _cli(db, "speakers", "--meeting", "S/PV.9365")
    assert cli_spoke and [s["name"] for s in spoke] == [s["name"] for s in cli_spoke]
    home = _get(datasette, "/-/repertoire").text
    assert f'href="/repertoire/decisions_of_year?year={year}"' in home
    for member in members:
        aligned = _get(
            datasette, f"/repertoire/alignment.json?_shape=array&_size=max&member={member}"
        ).json()
        pairs = {r["member_b"]: (r["votes"], r["share"]) for r in aligned}
        cli_pairs = {
            r["member_b"]: (r["votes"], r["share"])
            for r in _cli(db, "alignment", "--member", member)
        }
        assert pairs and pairs == cli_pairs
        page = _get(datasette, f"/-/state/{member}").text
        counted = re.search(r'data-votes="(\d+)" data-vetoes="(\d+)"', page)
        assert counted is not None
        votes = _cli(db, "votes", "--member", member)
        vetoed = _cli(db, "votes", "--vetoed-by", member)
        assert (int(counted[1]), int(counted[2])) == (len(votes), len(vetoed))
        record = page[page.index('id="record"') : page.index('id="vetoes"')]
        shown = re.findall(r'<tr class="(?:veto-row)?"><td class="id">', record)
        assert len(shown) == min(len(votes), 100)
        assert f"{len(votes)} recorded vote" in page
        if len(votes) > 100:  # the one pager, over the same count
            pages = -(-len(votes) // 100)
            assert f"Page 1 of {pages} ({len(votes)} rows)" in record


def test_the_same_answers_on_small_official_files(small: Path) -> None:
    _same_answers(small, ["Russian Federation", "France", "China"], 2023)


def test_the_home_page_searches_the_official_decisions(small: Path) -> None:
    datasette = make_datasette(small)
    home = _get(datasette, "/-/repertoire").text
    assert 'action="/repertoire/official_decisions"' in home
    found = _get(datasette, "/repertoire/official_decisions.json?_shape=array&_search=Freedonia")
    rows = found.json()
    assert rows and all("Freedonia" in (r["agenda"] or "") + (r["title"] or "") for r in rows)


def test_the_same_answers_on_the_real_official_files(real: Path) -> None:
    _same_answers(real, ["Russian Federation", "Algeria", "China", "United States"], 2018)
    datasette = make_datasette(real)
    # Every veto the sources record, not only the Repertoire's; a member of no Repertoire vote.
    vetoes = _get(datasette, "/repertoire/vetoes.json?_shape=array&_size=max").json()
    assert len(vetoes) == len(_cli(real, "votes", "--vetoes")) > 200
    algeria = _get(datasette, "/-/state/Algeria").text
    assert not re.search(r"\b0 recorded votes", algeria)
