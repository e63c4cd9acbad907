"""The whole record of known inputs, pinned: spans, findings and all.

Each case's ``document.to_dict()`` is compared with a JSON file under
``tests/data/pinned/``, as are the store rows made from it (as the loader makes
them, with the reference data; for the sample's variations only the meetings
rows, where the date as written is kept) and its Markdown rendering, so that a
change of structure that changes what is read, stored or written shows here
first. Only the document's ``source`` is left out (a file's path depends on
where the tests run).

After a change that is meant to change the record, write the files again with
``python -m tests.test_record_pin`` and read the diff.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from repertoire import parse, parse_file, samples
from repertoire.records import Document
from repertoire.render import render
from repertoire.store import document_rows
from tests import variations
from tests.factory import row, section
from tests.test_render import HAND_MADE

DATA = Path(__file__).parent / "data"
PINNED = DATA / "pinned"

MEMBERS_2012 = (
    "Azerbaijan, Colombia, France, Germany, Guatemala, India, Morocco, Pakistan, Portugal, "
    "South Africa, Togo, United Kingdom and United States"
)

# Hand-made tables for what the sample never does: dates that cannot be read, speaker
# counts that disagree with their note, "invitee" with two invitees, a procedural vote,
# a veto, a vote before the Council was enlarged.
EDGES = section(
    year=2012,
    rows=[
        row("S/PV.100 3 Marchember", "Report (S/2012/1)", speakers="3 Council members ^a"),
        row("S/PV.101 31 June", "Report (S/2012/2)", r37="Chile, Peru", speakers="invitee"),
        row("S/PV.102", "Report (S/2012/3)", speakers="12 Council members"),
        row(
            "S/PV.103 4 April",
            "Report (S/2012/4)",
            "Draft resolution submitted by Morocco (S/2012/77)",
            speakers="15 Council members",
            decision="Draft resolution (S/2012/77) not adopted 13-2-0 ^b",
        ),
        row(
            "S/PV.104 5 May",
            "Report (S/2012/5)",
            decision="Proposal to adopt the agenda not adopted (procedural vote) 8-4-3",
        ),
    ],
    notes={
        "a": "France and Germany.",
        "b": f"In favour: {MEMBERS_2012}; Against: China and Russian Federation; Abstaining: none.",
    },
)

EARLY = section(
    year=1960,
    rows=[
        row(
            "S/PV.900 3 March",
            "Report (S/1960/1)",
            decision="Resolution 150 (1960) 7-1-3",
        ),
        row(
            "S/PV.901 4 March",
            "Report (S/1960/2)",
            decision="Draft resolution (S/1960/9) not adopted 6-0-5",
        ),
    ],
)


def _sample() -> str:
    return samples.text()


def _cases() -> dict[str, Callable[[], Document]]:
    cases: dict[str, Callable[[], Document]] = {
        "sample": lambda: parse(_sample(), "sample.txt"),
    }
    for vary in variations.ALL_SAME_RECORD:
        cases[f"{VARIED}{vary.__name__}"] = lambda vary=vary: parse(vary(_sample()), "sample.txt")
    cases["sample-combined"] = lambda: parse(
        variations.crlf(variations.pipe_table(variations.carets(_sample()))), "sample.txt"
    )
    cases["sample-two-sections"] = lambda: parse(
        _sample() + "\n\n" + variations.renumber(_sample(), "12", "The situation in Somewhere", 34),
        "sample.txt",
    )
    cases["other-conversion"] = lambda: parse_file(DATA / "pipe_table_section.md")
    cases["thematic"] = lambda: parse_file(DATA / "thematic_section.txt")
    for name, text in HAND_MADE.items():
        cases[f"hand-made-{name}"] = lambda text=text: parse(text, "hand-made.md")
    cases["edges"] = lambda: parse(EDGES, "edges.txt")
    cases["early"] = lambda: parse(EARLY, "early.txt")
    return cases


VARIED = "sample-varied-"
CASES = _cases()


def _record(document: Document) -> dict[str, Any]:
    data = document.to_dict()
    data.pop("source")  # a path, which depends on where the tests run
    return data


def _rows(document: Document, tables: tuple[str, ...] | None) -> dict[str, Any]:
    rows = document_rows(document)
    return {
        table: [list(r) for r in found]
        for table, found in rows.tables.items()
        if found and (tables is None or table in tables)
    }


def _pinned(name: str, document: Document) -> dict[str, Any]:
    if name.startswith(VARIED):
        return {"record": _record(document), "rows": _rows(document, ("meetings",))}
    return {
        "record": _record(document),
        "rows": _rows(document, None),
        "markdown": render(document, "markdown").split("\n"),
    }


def _path(name: str) -> Path:
    return PINNED / f"{name}.json"


def _dump(data: dict[str, Any]) -> str:
    """The record indented (a change reads as a diff), rows and Markdown one line each."""
    record = json.dumps(data["record"], indent=1, ensure_ascii=False).replace("\n", "\n ")
    parts = [f' "record": {record}']
    tables = [
        f'  "{table}": [\n'
        + ",\n".join(f"   {json.dumps(r, ensure_ascii=False)}" for r in rows)
        + "\n  ]"
        for table, rows in data["rows"].items()
    ]
    parts.append(' "rows": {\n' + ",\n".join(tables) + "\n }")
    if "markdown" in data:
        lines = ",\n".join(f"  {json.dumps(line, ensure_ascii=False)}" for line in data["markdown"])
        parts.append(f' "markdown": [\n{lines}\n ]')
    return "{\n" + ",\n".join(parts) + "\n}\n"


@pytest.mark.parametrize("name", list(CASES))
def test_record_is_as_pinned(name: str) -> None:
    got = json.loads(_dump(_pinned(name, CASES[name]())))
    want = json.loads(_path(name).read_text(encoding="utf-8"))
    assert got["record"] == want["record"]
    assert got["rows"] == want["rows"]
    assert got.get("markdown") == want.get("markdown")


def test_every_pinned_file_has_its_case() -> None:
    assert sorted(p.stem for p in PINNED.glob("*.json")) == sorted(CASES)


def write() -> None:
    PINNED.mkdir(parents=True, exist_ok=True)
    for name, make in CASES.items():
        _path(name).write_text(_dump(_pinned(name, make())), encoding="utf-8")


if __name__ == "__main__":
    write()
