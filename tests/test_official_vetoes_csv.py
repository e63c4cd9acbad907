"""The vetoes CSV: month-first dates, several records, members in three columns."""
# ruff: noqa: E501  (fixtures are copies of real lines, kept whole)

from __future__ import annotations

from repertoire import official

CSV = b"""year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,member_veto3,single_veto,USSR,USA
1946,2/16/1946,2,S/PV.23,S/PV.23,Letter from Freedonia,Freedonia,Europe,USSR,,,1,1,0
1986,1/30/1986,1,S/17769/Rev.1,S/PV.2655; S/PV.2656,Sylvania,Sylvania,Asia,USA,UK,France,0,0,1
1990,13/45/1990,1,S/1,S/PV.1,x,x,x,USA,,,1,0,1
1991,1/1/1991,1
"""


def test_rows_give_vetoes():
    found = official.read_bytes(CSV, "v.csv")
    assert found.kind == "vetoes-csv"
    first, second, third, fourth = found.vetoes
    assert (first.date, first.draft, first.records, first.members) == (
        "1946-02-16",
        "S/PV.23",
        ["S/PV.23"],
        ["USSR"],
    )
    assert second.records == ["S/PV.2655", "S/PV.2656"]
    assert second.members == ["USA", "UK", "France"]
    assert third.date is None
    assert fourth.members == []
    assert [(f.line, f.code) for f in found.findings] == [
        (4, "official-date"),
        (5, "official-csv"),
    ]


def test_a_csv_without_the_needed_columns_reads_nothing():
    found = official.read_bytes(b"a,b,c\n1,2,3\n", "x.csv", kind="vetoes-csv")
    assert found.vetoes == []
    assert [f.code for f in found.findings] == ["official-layout"]


def test_a_draft_put_orally_after_the_meeting_that_voted_on_it_is_reported():
    head = CSV.split(b"\n", 1)[0]
    rows = [
        # Put at the 45th meeting, voted on at the 47th: as it may be.
        b"1946,6/18/1946,6,S/PV.45,S/PV.47,x,x,x,USSR,,,1,1,0",
        # "Put" at the 3038th meeting, voted on at the 303rd: a record is miswritten.
        b"1948,5/24/1948,5,S/PV.3038,S/PV.303,x,x,x,USSR,,,1,1,0",
    ]
    found = official.read_bytes(b"\n".join([head, *rows]) + b"\n", "v.csv")
    assert [(f.line, f.code, f.subject) for f in found.findings] == [
        (3, "official-record", "S/PV.3038")
    ]
    assert "one of the two records is miswritten" in found.findings[0].message
    assert [v.draft for v in found.vetoes] == ["S/PV.45", "S/PV.3038"]  # read as written
