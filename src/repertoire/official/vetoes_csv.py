"""The vetoes CSV: one row per vetoed draft, the vetoing members in ``member_veto1..3``.

Dates are written month first ("2/16/1946"); the draft column holds the draft's symbol or,
for a draft put orally, the record of the meeting; the meeting record column may name
several records.
"""

from __future__ import annotations

import csv
import io

from repertoire.official.common import Findings, data, find_symbols, parse_date, squeeze
from repertoire.official.records import Attestation, OfficialFile, OfficialVeto
from repertoire.rules.order import meeting_number

KIND = "vetoes-csv"


def looks_like(first_line: str) -> bool:
    names = {n.strip().casefold() for n in first_line.split(",")}
    spec = data()["csv"]
    return all(k in names for k in spec["required"]) and any(m in names for m in spec["members"])


def read(text: str, path: str) -> OfficialFile:
    result = OfficialFile(path, KIND)
    findings = Findings(path)
    spec = data()["csv"]
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().casefold() for h in next(reader)]
    except (StopIteration, csv.Error):
        findings.error(1, "official-layout", "the CSV has no heading line")
        result.findings = findings.items
        return result
    missing = [k for k in spec["required"] if k not in header]
    if missing:
        findings.error(
            1, "official-layout", f"the CSV has no column {', '.join(missing)}; nothing read"
        )
        result.findings = findings.items
        return result
    position = {name: i for i, name in enumerate(header)}
    line = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            findings.error(reader.line_num, "official-csv", f"unreadable CSV line: {error}")
            continue
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            findings.warning(
                line,
                "official-csv",
                f"line has {len(values)} fields, the heading {len(header)}",
            )

        def get(name: str, values: list[str] = values) -> str:
            index = position.get(name)
            return squeeze(values[index]) if index is not None and index < len(values) else ""

        date_text = get("date")
        date = parse_date(date_text)
        draft_text = get("draft")
        draft = next((s for s, _, _ in find_symbols(draft_text)), draft_text or None)
        if date is None:
            findings.warning(
                line,
                "official-date",
                f"veto of {draft or 'a draft'}: date {date_text!r} is in no known style",
                subject=draft,
            )
        records = [s for s, _, _ in find_symbols(get("meeting_record"))]
        # A draft put orally is named by the meeting it was put at, which cannot come after
        # the meeting that voted on it: one of the two records is miswritten.
        put = meeting_number(draft)
        voted = [n for n in map(meeting_number, records) if n is not None]
        if put is not None and voted and put > max(voted):
            findings.warning(
                line,
                "official-record",
                f"veto of a draft put orally at {draft}, a meeting after the one that voted "
                f"on it ({', '.join(records)}): one of the two records is miswritten",
                subject=draft,
            )
        result.vetoes.append(
            OfficialVeto(
                date=date,
                date_text=date_text,
                draft=draft,
                records=records,
                agenda=get(spec["agenda"]) or None,
                members=[m for m in (get(k) for k in spec["members"]) if m],
                attestation=Attestation(KIND, path, line, line - 1, "row"),
            )
        )
    result.findings = findings.items
    return result
