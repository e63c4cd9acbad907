"""UNxml resolutions (JSON Lines): fields, counts as written, broken lines."""

from __future__ import annotations

import json

from repertoire import official
from repertoire.official.common import parse_date

LINE = {
    "symbol": "S/RES/1234 (2099)",
    "adoption_meeting": "9999th meeting",
    "adoption_date": "13\u00a0January 2099",
    "document_title": "Adopted by the Security Council at its 9999th meeting, on13 January 2099",
    "agenda_item_name": "The situation in Freedonia",
    "adoption_type": "Adopted 13-0-2, 9999th meeting",
    "draft_resolution": "S/2099/12",
    "outcome_letter": "S/PV.9999",
    "chapter_VII": "Chapter VII",
    "outcome": "",
    "MS_in_favour_count": "013",
    "MS_against_count": "",
    "MS_abstaining_count": "002",
    "MS_in_favour": ["FRANCE", "UNITED KINGDOM"],
    "MS_against": [],
    "MS_abstaining": ["CHINA", "RUSSIAN FEDERATION"],
    "sponsors": ["FRANCE"],
    "additional_sponsors": [],
}


def lines(*objects: object) -> bytes:
    return "\n".join(o if isinstance(o, str) else json.dumps(o) for o in objects).encode()


def test_a_line_gives_one_adopted_resolution_with_values_as_written():
    found = official.read_bytes(lines(LINE), "r.jsonl")
    assert found.kind == "unxml-resolutions"
    assert found.findings == []
    (decision,) = found.decisions
    assert decision.symbol == "S/RES/1234 (2099)"
    assert decision.record == "S/PV.9999"
    assert decision.date == "2099-01-13"
    assert decision.draft == "S/2099/12"
    assert decision.chapter_vii is True
    assert decision.adopted is True
    assert decision.tally is not None
    assert decision.tally.text == "013--002"
    assert decision.tally.vote is not None
    assert decision.tally.vote.to_dict() == {"for": 13, "against": 0, "abstaining": 2}
    assert decision.in_favour == ["FRANCE", "UNITED KINGDOM"]
    assert decision.abstaining == ["CHINA", "RUSSIAN FEDERATION"]
    assert decision.attestation.line == 1
    assert decision.attestation.source == "unxml-resolutions"


def test_the_record_comes_from_the_meeting_when_the_letter_is_missing():
    line = {**LINE, "outcome_letter": ""}
    (decision,) = official.read_bytes(lines(line), "r.jsonl").decisions
    assert decision.record == "S/PV.9999"


def test_a_resumption_is_written_as_the_library_writes_it():
    # Written "S/PV.1234(RESUMPTION1)", it would not meet the Library's "S/PV.1234 (Resumption 1)".
    line = {**LINE, "outcome_letter": "S/PV.1234(RESUMPTION1)"}
    (decision,) = official.read_bytes(lines(line), "r.jsonl").decisions
    assert decision.record == "S/PV.1234 (Resumption 1)"


def test_voting_by_mail_has_no_meeting():
    line = {**LINE, "outcome_letter": "", "adoption_meeting": "Voting by mail"}
    (decision,) = official.read_bytes(lines(line), "r.jsonl").decisions
    assert decision.no_meeting and decision.record is None


def test_broken_lines_are_findings_and_the_rest_is_read():
    data = lines(
        LINE,
        "{not json",
        "[1, 2]",
        {"adoption_date": "1 May 2099"},
        {**LINE, "symbol": "S/RES/1235 (2099)"},
    )
    found = official.read_bytes(data, "r.jsonl")
    assert [d.symbol for d in found.decisions] == ["S/RES/1234 (2099)", "S/RES/1235 (2099)"]
    assert [(f.line, f.code) for f in found.findings] == [
        (2, "official-json"),
        (3, "official-json"),
        (4, "official-field"),
    ]


def test_wrong_types_are_read_as_missing():
    line = {**LINE, "MS_in_favour": "FRANCE", "adoption_date": 20990113, "MS_against_count": 0}
    found = official.read_bytes(lines(line), "r.jsonl")
    (decision,) = found.decisions
    assert decision.in_favour == []
    assert decision.date == "2099-01-13"  # from the document title
    assert {f.code for f in found.findings} == {"official-field"}
    assert len(found.findings) == 2  # the list and the date; a count as a number is fine


def test_dates_in_every_style():
    assert parse_date("13 January 2000") == "2000-01-13"
    assert parse_date("13\u00a0January\u00a02000") == "2000-01-13"
    assert parse_date("on13 January 2000") == "2000-01-13"
    assert parse_date("13 November 2000 in Nairobi") == "2000-11-13"
    assert parse_date("2000-01-13") == "2000-01-13"
    assert parse_date("2000-01-13 00:00:00") == "2000-01-13"
    assert parse_date("2/16/1946") == "1946-02-16"
    assert parse_date("30 January 86") == "1986-01-30"
    assert parse_date("30 November", 1950) == "1950-11-30"
    assert parse_date("08 December", 1990) == "1990-12-08"
    assert parse_date("12-13 October", 1966) == "1966-10-12"
    assert parse_date("12/13 November", 1970) == "1970-11-12"
    assert parse_date("12 + 13 March", 2002) == "2002-03-12"
    assert parse_date("9 Sep.", 2004) == "2004-09-09"
    assert parse_date("30 November") is None  # no year anywhere
    assert parse_date("31 February 2000") is None
    assert parse_date("soon") is None


def test_a_record_whose_words_name_another_meeting_keeps_both():
    line = {**LINE, "adoption_meeting": "9998th meeting"}
    (decision,) = official.read_bytes(lines(line), "r.jsonl").decisions
    assert decision.record == "S/PV.9999" and decision.also == {"record": "S/PV.9998"}
    (same,) = official.read_bytes(lines(LINE), "r.jsonl").decisions
    assert same.also == {}
