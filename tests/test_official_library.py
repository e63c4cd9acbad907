"""The Library's meetings tables and veto list (HTML): rowspans, stray cells, years, links."""
# ruff: noqa: E501  (fixtures are copies of real lines, kept whole)

from __future__ import annotations

import pytest

from repertoire import official
from repertoire.official import common
from tests.test_patterns import branches

HEAD = """<html><table class="tablefont">
<tr><th colspan="5" class="tbltitle">Meetings conducted  by the Security Council in {year}<br/>
(in reverse chronological order)</th></tr>
<tr><th>Meeting<br/>Record</th><th>Date</th><th>Press<br>Release</th><th>Topic</th>
<th>Security Council<br> Outcome / Vote</th></tr>
"""

ROWS = """
<tr><td><a href="https://undocs.org/en/S/PV.9999">S/PV.9999</a></td><td>22 December</td>
<td><a href="http://www.un.org/press/en/2099/sc1.doc.htm">SC/1</a></td><td>Freedonia</td>
<td><a href="https://undocs.org/en/S/RES/1234%20(2099)">S/RES/1234 (2099)</a><br>13-0-2</td></tr>
<tr><th rowspan="2"><a href="https://undocs.org/en/S/PV.9998"><p>S/PV.9998 (Resumption 1)</p></th></a>
<th rowspan="2"><p><span>21 December</p></span></th>
<td rowspan="2">none issued</td>
<td>Sylvania</td>
<td>Draft resolution <a href="https://undocs.org/en/S/2099/12">S/2099/12</a> vetoed by USSR and UK<br>9-2-0<br><br>
Draft resolution <a href="https://undocs.org/en/S/2099/13">S/2099/13</a> not adopted<br>1-9-0</td></tr>
<tr><td>Freedonia</td><td><a href="https://undocs.org/en/S/PRST/2099/4">S/PRST/2099/4</a></td>
<tr><td></td><td></td><td></td><td>Elbonia</td><td><a href="https://undocs.org/en/S/RES/1233 (2099)">S/RES/1232 (2099)</a><br> adopted unanimously</td></tr>
<tr><td>--</td><td>3 May</td><td>--</td><td>By videoconference</td><td>--</td></tr>
"""


def page(year: int = 2099, rows: str = ROWS, end: str = "</table></html>") -> bytes:
    return (HEAD.format(year=year) + rows + end).encode()


def test_meetings_rows_spans_and_continuations():
    found = official.read_bytes(page(), "t.html")
    assert found.kind == "library-meetings"
    assert found.year == 2099
    assert [m.record for m in found.meetings] == ["S/PV.9999", "S/PV.9998 (Resumption 1)", None]
    first, second, third = found.meetings
    assert first.date == "2099-12-22" and first.press_release == "SC/1"
    assert second.date == "2099-12-21"
    assert second.topics == ["Sylvania", "Freedonia", "Elbonia"]
    assert third.date == "2099-05-03"
    kinds = [(d.kind, d.symbol, d.record) for d in found.decisions]
    assert kinds == [
        ("resolution", "S/RES/1234 (2099)", "S/PV.9999"),
        ("draft_resolution", "S/2099/12", "S/PV.9998 (Resumption 1)"),
        ("draft_resolution", "S/2099/13", "S/PV.9998 (Resumption 1)"),
        ("presidential_statement", "S/PRST/2099/4", "S/PV.9998 (Resumption 1)"),
        ("resolution", "S/RES/1232 (2099)", "S/PV.9998 (Resumption 1)"),
    ]
    resolution, vetoed, failed, statement, unanimous = found.decisions
    assert resolution.tally.text == "13-0-2"
    assert vetoed.vetoed_by == ["USSR", "UK"] and vetoed.adopted is False
    assert vetoed.tally.vote.to_dict() == {"for": 9, "against": 2, "abstaining": 0}
    assert failed.vetoed_by == [] and failed.tally.text == "1-9-0"
    assert statement.agenda == "Freedonia"
    assert unanimous.tally.unanimous and unanimous.tally.vote is None
    assert all(d.date for d in found.decisions)
    # the link text names 1232, its address 1233
    assert [f.code for f in found.findings] == ["official-link"]
    assert "S/RES/1233 (2099)" in found.findings[0].message
    assert vetoed.attestation.row == 2 and vetoed.attestation.where.endswith("td[3]")


def test_a_title_naming_the_wrong_year_is_reported_and_the_documents_year_used():
    found = official.read_bytes(page(year=2098), "t.html")
    assert found.year == 2099
    assert found.meetings[0].date == "2099-12-22"
    assert "official-title-year" in {f.code for f in found.findings}


def test_layouts_differ_between_years_columns_are_found_by_heading():
    data = (
        b'<table><tr><th class="tbltitle">Meetings conducted by the Security Council in 1950</th></tr>'
        b"<tr><th>Meeting Record</th><th>Date</th><th>Topic</th><th>Outcome / Vote</th></tr>"
        b"<tr><td>S/PV.500</td><td>30 November</td><td>Korea</td><td>--</td></tr></table>"
    )
    found = official.read_bytes(data, "t.html")
    assert [(m.record, m.date, m.topics) for m in found.meetings] == [
        ("S/PV.500", "1950-11-30", ["Korea"])
    ]


def test_a_truncated_page_is_a_finding_and_the_rows_before_the_cut_are_read():
    data = page(end="")[:-120]
    found = official.read_bytes(data, "t.html")
    assert "official-truncated" in {f.code for f in found.findings}
    assert found.meetings[0].record == "S/PV.9999"


def test_a_table_of_another_layout_is_reported_not_read():
    data = b"<html><table><tr><th>Name</th><th>Age</th><th>Town</th></tr><tr><td>a</td></tr></table></html>"
    found = official.read_bytes(data, "t.html", kind="library-meetings")
    assert found.meetings == []
    assert [f.code for f in found.findings] == ["official-layout"]


def test_extra_and_missing_cells():
    rows = (
        "<tr><td>S/PV.1</td><td>1 May</td><td>--</td><td>A</td><td>--</td><td>stray</td></tr>"
        "<tr><td>S/PV.2</td><td>2 May</td><td>--</td><td>B</td></tr>"
    )
    found = official.read_bytes(page(year=2099, rows=rows), "t.html")
    assert [m.record for m in found.meetings] == ["S/PV.1", "S/PV.2"]
    assert [f.code for f in found.findings if f.code == "official-row"] == ["official-row"] * 2


def test_record_cell_spellings():
    assert common.record_symbol("S/PV.4253") == ("S/PV.4253", False)
    assert common.record_symbol("S/PV.4253(closed)") == ("S/PV.4253", True)
    assert common.record_symbol("S/PV.4253 (ResumptionI)") == ("S/PV.4253 (Resumption 1)", False)
    assert common.record_symbol("S/PV.4253 (Resumption 2)+Corr.1") == (
        "S/PV.4253 (Resumption 2)",
        False,
    )
    assert common.record_symbol("--") == (None, False)
    # A record and its closing alone, in every spelling the closing pattern takes.
    for closed in ("S/PV.4253 (closed)", "S/PV.4253 ( Private )", "S/PV.4253 closed"):
        assert common.record_symbol(closed) == ("S/PV.4253", True)
    assert common.record_symbol("S/PV.4253 (privada)") == ("S/PV.4253", True)
    assert common.record_symbol("S/PV.4253 (closed) (Resumption 1)") == (
        "S/PV.4253 (Resumption 1)",
        True,
    )


def test_a_resolution_and_its_year_are_one_symbol_however_spaced():
    assert common.find_symbols("S/RES/12(2099)") == (("S/RES/12 (2099)", 0, 14),)
    assert common.find_symbols("S/RES/12 (2099)") == (("S/RES/12 (2099)", 0, 15),)
    assert common.find_symbols("S/RES/12  (2099)") == (("S/RES/12 (2099)", 0, 16),)
    assert common.find_symbols("S/RES/12 (2099) and S/RES/13 (2099)") == (
        ("S/RES/12 (2099)", 0, 15),
        ("S/RES/13 (2099)", 20, 35),
    )


def test_a_tallys_words_are_read_with_letters_that_match_when_case_is_ignored():
    # Letters outside ASCII that the case-blind patterns match as i and s ("ı", "ſ").
    found = common.parse_tally("adopted unanımously")
    assert found is not None and found.unanimous
    found = common.parse_tally("14-0-0 (1 abſent)")
    assert found is not None and (found.text, found.absent) == ("14-0-0 (1 absent)", 1)
    found = common.parse_tally("adopted by consenſus")
    assert found is not None and found.without_vote
    found = common.parse_tally("ADOPTED WITHOUT A VOTE")
    assert found is not None and found.without_vote and not found.unanimous


def test_counts_are_read_between_every_dash_their_pattern_takes():
    # Texts without one of these dashes are never searched: the pattern's own must all be.
    pattern = common.pattern("tally", "counts").pattern
    taken = {c for c in pattern if not c.isascii() or c == "-"}
    assert taken == set(common.COUNT_DASHES)
    for dash in common.COUNT_DASHES:
        found = common.written_counts(f"adopted 13{dash}0 {dash} 2")
        assert found is not None and (found.in_favour, found.against, found.abstaining) == (
            13,
            0,
            2,
        )
    assert common.written_counts("adopted unanimously, 13 0 2") is None


VETOES = b"""<html><table>
<tr><th colspan="5" class="tbltitle"> Security Council - Veto List</th></tr>
<tr><td colspan="7" class="title">Prepared and maintained by the Library</td>
<tr><th>Date</th><th>Draft</th><th>Written<br>Record</th><th>Agenda Item</th>
<th>Permanent<br>Member Casting<br>Negative Vote</th></tr>
<tr><td>26 May 2099</td><td><a href="https://undocs.org/en/S/2099/431">S/2099/431</a></td>
<td><a href="https://undocs.org/en/S/PV.9048">S/PV.9048</a></td><td>Freedonia</td>
<td>China</br>Russian Federation</td></tr>
<tr><td>30 January 86</td><td>S/17769/Rev.1</td><td>S/PV.2655<br>S/PV.2656</td><td>Sylvania</td>
<td>France, UK and USA</td></tr>
</html>"""


def test_veto_list():
    found = official.read_bytes(VETOES, "v.html")
    assert found.kind == "library-vetoes"
    assert found.findings == []
    first, second = found.vetoes
    assert (first.date, first.draft, first.records, first.members) == (
        "2099-05-26",
        "S/2099/431",
        ["S/PV.9048"],
        ["China", "Russian Federation"],
    )
    assert second.date == "1986-01-30"
    assert second.records == ["S/PV.2655", "S/PV.2656"]
    assert second.members == ["France", "UK", "USA"]


def test_a_cells_text_is_every_piece_of_its_text_as_itertext_joins_it():
    from lxml import etree

    from repertoire.official import html

    root = html.parse(
        b"<table><tr><td>a<!-- note -->b<?pi x?>c<br>d</br>e<a href='x'>f<b>g</b></a>h"
        b" &amp; &nbsp;<p>i</p></td></tr></table>"
    )
    assert root is not None
    for element in root.iter(etree.Element):
        assert html.text_of(element) == "".join(element.itertext())


def test_a_cell_written_over_several_source_lines_is_read_whole():
    rows = """
<tr><td><a href="https://undocs.org/en/S/PV.9999">S/PV.9999</a></td><td>22 December</td>
<td>SC/1</td><td>Letter dated 1 March 2099 from Freedonia addressed to the
	President of the Security Council (<a href="https://undocs.org/en/S/2099/7">S/2099/7</a>)<br>Sylvania</td>
<td>Draft resolution <a href="https://undocs.org/en/S/2099/12">S/2099/12</a>
	vetoed by USSR<br>9-2-0</td></tr>
"""
    found = official.read_bytes(page(rows=rows), "t.html")
    (meeting,) = found.meetings
    assert meeting.topics == [
        "Letter dated 1 March 2099 from Freedonia addressed to the President of the Security "
        "Council ( S/2099/7 )",
        "Sylvania",
    ]
    (draft,) = found.decisions
    assert draft.vetoed_by == ["USSR"] and draft.tally.text == "9-2-0"


def test_a_link_whose_address_names_another_document_keeps_both():
    (_, _, _, _, unanimous) = official.read_bytes(page(), "t.html").decisions
    assert unanimous.symbol == "S/RES/1232 (2099)"
    assert unanimous.also == {"symbol": "S/RES/1233 (2099)"}


@pytest.mark.parametrize(
    ("section", "name", "needed"),
    [
        ("tally", "unanimous", [("unan",)]),
        ("tally", "without_vote", [("vote", "by")]),
        ("tally", "absent", [("ab",), ("ent",)]),
        ("library", "vetoed_by", [("vetoed",)]),
    ],
)
def test_the_words_a_pattern_is_tried_after_stand_in_each_of_its_branches(
    section: str, name: str, needed: list[tuple[str, ...]]
) -> None:
    # A tally or outcome that holds none of these words skips the pattern: should the
    # pattern come to match without them, the words must change with it.
    for branch in branches(common.pattern(section, name).pattern):
        for words in needed:
            assert any(word in branch for word in words), (name, branch)
