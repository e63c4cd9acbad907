"""UNxml resolutions: one JSON object per line, one adopted resolution per object.

Each line gives the resolution's symbol, the meeting and date of its adoption (the date in
two styles, the meeting as "1234th meeting" and as the record "S/PV.1234"), its agenda item
and draft, Chapter VII, the counts (strings such as ``"013"``) and the names voting in
favour, against and abstaining (capitals). A line that is no JSON, is no object, or lacks
the symbol is reported and skipped; a field of the wrong type is reported and read as
missing; the other lines are read all the same.
"""

from __future__ import annotations

import json
from typing import Any, Final

from repertoire.official.common import (
    Findings,
    count,
    data,
    parse_date,
    pattern,
    record_symbol,
    same_document,
    squeeze,
)
from repertoire.official.records import Attestation, OfficialDecision, OfficialFile, Tally
from repertoire.read import symbols
from repertoire.records import Vote

KIND = "unxml-resolutions"
# What each line is read with, looked up once rather than by name for every line.
_STRINGS: Final[list[str]] = data()["unxml"]["strings"]
_LISTS: Final[list[str]] = data()["unxml"]["lists"]
_NO_MEETING: Final = pattern("unxml", "no_meeting")
_CHAPTER_VII: Final = pattern("unxml", "chapter_vii")
_MEETING_NUMBER: Final = pattern("unxml", "meeting_number")
_WITHOUT_VOTE: Final = pattern("tally", "without_vote")


def looks_like(first_line: str) -> bool:
    """Whether a first line is one of these objects (it has two of the marking keys)."""
    try:
        value = json.loads(first_line)
    except ValueError:
        return False
    return isinstance(value, dict) and sum(k in value for k in data()["unxml"]["marks"]) >= 2


def read(text: str, path: str) -> OfficialFile:
    result = OfficialFile(path, KIND)
    findings = Findings(path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as error:
            findings.error(number, "official-json", f"line {number} is not JSON ({error}); skipped")
            continue
        if not isinstance(value, dict):
            findings.error(
                number,
                "official-json",
                f"line {number} is a JSON {type(value).__name__}, not an object; skipped",
            )
            continue
        decision = _decision(value, path, number, findings)
        if decision is not None:
            result.decisions.append(decision)
    result.findings = findings.items
    return result


def _fields(value: dict[str, Any], line: int, findings: Findings) -> dict[str, Any]:
    """The known fields with the types they should have; wrong types reported and dropped."""
    clean: dict[str, Any] = {}
    for key in _STRINGS:
        item = value.get(key)
        if item is None:
            continue
        if isinstance(item, int) and not isinstance(item, bool) and key.endswith("_count"):
            item = str(item)
        if not isinstance(item, str):
            findings.warning(
                line,
                "official-field",
                f"field {key!r} should be a string, not {type(item).__name__}; read as missing",
            )
            continue
        clean[key] = item
    for key in _LISTS:
        item = value.get(key)
        if item is None:
            continue
        if not isinstance(item, list) or not all(isinstance(n, str) for n in item):
            findings.warning(
                line,
                "official-field",
                f"field {key!r} should be a list of names; read as missing",
            )
            continue
        clean[key] = item
    return clean


def _decision(
    value: dict[str, Any], path: str, line: int, findings: Findings
) -> OfficialDecision | None:
    fields = _fields(value, line, findings)
    symbol_text = squeeze(fields.get("symbol"))
    if not symbol_text:
        findings.error(line, "official-field", "line has no resolution symbol; skipped")
        return None
    symbol = symbols.normalise(symbol_text)
    meeting_text = squeeze(fields.get("adoption_meeting"))
    adoption = squeeze(fields.get("adoption_type"))
    no_meeting = bool(
        _NO_MEETING.search(meeting_text)
        or _NO_MEETING.search(adoption)
        or _NO_MEETING.search(fields.get("outcome", ""))
    )
    record = _record(fields, no_meeting)
    also: dict[str, str] = {}
    stated = _meeting_named(fields)
    if record and stated and not same_document(stated, record):
        also["record"] = stated  # the text names another meeting than the record's symbol
    date_text = squeeze(fields.get("adoption_date"))
    date = parse_date(date_text) if date_text else None
    if date is None:
        title = squeeze(fields.get("document_title"))
        date = parse_date(title.rpartition(" on")[2]) if title else None
        if date_text and date is None:
            findings.warning(
                line,
                "official-date",
                f"{symbol}: adoption date {date_text!r} is in no known style",
                subject=symbol,
            )
    chapter = squeeze(fields.get("chapter_VII"))
    return OfficialDecision(
        kind="resolution",
        symbol=symbol,
        record=record,
        date=date,
        date_text=date_text,
        draft=_draft(fields.get("draft_resolution")),
        adopted=True,
        outcome_text=adoption,
        tally=_tally(fields),
        in_favour=list(fields.get("MS_in_favour", [])),
        against=list(fields.get("MS_against", [])),
        abstaining=list(fields.get("MS_abstaining", [])),
        chapter_vii=(True if _CHAPTER_VII.match(chapter) else None if chapter else False),
        agenda=squeeze(fields.get("agenda_item_name")) or None,
        title=squeeze(fields.get("resolution_title")) or None,
        sponsors=[*fields.get("sponsors", []), *fields.get("additional_sponsors", [])],
        no_meeting=no_meeting,
        also=also,
        attestation=Attestation(KIND, path, line, line, "$"),
    )


def _record(fields: dict[str, Any], no_meeting: bool) -> str | None:
    """The meeting record: "S/PV.1234" as written, else from "1234th meeting"."""
    letter = squeeze(fields.get("outcome_letter"))
    if letter.upper().startswith("S/PV."):
        # "S/PV.1234(RESUMPTION1)" is written as the Library writes it: "S/PV.1234 (Resumption 1)".
        return record_symbol(letter)[0] or symbols.normalise(letter)
    if no_meeting:
        return None
    match = _MEETING_NUMBER.match(fields.get("adoption_meeting", ""))
    return f"S/PV.{int(match[1])}" if match else None


def _meeting_named(fields: dict[str, Any]) -> str | None:
    """The meeting the record's words name ("1234th meeting"), as a record's symbol."""
    match = _MEETING_NUMBER.match(fields.get("adoption_meeting", ""))
    return f"S/PV.{int(match[1])}" if match else None


def _draft(text: str | None) -> str | None:
    text = squeeze(text)
    return symbols.normalise(text) if text and symbols.is_symbol(text) else (text or None)


def _tally(fields: dict[str, Any]) -> Tally | None:
    raw = [squeeze(fields.get(k)) for k in _COUNT_KEYS]
    if not any(raw):
        return None
    values = [count(r) for r in raw]
    lists = [fields.get(k, []) for k in _LIST_KEYS]
    # A blank count beside an empty list is a zero; beside names it is unknown.
    filled = [
        v if v is not None else (0 if not r and not names else None)
        for v, r, names in zip(values, raw, lists, strict=True)
    ]
    vote = Vote(*filled) if all(v is not None for v in filled) else None  # type: ignore[arg-type]
    if vote is not None and vote.in_favour + vote.against + vote.abstaining == 0:
        vote = None  # 0-0-0: no vote was taken (adopted without a vote)
    outcome = fields.get("outcome", "")
    without = bool(_WITHOUT_VOTE.search(outcome))
    return Tally("-".join(raw), vote, without_vote=without)


_COUNT_KEYS = ("MS_in_favour_count", "MS_against_count", "MS_abstaining_count")
_LIST_KEYS = ("MS_in_favour", "MS_against", "MS_abstaining")
