"""Structural checks: each made to fire on a small text, and not to fire on its twin."""

from __future__ import annotations

from repertoire import parse
from tests.factory import row, section


def codes(text: str) -> list[str]:
    return [f.code for f in parse(text).all_findings() if f.severity != "info"]


def test_clean_section_has_no_findings() -> None:
    assert codes(section()) == []


def test_footnote_cited_but_not_defined() -> None:
    text = section(narrative=["The Council met.¹ It met again.²"])
    findings = parse(text).all_findings()
    assert [f.code for f in findings] == ["footnote-undefined"]
    assert findings[0].footnote == 2 and findings[0].line == 3


def test_footnote_defined_but_not_cited() -> None:
    text = section(footnotes={1: "See S/PV.100.", 2: "See S/2023/1."})
    assert codes(text) == ["footnote-unused"]


def test_footnote_definitions_out_of_sequence() -> None:
    text = section(
        narrative=["The Council met.¹ Again.³ And again.²"],
        footnotes={1: "See S/PV.100.", 3: "See S/2023/3.", 2: "See S/2023/2."},
    )
    assert "footnote-sequence" in codes(text)
    assert "footnote-order" in codes(text)


def test_footnotes_in_sequence_are_not_reported() -> None:
    text = section(
        narrative=["The Council met.¹ Again.² And again.³"],
        footnotes={1: "See S/PV.100.", 2: "See S/2023/2.", 3: "See S/2023/3."},
    )
    assert codes(text) == []


def test_table_note_used_but_not_defined() -> None:
    rows = [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="2 Council members ^a")]
    findings = [f for f in parse(section(rows=rows)).all_findings() if f.code == "note-undefined"]
    assert len(findings) == 1 and "note a" in findings[0].message


def test_table_note_defined_but_unused() -> None:
    assert codes(section(notes={"b": "A note nobody cites."})) == ["note-unused"]


def test_speaker_count_differs_from_note() -> None:
    rows = [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="3 Council members ^a")]
    text = section(rows=rows, notes={"a": "France and China."})
    assert codes(text) == ["speaker-count"]
    rows = [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="2 Council members ^a")]
    assert codes(section(rows=rows, notes={"a": "France and China."})) == []


def test_row_that_belongs_to_no_meeting() -> None:
    rows = [row("", "Orphan report (S/2023/9)"), row("S/PV.100 3 March", "Report (S/2023/1)")]
    assert codes(section(rows=rows)) == ["table-orphan-row"]


def test_unreadable_date() -> None:
    rows = [row("S/PV.100 31 Febtober", "Report (S/2023/1)")]
    assert codes(section(rows=rows)) == ["table-date"]


def test_ibid_after_a_footnote_without_citation() -> None:
    text = section(
        narrative=["The Council met.¹ Again.²"],
        footnotes={1: "For more information, see part I.", 2: "Ibid."},
    )
    assert codes(text) == ["ibid-unresolved"]


def test_findings_are_sorted_and_formatted() -> None:
    document = parse(section(narrative=["Met.¹ Again.³"], footnotes={1: "See S/PV.100."}), "x.txt")
    lines = [f.format(document.source) for f in document.all_findings()]
    assert lines == [
        "x.txt:3:13: warning[footnote-undefined] footnote 3 is cited here but never defined"
    ]
