"""`repertoire audit`: the Council's rules on official rows, numbering, and reconciliation."""

from __future__ import annotations

import json

from click.testing import CliRunner

from repertoire.cli import main
from repertoire.official.audit import audit
from repertoire.store import open_db
from repertoire.store.official import import_official
from tests.test_official_akn import DRAFT
from tests.test_official_unxml import lines

MEMBERS_2024 = [
    "ALGERIA", "CHINA", "ECUADOR", "FRANCE", "GUYANA", "JAPAN", "MALTA", "MOZAMBIQUE",
    "REPUBLIC OF KOREA", "RUSSIAN FEDERATION", "SIERRA LEONE", "SLOVENIA", "SWITZERLAND",
    "UNITED KINGDOM", "UNITED STATES",
]  # fmt: skip


def resolution(number: int, day: str = "10 January 2024", **changes: object) -> dict:
    line = {
        "symbol": f"S/RES/{number} (2024)",
        "adoption_meeting": f"{9000 + number}th meeting",
        "adoption_date": day,
        "adoption_type": "Adopted unanimously",
        "draft_resolution": f"S/2024/{number}",
        "outcome_letter": f"S/PV.{9000 + number}",
        "chapter_VII": "",
        "MS_in_favour_count": "15",
        "MS_against_count": "0",
        "MS_abstaining_count": "0",
        "MS_in_favour": list(MEMBERS_2024),
        "MS_against": [],
        "MS_abstaining": [],
    }
    line.update(changes)
    return line


def run(tmp_path, *files: tuple[str, bytes]):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files:
        (folder / name).write_bytes(data)
    db = tmp_path / "x.db"
    import_official([folder], db)
    with open_db(db) as conn:
        return audit(conn)


def codes(found) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in found:
        out[f.code] = out.get(f.code, 0) + 1
    return out


def test_sources_that_agree_give_no_warning(tmp_path) -> None:
    found = run(tmp_path, ("r.jsonl", lines(resolution(1), resolution(2))))
    assert [f for f in found if f.severity != "info"] == []


def test_each_rule_on_official_rows(tmp_path) -> None:
    favour = [*MEMBERS_2024]
    misspelt = [n if n != "MALTA" else "MALTAs" for n in favour]
    rows = [
        resolution(1, MS_in_favour=misspelt),  # no State: did you mean
        resolution(2, MS_in_favour=favour[:14], MS_abstaining=["CHINA"],
                   MS_abstaining_count="1", MS_in_favour_count="14"),  # twice and count
        resolution(3, adoption_type="Adopted 13-0-2, 9003rd meeting"),  # tally written
        resolution(4, day="10 January 2023"),  # date outside the symbol's year
        resolution(5, MS_in_favour=[n for n in favour if n != "FRANCE"],
                   MS_against=["FRANCE"], MS_in_favour_count="14",
                   MS_against_count="1"),  # adopted with a permanent member against
        resolution(6, MS_in_favour=[n for n in favour if n != "ALGERIA"],
                   MS_in_favour_count="14"),  # did not participate
        resolution(7), resolution(7, outcome_letter="S/PV.9999"),  # listed twice
        resolution(9),  # 8 is listed nowhere
    ]  # fmt: skip
    found = run(tmp_path, ("r.jsonl", lines(*rows)))
    by_code: dict = {}
    for finding in found:
        by_code.setdefault(finding.code, finding)
    assert "did you mean Malta?" in by_code["vote-not-member"].message
    assert by_code["vote-twice"].severity == "error"
    assert "13-0-2" in by_code["tally-written"].message
    assert by_code["date-year"].subject == "S/RES/4 (2024)"
    assert by_code["procedural-vote"].severity == "info"
    assert "article-27" not in by_code  # procedural: adopted despite the negative vote
    assert "Algeria" in by_code["did-not-participate"].message
    assert by_code["did-not-participate"].severity == "info"
    assert codes(found)["resolution-twice"] == 1
    assert by_code["resolution-missing"].subject == "S/RES/8"
    source = by_code["vote-twice"].sources[0]
    assert (source.source, source.line) == ("unxml-resolutions", 2)


def test_a_vetoed_draft_with_no_recorded_vote(tmp_path) -> None:
    data = DRAFT.replace(b"<count", b"<x").replace(b"</count>", b"</x>")
    found = run(tmp_path, ("d.xml", data))
    assert "veto-no-vote" in codes(found)


def test_reconciliation_names_both_sources_and_what_a_third_supports(tmp_path) -> None:
    adopted = (
        DRAFT.replace(b"S/2099/12", b"S/RES/1 (2024)")
        .replace(b'outcome="veto"', b'outcome="adopted"')
        .replace(b"2099-03-27", b"2024-01-10")
        .replace(b'value="02" refersTo="against"', b'value="0" refersTo="against"')
        .replace(b'value="013"', b'value="015"')
    )
    other = resolution(1, day="11 January 2024")
    found = run(
        tmp_path,
        ("a.jsonl", lines(resolution(1))),
        ("b.jsonl", lines(other)),
        ("c.xml", adopted),
    )
    dates = [f for f in found if f.code == "reconcile-date"]
    assert dates == []  # two rows of one kind of source are not paired
    second = tmp_path / "second"
    second.mkdir()
    found = run(second, ("b.jsonl", lines(other)), ("c.xml", adopted))
    (date,) = [f for f in found if f.code == "reconcile-date"]
    assert {s.source for s in date.sources} == {"unxml-resolutions", "akn4un"}
    assert {s.value for s in date.sources} == {"2024-01-11", "2024-01-10"}


def test_cli_audit_text_and_json(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r.jsonl").write_bytes(lines(resolution(1, MS_in_favour=["MALTAs"])))
    db = tmp_path / "x.db"
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(folder), "--db", str(db)]).exit_code == 0
    text = runner.invoke(main, ["audit", "--db", str(db)])
    assert text.exit_code == 0, text.output
    assert "r.jsonl:1:1: warning[vote-not-member]" in text.output
    as_json = runner.invoke(main, ["audit", "--db", str(db), "--format", "json"])
    items = json.loads(as_json.output)
    assert {"severity", "code", "message", "subject", "sources"} <= set(items[0])
    assert {"source", "path", "line", "value"} <= set(items[0]["sources"][0])
    missing = runner.invoke(main, ["audit", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no database" in missing.output
