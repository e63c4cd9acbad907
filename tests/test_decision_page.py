"""The decision page never says the sources agree when a field differs, nor compares
what one source alone states; each value is set against the merged record's choice."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datasette")

from repertoire import samples
from repertoire.store import load, open_db
from repertoire.store.official import import_official
from repertoire.web import make_datasette
from repertoire.web.official import audit  # the store first: it imports the audit
from tests.test_explorer_sources import write_official_files
from tests.test_official_akn import DRAFT
from tests.test_official_unxml import LINE, lines
from tests.test_store_sources import SITTING_2023

# The sample's failed draft as an AKN4UN file that names one member in two lists: in
# favour and abstaining (the sample has it abstaining).
_IN_FAVOUR = [n for n in SITTING_2023 if n != "RUSSIAN FEDERATION"]


def _voters(names: list[str]) -> str:
    return "".join(f'<organization refersTo="memberState">{n}</organization>' for n in names)


TWICE = (
    DRAFT.decode()
    .replace("S/2099/12", "S/2023/638")
    .replace("2099-03-27", "2023-08-30")
    .replace("S/PV.9999", "S/PV.9408")
    .replace("2 permanent members", "a permanent member")
    .replace("(China and Russian Federation)", "(Russian Federation)")
    .replace(
        '<count value="013" refersTo="inFavour"><akn4un:voters>\n'
        '          <organization refersTo="memberState">FRANCE</organization>',
        f'<count value="013" refersTo="inFavour"><akn4un:voters>{_voters(_IN_FAVOUR)}',
    )
    .replace(
        '<count value="02" refersTo="against"><akn4un:voters>\n'
        '          <organization refersTo="memberState">CHINA</organization>',
        '<count value="01" refersTo="against"><akn4un:voters>',
    )
    .replace(
        '<count value="0" refersTo="abstaining"/>',
        f'<count value="01" refersTo="abstaining"><akn4un:voters>{_voters(["CHINA"])}'
        "</akn4un:voters></count>",
    )
    .encode()
)


def get(datasette: Any, path: str) -> str:
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200
    return str(response.text)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("decision")
    folder = work / "official"
    folder.mkdir()
    (folder / "twice.xml").write_bytes(TWICE)
    (folder / "2099.jsonl").write_bytes(lines(LINE))  # stated by this one source only
    db = work / "store.db"
    load([samples.path()], db)
    import_official([folder], db)
    return db


@pytest.fixture(scope="module")
def ds(store: Path) -> Any:
    return make_datasette(store)


def _row(html: str, attribute: str, name: str) -> tuple[str, str]:
    found = re.search(
        rf'<tr class="([^"]*)" {attribute}="{re.escape(name)}">(.*?)</tr>', html, re.S
    )
    assert found is not None, name
    return found[1], found[2]


def test_the_fixture_names_one_member_in_two_lists() -> None:
    assert TWICE.count(b">CHINA<") == 2 and b"S/2023/638" in TWICE


def test_a_member_in_two_lists_of_one_source_is_shown_as_that_sources_conflict(ds: Any) -> None:
    html = get(ds, "/-/decision/S/2023/638")
    heads = re.findall(r'<span class="rp-source">([^<]+)</span>', html)
    assert heads == ["repertoire", "akn4un"]
    kind, china = _row(html, "data-member", "China")
    assert kind == "rp-differs" and "≠ differ" in china and "✓ agree" not in china
    assert "in two lists: Y and A" in china
    # The merged record takes the vote the file does not contradict, and says why.
    assert "chosen by: record" in china and 'rp-chosen"><span class="vote vote-A">A' in china
    kind, france = _row(html, "data-member", "France")
    assert kind == "" and "✓ agree" in france
    assert "14 of 15 members&#39; votes agree" in html or "14 of 15 members' votes agree" in html
    assert "Named in two lists of one source: China" in html
    assert "15 of 15" not in html
    assert "Nothing: no rule is broken" not in html


def test_the_audit_reports_the_conflict_and_the_disagreement(store: Path) -> None:
    with open_db(store) as conn:
        found = [f for f in audit.audit(conn) if f.subject == "S/2023/638"]
    codes = {f.code for f in found}
    assert "vote-twice" in codes
    between = [f for f in found if f.code == "reconcile-member-vote"]
    assert len(between) == 1 and "China" in between[0].message
    assert {s.source for s in between[0].sources} == {"akn4un", "repertoire"}
    assert {s.value for s in between[0].sources} == {"Y and A (in two lists)", "A"}
    chosen = [f for f in found if f.code == "evidence-member-vote"]
    assert len(chosen) == 1 and "China" in chosen[0].message
    assert {s.source for s in chosen[0].sources} == {"akn4un", "repertoire"}


def test_the_comparison_keeps_both_votes_of_a_member_in_two_lists(store: Path) -> None:
    with open_db(store) as conn:
        rows = audit.statements(conn, "S/2023/638")
    by_member = {m: (values, agree) for m, values, agree in audit.compared_votes(rows)}
    values, agree = by_member["China"]
    assert not agree and ("Y", "A") in values and ("A",) in values
    assert by_member["France"] == ([("Y",), ("Y",)], True)


def test_one_source_is_not_said_to_agree_with_itself(ds: Any) -> None:
    html = get(ds, "/-/decision/S/RES/1234%20(2099)")
    assert "Stated by one source: nothing to compare." in html
    assert "across the sources" not in html and "✓ agree" not in html
    assert re.search(r"\d+ of \d+ fields?", html) is None
    _, date = _row(html, "data-field", "date")
    # The lone date is outside the run of resolution numbers: the merged record doubts
    # it, so the page does not say that nothing is wrong.
    assert "one source" in date and "chosen by: doubted" in date
    assert "Nothing: no rule is broken" not in html


def test_counts_are_over_fields_two_sources_state(ds: Any) -> None:
    html = get(ds, "/-/decision/S/2023/638")
    legend = re.search(r"(\d+) of (\d+) fields? stated by two or more sources agree", html)
    assert legend is not None
    compared = re.findall(r'<tr class="[^"]*" data-field="([^"]+)">', html)
    one = [f for f in compared if "one source" in _row(html, "data-field", f)[1]]
    assert int(legend[2]) == len(compared) - len(one)
    for field in one:
        assert "✓ agree" not in _row(html, "data-field", field)[1]


def test_nothing_to_report_is_said_only_of_what_is_settled(ds: Any) -> None:
    # The sample's other draft: one source, no finding, nothing in doubt.
    html = get(ds, "/-/decision/S/2023/639")
    assert "Nothing: no rule is broken." in html and "the sources agree" not in html


def test_an_undecided_field_marks_every_value_and_chooses_none(tmp_path: Path) -> None:
    # AKN4UN and the Library name different vetoing members of S/2099/12; nothing settles it.
    db = tmp_path / "store.db"
    import_official([write_official_files(tmp_path / "official")], db)
    html = get(make_datasette(db), "/-/decision/S/2099/12")
    kind, vetoed = _row(html, "data-field", "vetoed_by")
    assert kind == "rp-differs" and "chosen by: undecided" in vetoed
    stated = re.findall(r'<td class="id( rp-odd)?">(?!<span class="muted">)', vetoed)
    assert len(stated) >= 2 and all(stated)
    assert "Nothing: no rule is broken" not in html


def test_one_source_with_a_member_in_two_lists_is_not_settled(tmp_path: Path) -> None:
    folder = tmp_path / "official"
    folder.mkdir()
    (folder / "twice.xml").write_bytes(TWICE)
    db = tmp_path / "store.db"
    import_official([folder], db)
    html = get(make_datasette(db), "/-/decision/S/2023/638")
    assert "stated by 1 source ·" in html and "Listed by one source: nothing to compare." in html
    kind, china = _row(html, "data-member", "China")
    assert kind == "rp-differs" and "in two lists: Y and A" in china and "≠ differ" in china
    assert "Named in two lists of one source: China" in html
    assert "vote-twice" in html and "Nothing: no rule is broken" not in html
