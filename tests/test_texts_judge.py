"""Sentences judged against the texts of the decisions they cite: hand-made sections and texts."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import parse, parse_file, samples
from repertoire.cli import main
from repertoire.official.audit import audit
from repertoire.store import load, open_db
from repertoire.store.audited import stored as stored_findings
from repertoire.store.judge import judge
from repertoire.store.official import import_official
from repertoire.store.texts import text_of
from tests.factory import section
from tests.test_official_akn import DRAFT
from tests.test_official_real import OFFICIAL


def text(
    symbol: str,
    paragraphs: list[str],
    *,
    name: str = "resolution",
    preamble: list[str] = (),  # type: ignore[assignment]
    date: str = "2099-03-03",
    votes: tuple[int, int, int] | None = (15, 0, 0),
    chapter_vii: bool = False,
) -> bytes:
    """An AKN4UN text: numbered paragraphs ("(a) …|(b) …" gives points), or a statement's."""
    counts = "".join(
        f'<count refersTo="{key}" value="{n:03}"/>'
        for key, n in zip(("inFavour", "against", "abstaining"), votes or (), strict=False)
    )
    body = []
    for number, words in enumerate(paragraphs, start=1):
        if name == "presidentialStatement":
            body.append(f"<paragraph><content><p>“{words}</p></content></paragraph>")
            continue
        intro, *points = words.split("|")
        listed = "".join(
            f"<point><num>{p[:3]}</num><content><p>{p[4:]}</p></content></point>" for p in points
        )
        inner = (
            f"<list><intro><p>{intro}</p></intro>{listed}</list>"
            if points
            else f"<content><p>{intro}</p></content>"
        )
        body.append(f'<paragraph eId="para_{number}"><num>{number}.</num>{inner}</paragraph>')
    intro = (
        "<alinea><content><p>At the 1240th meeting, the President made the following statement"
        " on behalf of the Council:</p></content></alinea>"
        if name == "presidentialStatement"
        else ""
    )
    refers = ' refersTo="Chapter VII"' if chapter_vii else ""
    return f"""<akomaNtoso><statement name="{name}"><meta><FRBRlanguage language="eng"/>
<workflow><step date="{date}" outcome="adopted" as="S/PV.1234" by="Adopted"{refers}/></workflow>
<voting>{counts}</voting></meta>
<coverPage><p><docNumber>{symbol}</docNumber></p></coverPage>
<preamble>{"".join(f"<container><p>{p}</p></container>" for p in preamble)}</preamble>
<mainBody>{intro}{"".join(body)}</mainBody></statement></akomaNtoso>""".encode()


TEXTS = {
    "1234.xml": text(
        "S/RES/1234 (2099)",
        [
            "Decides to extend the mandate of the Mission until 30 June 2100;",
            "Condemns the attacks against peacekeepers and calls for the perpetrators to be "
            "held accountable;",
            "Demands the immediate release of all hostages and detained journalists held by "
            "armed groups;",
            "Requests the Mission:|(a) to protect civilians;|(b) to support the elections and "
            "the electoral commission;",
        ],
        preamble=[
            "Reaffirming its commitment to the sovereignty and unity of Freedonia,",
            "Acting under Chapter VII of the Charter of the United Nations,",
        ],
    ),
    "1235.xml": text(
        "S/RES/1235 (2099)",
        [
            "Decides to renew the sanctions measures on arms until 31 August 2100;",
            "Requests the Panel of Experts to report on the implementation of the measures;",
        ],
        date="2099-04-04",
        votes=(13, 0, 2),
    ),
    "prst.xml": text(
        "S/PRST/2099/9",
        [
            "The Security Council condemns the coup d’état in Freedonia.",
            "The Security Council calls for the release of the detained President of Freedonia.",
            "The Security Council will follow the situation closely.”",
        ],
        name="presidentialStatement",
        votes=None,
    ),
}

NARRATIVE = [
    "On 3 March, by resolution 1234 (2099), acting under Chapter VII, the Council decided to "
    "extend the mandate of the Mission until 30 June 2100.¹ The Council demanded the release "
    "of all hostages held by armed groups.² It also demanded the release of detained "
    "journalists.³ The Council condemned the attacks against peacekeepers and called for the "
    "perpetrators to be held accountable.⁴ The Council requested the Secretary-General to "
    "report.⁵",
    "In a statement by the President, the Council condemned the coup d’état in Freedonia and "
    "called for the release of the detained President.⁶ It would follow the situation.⁷ The "
    "Council also renewed the measures concerning Sylvania.⁸",
    "On 4 April, by resolution 1235 (2099), the Council unanimously decided to renew the "
    "sanctions measures on arms.⁹ On 5 April, by resolution 1235 (2099), acting under Chapter "
    "VII, the Council requested the Panel of Experts to report on the implementation of the "
    "measures.¹⁰ The Council recalled its commitment to the sovereignty and unity of "
    "Freedonia.¹¹ It asked the Mission to support the elections.¹²",
]
FOOTNOTES = {
    1: "Resolution 1234 (2099), para. 1.",
    2: "Ibid., para. 3.",
    3: "Ibid.",
    4: "Ibid., para. 3.",
    5: "Resolution 1234 (2099), para. 12.",
    6: "S/PRST/2099/9, first and second paragraphs.",
    7: "S/PRST/2099/9, fifth paragraph.",
    8: "Resolution 1299 (2099), para. 2.",
    9: "Resolution 1235 (2099), para. 1.",
    10: "Resolution 1235 (2099), para. 2.",
    11: "Resolution 1234 (2099), first preambular paragraph.",
    12: "Resolution 1234 (2099), para. 4 (b).",
}


@pytest.fixture
def db(tmp_path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, data in TEXTS.items():
        (folder / name).write_bytes(data)
    path = tmp_path / "t.db"
    assert import_official([folder], path).summary() == {"imported": 3}
    return path


def _judged(db: Path, narrative: list[str], footnotes: dict[int, str]):
    document = parse(section(year=2099, narrative=narrative, footnotes=footnotes), "s.txt")
    with open_db(db) as conn:
        return judge(document, conn)


def test_the_findings_are_exactly_the_expected_ones(db) -> None:
    judgement = _judged(db, NARRATIVE, FOOTNOTES)
    found = sorted((f.footnote, f.code, f.severity) for f in judgement.findings)
    assert found == [
        (4, "pinpoint-support", "warning"),
        (5, "pinpoint-missing", "error"),
        (7, "pinpoint-missing", "error"),
        (9, "text-unanimous", "warning"),
        (10, "text-chapter-vii", "warning"),
        (10, "text-date", "warning"),
    ]
    messages = {(f.footnote, f.code): f.message for f in judgement.findings}
    assert messages[4, "pinpoint-support"].startswith(
        "footnote 4: para. 2 of S/RES/1234 (2099) speaks of “condemned”, “attacks”"
    )
    assert messages[4, "pinpoint-support"].endswith("para. 3, which the footnote cites, does not")
    assert messages[5, "pinpoint-missing"] == (
        "footnote 5: S/RES/1234 (2099) has no para. 12 (its operative paragraphs run from "
        "para. 1 to para. 4)"
    )
    assert "S/PRST/2099/9 has no fifth paragraph" in messages[7, "pinpoint-missing"]
    assert "adopted on 4 April 2099" in messages[10, "text-date"]
    assert (judgement.checked, judgement.unchecked) == (11, 1)


def test_verdicts_name_what_is_cited(db) -> None:
    verdicts = {v.footnote: v for v in _judged(db, NARRATIVE, FOOTNOTES).verdicts}
    assert {n: v.status for n, v in verdicts.items()} == {
        1: "supported",
        2: "supported",
        3: "supported",
        4: "doubtful",
        5: "missing",
        6: "supported",
        7: "missing",
        8: "not-held",
        9: "supported",
        10: "supported",
        11: "supported",
        12: "supported",
    }
    # A bare "Ibid." repeats the pinpoint before it, down the chain.
    assert [label for label, _ in verdicts[3].cited] == ["para. 3"]
    assert [label for label, _ in verdicts[6].cited] == ["first paragraph", "second paragraph"]
    assert verdicts[11].cited == [
        (
            "first preambular paragraph",
            "Reaffirming its commitment to the sovereignty and unity of Freedonia,",
        )
    ]
    assert verdicts[12].cited == [
        ("para. 4 (b)", "to support the elections and the electoral commission;")
    ]
    assert verdicts[4].better is not None and verdicts[4].better[0] == "para. 2"


def test_a_sentence_whose_text_is_right_is_left_alone(db) -> None:
    judgement = _judged(
        db,
        ["On 4 April, by resolution 1235 (2099), the Council renewed the sanctions measures.¹"],
        {1: "Resolution 1235 (2099), para. 1."},
    )
    assert judgement.findings == [] and judgement.checked == 1


def test_without_texts_nothing_is_judged_and_everything_counted(tmp_path) -> None:
    path = tmp_path / "empty.db"
    import_official([], path)
    judgement = _judged(path, NARRATIVE, FOOTNOTES)
    assert judgement.findings == []
    assert (judgement.checked, judgement.unchecked) == (0, 12)


REAL = OFFICIAL / "unxml" / "texts" / "2023" / "English" / "S_RES_2690_E.xml"


@pytest.mark.skipif(not REAL.is_file(), reason="official files not present")
def test_the_sample_against_resolution_2690(tmp_path) -> None:
    path = tmp_path / "t.db"
    import_official([REAL], path)
    document = parse_file(samples.path())
    with open_db(path) as conn:
        judgement = judge(document, conn)
    shown = {
        v.footnote: (v.clause, v.status, [(label, words[:40]) for label, words in v.cited])
        for v in judgement.verdicts
    }
    assert shown == {
        422: (
            "the Council unanimously decided to terminate the mandate of MINUSMA.",
            "supported",
            [("para. 1", "Decides to terminate MINUSMA’s mandate u")],
        ),
        423: (
            shown[423][0],
            "supported",
            [("para. 2", "Requests MINUSMA to immediately start on")],
        ),
        # "Ibid." alone repeats para. 2; the sentence tells of the plan that para. 3 requests.
        424: (shown[424][0], "doubtful", [("para. 2", "Requests MINUSMA to immediately start on")]),
        425: (
            shown[425][0],
            "supported",
            [
                ("para. 4", "Calls upon the Transition Government of "),
                ("para. 7", "Decides that MINUSMA’s liquidation shall"),
            ],
        ),
    }
    assert shown[423][0].startswith("The Council requested MINUSMA to immediately start on 1 July")
    assert shown[424][0].startswith("The Council requested the Secretary-General to engage")
    # Chapter VII, "unanimously" and "On 30 June" agree with the text: one finding only.
    assert [(f.footnote, f.code) for f in judgement.findings] == [(424, "pinpoint-support")]


def test_a_draft_cited_by_paragraph(tmp_path) -> None:
    body = (
        b"</coverPage><mainBody><paragraph><num>1.</num><content><p>Decides to renew the arms"
        b" embargo on Freedonia for twelve months;</p></content></paragraph><paragraph><num>2."
        b"</num><content><p>Requests the Panel of Experts to report;</p></content></paragraph>"
        b"</mainBody>"
    )
    draft = tmp_path / "draft.xml"
    draft.write_bytes(DRAFT.replace(b"</coverPage>", body, 1))
    path = tmp_path / "t.db"
    (result,) = import_official([draft], path).files
    assert result.kind == "akn4un" and result.counts["decisions"] == 1
    judgement = _judged(
        path,
        [
            "The draft resolution would have renewed the arms embargo on Freedonia.¹ It would "
            "have asked for a report.²"
        ],
        {1: "S/2099/12, para. 1.", 2: "S/2099/12, para. 5."},
    )
    assert [(v.footnote, v.status) for v in judgement.verdicts] == [
        (1, "supported"),
        (2, "missing"),
    ]
    assert [f.code for f in judgement.findings] == ["pinpoint-missing"]


ENGLISH_2023 = OFFICIAL / "unxml" / "texts" / "2023" / "English"


@pytest.mark.skipif(not ENGLISH_2023.is_dir(), reason="official files not present")
def test_real_texts_right_pinpoints_are_left_alone_and_wrong_ones_doubted(tmp_path) -> None:
    files = sorted(ENGLISH_2023.glob("*.xml"))[:12]
    path = tmp_path / "t.db"
    import_official(files, path)
    sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    right = wrong = doubted_right = doubted_wrong = 0
    with open_db(path) as conn:
        for (symbol,) in conn.execute("SELECT symbol FROM decision_texts ORDER BY id"):
            held = text_of(conn, symbol)
            assert held is not None
            numbered = [p for p in held.numbered("operative") if p.text]
            narrative, notes = [], {}
            for index, paragraph in enumerate(numbered[:6]):
                # A sentence of the paragraph's first words, cited right, then wrong.
                words = " ".join(paragraph.text.replace("“", "").replace("”", "").split()[:10])
                sentence = f"The Council {words.rstrip(';,:')}."
                other = numbered[(index + 3) % len(numbered)].address
                number = symbol.removeprefix("S/RES/")
                for n, address in ((2 * index + 1, paragraph.address), (2 * index + 2, other)):
                    narrative.append(sentence + str(n).translate(sup))
                    notes[n] = f"Resolution {number}, para. {address}."
            document = parse(section(narrative=[" ".join(narrative)], footnotes=notes), "s")
            for verdict in judge(document, conn).verdicts:
                if verdict.footnote % 2:
                    right += 1
                    doubted_right += verdict.status == "doubtful"
                else:
                    wrong += 1
                    doubted_wrong += verdict.status == "doubtful"
    assert right > 40 and doubted_right == 0
    assert doubted_wrong > wrong / 2


def test_check_with_a_database_reports_them_like_every_finding(db, tmp_path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(section(year=2099, narrative=NARRATIVE, footnotes=FOOTNOTES))
    done = CliRunner().invoke(main, ["check", str(path), "--db", str(db)])
    assert done.exit_code == 2  # a paragraph that does not exist is an error
    lines = [line for line in done.output.splitlines() if "pinpoint-" in line]
    assert len(lines) == 3
    assert re.match(
        rf"{re.escape(str(path))}:\d+:\d+: error\[pinpoint-missing\] footnote 5: ", lines[1]
    )
    assert "11 pinpointed citations of decisions checked against their texts, 1 not" in done.output
    plain = CliRunner().invoke(main, ["check", str(path)])
    assert "pinpoint-" not in plain.output and plain.exit_code == 0


def test_check_with_a_file_that_is_no_store_says_so_without_a_traceback(tmp_path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(section(year=2099, narrative=NARRATIVE, footnotes=FOOTNOTES))
    foreign = tmp_path / "notes.db"
    foreign.write_text("not a database at all\n" * 100)
    done = CliRunner().invoke(main, ["check", str(path), "--db", str(foreign)])
    assert done.exit_code == 1
    assert "is not a usable repertoire database" in done.output
    assert isinstance(done.exception, SystemExit)  # a message, not an exception
    missing = CliRunner().invoke(main, ["check", str(path), "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no database at" in missing.output


def test_the_audit_judges_every_loaded_section(db, tmp_path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(section(year=2099, narrative=NARRATIVE, footnotes=FOOTNOTES))
    load([path], db)
    twice = tmp_path / "again"
    twice.mkdir()
    (twice / "copy.xml").write_bytes(TEXTS["prst.xml"])
    import_official([twice], db)
    with open_db(db) as conn:
        found = audit(conn)
    judged = sorted(f.code for f in found if f.code.startswith(("pinpoint-", "text-")))
    assert judged == [
        "pinpoint-missing",
        "pinpoint-missing",
        "pinpoint-support",
        "text-chapter-vii",
        "text-checked",
        "text-date",
        "text-twice",
        "text-unanimous",
    ]
    (counted,) = [f for f in found if f.code == "text-checked"]
    assert counted.message.startswith("11 pinpointed citations of decisions checked")
    (missing, _) = [f for f in found if f.code == "pinpoint-missing"]
    assert re.match(r"s\.txt:\d+:\d+: error\[pinpoint-missing\] footnote 5: ", missing.format())


def test_the_audit_command_prints_the_findings_kept_each_to_its_column(
    db, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "s.txt"
    path.write_text(section(year=2099, narrative=NARRATIVE, footnotes=FOOTNOTES))
    load([path], db)  # the load keeps the audit's findings with the store
    with open_db(db) as conn:
        fresh = audit(conn)
        kept = stored_findings(conn)
    assert kept is not None
    # A sentence's finding stands at its column, in the store as in a fresh audit.
    assert any(s.column > 1 for f in fresh for s in f.sources)
    assert [f.to_dict() for f in kept] == [f.to_dict() for f in fresh]
    # Read from another folder than the store's: each line names a file that opens.
    elsewhere = tmp_path / "a" / "b"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    done = CliRunner().invoke(main, ["audit", "--db", str(db)])
    # Outside the working folder, a file is named by its whole path.
    shown = [f.format(lambda path: str((db.parent / path).resolve())) for f in fresh]
    assert done.stdout.splitlines() == shown
    assert all(Path(line.split(":")[0]).is_file() for line in shown)
    # The command reads what the store keeps, as the explorer's pages do.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_findings SET message = message || ' (kept)' WHERE id = 1")
    again = CliRunner().invoke(main, ["audit", "--db", str(db)])
    assert "(kept)" in again.stdout.splitlines()[0]
