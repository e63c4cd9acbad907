"""The real official files (beside the repository, in ../shared/reference/official)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from repertoire import official

# ../shared beside the repository (CI); a working copy one folder deeper looks further up.
OFFICIAL = next(
    (
        p / "shared" / "reference" / "official"
        for p in Path(__file__).resolve().parents[1:4]
        if (p / "shared" / "reference" / "official").is_dir()
    ),
    Path("shared/reference/official"),
)

pytestmark = pytest.mark.skipif(not OFFICIAL.is_dir(), reason="official files not present")

# The record sources these tests count: meetings, decisions, votes and vetoes. The full texts
# of decisions beside them (unxml/texts) are another kind of file with tests of their own.
RECORDS = [
    OFFICIAL / "README.md",
    OFFICIAL / "library",
    OFFICIAL / "vetoes",
    OFFICIAL / "unxml" / "resolutions",
    OFFICIAL / "unxml" / "not-adopted",
]


@pytest.fixture(scope="module")
def everything() -> list[official.OfficialFile]:
    return [official.read(p) for p in official.files(RECORDS)]


def by_kind(files: list[official.OfficialFile], kind: str) -> list[official.OfficialFile]:
    return [f for f in files if f.kind == kind]


def test_every_file_is_recognised_but_the_readme_and_licence(everything) -> None:
    kinds = Counter(f.kind for f in everything)
    assert kinds == {
        "library-meetings": 78,
        "unxml-resolutions": 27,
        "akn4un": 19,
        "library-vetoes": 1,
        "vetoes-csv": 1,
        None: 2,
    }
    assert sorted(Path(f.path).name for f in everything if f.kind is None) == [
        "LICENSE",
        "README.md",
    ]


def test_unxml_resolutions_2000_to_2026(everything) -> None:
    decisions = [d for f in by_kind(everything, "unxml-resolutions") for d in f.decisions]
    assert len(decisions) == 1541
    assert all(d.date and d.date[:4] >= "2000" for d in decisions)
    assert sum(d.no_meeting for d in decisions) == 51


def test_drafts_not_adopted(everything) -> None:
    drafts = [d for f in by_kind(everything, "akn4un") for d in f.decisions]
    assert len(drafts) == 19
    assert all(d.adopted is False for d in drafts)
    assert sum(1 for d in drafts if d.vetoed_by) == 13


def test_library_meetings_1946_to_2022(everything) -> None:
    tables = by_kind(everything, "library-meetings")
    meetings = [m for f in tables for m in f.meetings]
    assert 9300 <= len(meetings) <= 9500
    assert {f.year for f in tables} == set(range(1946, 2023))
    resolutions = {d.symbol for f in tables for d in f.decisions if d.kind == "resolution"}
    numbers = {int(s.split("/")[2].split()[0]) for s in resolutions}
    # 663 and 701 are each listed at two meetings (where 666 and 695 were adopted)
    assert set(range(1, 2641)) - numbers == {666, 695}
    # the 2020 videoconference table's title names 2021
    covid = next(f for f in tables if "covid" in f.path)
    assert covid.year == 2020
    assert [x.code for x in covid.findings] == ["official-title-year"]


def test_veto_lists(everything) -> None:
    (html,) = by_kind(everything, "library-vetoes")
    (csv,) = by_kind(everything, "vetoes-csv")
    assert len(html.vetoes) == 213
    assert len(csv.vetoes) == 214
    assert all(v.members for v in html.vetoes)
    assert html.vetoes[0].members == ["China", "Russian Federation"]


def test_import_twice_and_audit_with_the_sample(tmp_path) -> None:
    from repertoire import samples
    from repertoire.official.audit import audit
    from repertoire.store import open_db
    from repertoire.store.load import load
    from repertoire.store.official import import_official

    db = tmp_path / "all.db"
    first = import_official(RECORDS, db)
    assert first.summary() == {"imported": 126, "skipped": 2}
    assert not import_official(RECORDS, db).changed
    sample = tmp_path / "mali-2023.txt"
    sample.write_text(samples.text(), encoding="utf-8")
    load([sample], db)
    with open_db(db) as conn:
        found = audit(conn)
        shared = conn.execute(
            "SELECT COUNT(*) FROM council_decisions WHERE scope = 'all'"
            " AND sources LIKE '%\"repertoire\"%' AND json_array_length(sources) > 1"
        ).fetchone()[0]
    assert shared == 3  # the sample's three decisions are also in the official files
    # the sample reconciles with the official rows but for China's vote on S/2023/638,
    # which the AKN4UN file lists both in favour and abstaining: the two disagree, and the
    # Repertoire's is chosen
    cited = [f for f in found if any(s.source == "repertoire" for s in f.sources)]
    assert [(f.code, f.subject) for f in cited] == [
        ("reconcile-member-vote", "S/2023/638"),
        ("evidence-member-vote", "S/2023/638"),
    ]
    assert "China voted Y and A (in two lists) in akn4un but A in repertoire" in cited[0].message
    assert "vote of China 'A' chosen by record" in cited[1].message
    codes = Counter(f.code for f in found)
    twice = {f.subject for f in found if f.code == "resolution-twice"}
    assert {"S/RES/663 (1990)", "S/RES/701 (1991)"} <= twice
    missing = {f.subject for f in found if f.code == "resolution-missing"}
    assert {"S/RES/666", "S/RES/695"} <= missing
    assert codes["official-title-year"] == 1
    assert any("did you mean Chile?" in f.message for f in found)
    assert codes["vote-twice"] == 1  # China in two lists of one AKN4UN draft
    _researchers_questions(db)


def _researchers_questions(db: Path) -> None:
    """The questions the store answers across sources, on the real files and the sample."""
    from repertoire.store import open_db, queries

    with open_db(db) as conn:
        brazil = queries.votes(conn, member="Brazil", since=2000, limit=None)
        vetoes = queries.votes(conn, vetoes=True, since=1946, limit=None)
        by_year = queries.alignment(conn, by_year=True, since=2000)
    # How Brazil voted on Council resolutions since 2000: one row per decision.
    assert len(brazil) > 300 and min(r["year"] for r in brazil) >= 2000
    assert len({r["symbol"] for r in brazil}) == len(brazil)
    mali = next(r for r in brazil if r["symbol"] == "S/RES/2690 (2023)")
    assert mali["sources"] == ["repertoire", "unxml-resolutions"] and mali["member_vote"] == "Y"
    # Which drafts were vetoed, by whom, since 1946: each draft once, with its vetoing members.
    assert vetoes[0]["year"] == 1946 and all(r["vetoed_by"] for r in vetoes)
    assert len({r["draft"] for r in vetoes}) == len(vetoes) > 200
    assert sum(1 for r in vetoes if len(r["sources"]) > 1) > 150
    # Agreement between members, year by year, 2000 to 2026.
    assert {r["year"] for r in by_year} == set(range(2000, 2027))


def test_library_cells_read_whole_across_their_lines(everything) -> None:
    """A topic the page writes over two source lines is one topic, not its last line."""
    tables = by_kind(everything, "library-meetings")
    drafts = {d.symbol: d for f in tables for d in f.decisions}
    for symbol in ("S/2015/562", "S/2022/155"):
        agenda = drafts[symbol].agenda or ""
        assert agenda.startswith("Letter dated 28 February 2014 from the Permanent Representative")
        assert agenda.endswith("S/2014/136 )")
    meetings = {m.record: m for f in tables for m in f.meetings}
    assert all("\n" not in topic for m in meetings.values() for topic in m.topics)
