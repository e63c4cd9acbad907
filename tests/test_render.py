"""``render``: sections written back in the Repertoire's form, as Markdown and HTML.

The Markdown must read back through the parser into the same records: the
round trip is checked on the bundled sample, on small hand-made sections
and on the other converter's pipe-table fixture.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from repertoire import samples
from repertoire.cli import main
from repertoire.read import symbols
from repertoire.read.pipeline import parse
from repertoire.read.text import SUPERSCRIPT_DIGITS, SUPERSCRIPT_LETTERS, Mapped, clean
from repertoire.records import Document
from repertoire.render import render
from repertoire.render.markdown import escape
from repertoire.render.plan import symbol_spans

DATA = Path(__file__).parent / "data"

# A pipe table, explicit speaker lists, vote lists in a note, "Ibid.", a veto, markup-like
# characters and a footnote holding HTML.
PIPE_SECTION = """\
**12. Peace and security in Africa**

In 2022, the Council held three meetings under this item and adopted one resolution.¹ The \
Council also failed to adopt one draft resolution, owing to the negative vote of a permanent \
member.² It did so once.³ Members used [S/2022/5](#) as a basis & *noted* that resolution \
[2600 \\(2021\\)](#) applied.⁴

¹ See [S/PV.9001](#) and [S/PV.9010](#).

² See [S/PV.9010](#), China and Russian Federation; and [S/PV.9001](#), Kenya (also on behalf \
of Gabon and Ghana), France.

³ Ibid., para. 3.

⁴ A footnote with <script>alert(1)</script> in it and a | pipe.

**Meetings: Peace and security in Africa, 2022**

| *Meeting record and date* | *Sub-item* | *Other documents* | *Rule 37 invitations* | \
*Rule 39 and other invitations* | *Speakers* | *Decision and vote (for-against-abstaining)* |
|---|---|---|---|---|---|---|
| S/PV.9001 10 March | Report of the Secretary-General (S/2022/5) | | Ethiopia, Bosnia and \
Herzegovina | Special Representative of the Secretary-General and Head of the Mission | Kenya \
(also on behalf of Gabon and Ghana), France, Ethiopia | |
| S/PV.9010 2 June | | Draft resolution submitted by Albania and Norway (S/2022/400) | | | \
15 Council members ^a | Draft resolution (S/2022/400) not adopted 13-2-0 ^b |
| S/PV.9020 5 December 2022 | Letter dated 1 December 2022 (S/2022/900) | Draft resolution \
submitted by France (S/2022/901) | Sudan ^c | | 15 Council members, invitee | Resolution 2660 \
(2022) 15-0-0 |

^a The meeting was an open debate.

^b *In favour*: Albania, Brazil, France, Gabon, Ghana, India, Ireland, Kenya, Mexico, Norway, \
United Arab Emirates, United Kingdom, United States; *Against*: China, Russian Federation; \
*Abstaining*: none.

^c Sudan was represented by its Minister.
"""

# A tab table whose first meeting goes on in a continuation row, a resumed meeting, a
# presidential statement and a speakers note listing twelve members.
CONTINUATION_SECTION = """\
7. The situation in the Middle East

During 2021, the Council held two meetings.⁵ One meeting took the form of a briefing.⁶

⁵ See [S/PV.8800](#) and [S/PV.8850 (Resumption 1)](#).

⁶ See [S/PV.8800](#).

Meetings: The situation in the Middle East, 2021

<i>Meeting record and date</i>\t<i>Sub-item</i>\t<i>Other documents</i>\t<i>Rule 37 \
invitations</i>\t<i>Rule 39 and other invitations</i>\t<i>Speakers</i>\t<i>Decision and vote \
(for-against-abstaining)</i>
S/PV.8800 14 January\tReport of the Secretary-General (S/2021/30)\t\tIsrael, Lebanon\tSpecial \
Coordinator\t12 Council members ^a , all invitees ^b\t
\tLetter dated 3 January 2021 from the Permanent Representative of Lebanon (S/2021/7)\tLetter \
from Israel (S/2021/8)\t\t\t\t
S/PV.8850 (Resumption 1) 30 July\tReport of the Secretary-General (S/2021/600)\t\tSyrian Arab \
Republic\tUnder-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator, \
civil society briefer\tEstonia, India, all invitees\tS/PRST/2021/5

^a India, Ireland, Kenya, Mexico, Niger, Norway, Tunisia, United Kingdom, United States, Viet \
Nam, China, France.

^b The Special Coordinator participated via videoconference.
"""

# Two markers in one sentence, footnotes never defined, a note letter before the members'
# note, unreadable dates, an unused note, and a paragraph after the table.
ODD_SECTION = """\
3. Items relating to Haiti

In 2024, the Council held two meetings.¹ It met on 3 April, when [resolution 2700 \\(2024\\)](#) \
was recalled, and on 5 May,² it adopted a resolution.³ A member said “this is [not] the end.”⁴ \
It quoted S/PV.1234 (closed), see below,¹⁰⁰ twice.⁹⁹

¹ See [S/PV.9500](#) and [S/PV.9600](#).

² See [S/PV.9600](#).

³ Ibid.

⁴ Ibid., Ecuador.

⁵ A note with *emphasis*, a caret ^c and superscript ᵃ letters.

Meetings: Items relating to Haiti, 2024

<i>Meeting record and date</i>\t<i>Sub-item</i>\t<i>Other documents</i>\t<i>Rule 37 \
invitations</i>\t<i>Rule 39 and other invitations</i>\t<i>Speakers</i>\t<i>Decision and vote \
(for-against-abstaining)</i>
S/PV.9500 3 April\tReport of the Secretary-General on Haiti (S/2024/100)\t\tHaiti ^x\tSpecial \
Representative\t15 Council members, all invitees\t
S/PV.9600 5 May\tReport ^y (S/2024/200)\tDraft resolution submitted by Ecuador and the United \
States (S/2024/300)\tDominican Republic, Haiti\tExecutive Director\t12 Council members ^z , \
Haiti\tResolution 2730 (2024) 13-0-2 ^w
S/PV.9700 31 June\t \t\t\t\t\t
S/PV.9800 \tOther report\t\t\t\t\t

^x Haiti was represented by its Prime Minister.

^y An open debate.

^z Algeria, China, Ecuador, France, Guyana, Japan, Malta, Mozambique, Republic of Korea, \
Russian Federation, Sierra Leone, United States.

^w *In favour*: Algeria, Ecuador, France, Guyana, Japan, Malta, Mozambique, Republic of Korea, \
Sierra Leone, Slovenia, Switzerland, United Kingdom, United States; *Against*: none; \
*Abstaining*: China, Russian Federation.

^q A note nobody uses.

A paragraph after the table, in 2024.⁶

⁶ Closing note.
"""

HAND_MADE = {"pipe": PIPE_SECTION, "continuation": CONTINUATION_SECTION, "odd": ODD_SECTION}


def _no_spans(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_spans(v) for k, v in value.items() if k != "span"}
    if isinstance(value, list):
        return [_no_spans(v) for v in value]
    return value


def _findings(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Lines and columns move with the layout, and so does the order they sort in.
    plain = [{k: v for k, v in f.items() if k not in ("line", "column")} for f in found]
    return sorted(plain, key=lambda f: json.dumps(f, sort_keys=True))


def comparable(document: Document) -> dict[str, Any]:
    data = _no_spans(document.to_dict())
    data.pop("source")
    data["findings"] = _findings(data["findings"])
    for section in data["sections"]:
        section["findings"] = _findings(section["findings"])
    return data


def round_trip(text: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    first = parse(text)
    markdown = render(first, "markdown")
    return comparable(first), comparable(parse(markdown)), markdown


# -- the round trip ----------------------------------------------------------

# The parser gives a footnote marker that follows a page break inside a paragraph the
# position it has in its own piece (text.Mapped.join keeps marker positions unshifted), so
# footnote 431's recorded sentence is the paragraph's first, not the one it ends.
PARSER_MISPLACED_SENTENCES = {431}


def _without_sentences(data: dict[str, Any], numbers: set[int]) -> dict[str, Any]:
    for section in data["sections"]:
        for footnote in section["footnotes"]:
            if footnote["number"] in numbers:
                footnote["sentence"] = None
    return data


def test_round_trip_sample_except_the_parser_misplaced_sentences() -> None:
    before, after, _ = round_trip(samples.text())
    assert _without_sentences(after, PARSER_MISPLACED_SENTENCES) == _without_sentences(
        before, PARSER_MISPLACED_SENTENCES
    )


def test_round_trip_sample_exactly() -> None:
    before, after, _ = round_trip(samples.text())
    assert after == before


@pytest.mark.parametrize("name", sorted(HAND_MADE))
def test_round_trip_hand_made(name: str) -> None:
    before, after, markdown = round_trip(HAND_MADE[name])
    assert before["sections"] and before["sections"][0]["meetings"]
    assert after == before, markdown


def test_round_trip_other_converter_fixture() -> None:
    before, after, _ = round_trip((DATA / "pipe_table_section.md").read_text(encoding="utf-8"))
    assert after == before


def test_round_trip_is_stable() -> None:
    once = render(parse(samples.text()), "markdown")
    assert render(parse(once), "markdown") == once


def test_hand_made_sections_read_as_intended() -> None:
    pipe = parse(PIPE_SECTION).sections[0]
    vetoed = pipe.meeting("S/PV.9010").decisions[0]
    assert vetoed.vetoed_by == ["China", "Russian Federation"]
    assert [s.name for s in pipe.meeting("S/PV.9001").speakers.council_members] == [
        "Kenya",
        "France",
    ]
    continued = parse(CONTINUATION_SECTION).sections[0].meeting("S/PV.8800")
    assert [ref.document for ref in continued.sub_items] == ["S/2021/30", "S/2021/7"]
    assert [ref.document for ref in continued.other_documents] == ["S/2021/8"]
    assert len(continued.speakers.council_members) == 12


# -- the form of the Markdown ------------------------------------------------


@pytest.fixture(scope="module")
def sample_markdown() -> str:
    return render(parse(samples.text()), "markdown")


def test_markdown_has_the_repertoire_form(sample_markdown: str) -> None:
    document = parse(samples.text())
    section = document.sections[0]
    lines = sample_markdown.splitlines()
    assert lines[0] == f"**{section.number}. {section.title}**"
    assert f"**Meetings: {section.title}, {section.year}**" in lines
    header = next(line for line in lines if line.startswith("| Meeting record and date"))
    cells = [c.strip() for c in header.strip("|").split("|")]
    assert cells == [
        "Meeting record and date",
        "Sub-item",
        "Other documents",
        "Rule 37 invitations",
        "Rule 39 and other invitations",
        "Speakers",
        "Decision and vote (for-against-abstaining)",
    ]
    for footnote in section.footnotes:
        marker = str(footnote.number).translate(str.maketrans("0123456789", SUPERSCRIPT_DIGITS))
        assert any(line.startswith(marker + " ") for line in lines), footnote.number
    for letter in section.table_notes:
        assert any(line.startswith(f"^{letter} ") for line in lines), letter
    assert "13 Council members ^a, all invitees ^b" in sample_markdown


def test_every_symbol_is_a_link(sample_markdown: str) -> None:
    section = parse(samples.text()).sections[0]
    cited = {c.symbol for f in section.footnotes for c in f.citations}
    cited |= {s for p in section.paragraphs for s in p.citations}
    cited |= {m.record for m in section.meetings}
    cited |= {d.document for m in section.meetings for d in m.sub_items + m.other_documents}
    cited |= {d.symbol for m in section.meetings for d in m.decisions}
    for symbol in filter(None, cited):
        assert f"]({symbols.url(symbol)})" in sample_markdown, symbol
    # No symbol is left as plain text: every one found in the output stands in a link label.
    without_links = re.sub(r"\[[^\]]*\]\([^)]*(?:\([^)]*\))?[^)]*\)", "", sample_markdown)
    assert not symbol_spans(without_links)


def test_symbol_spans_find_bare_resolutions_cited_by_link() -> None:
    text = "as decided in 2690 (2023) and S/PV.9408, para. 2."
    spans = symbol_spans(text, ["S/RES/2690 (2023)"])
    assert [(text[a:b], s) for a, b, s in spans] == [
        ("2690 (2023)", "S/RES/2690 (2023)"),
        ("S/PV.9408", "S/PV.9408"),
    ]


_ALPHABET = st.sampled_from(
    [
        *"ab Z1 2()[]^*&;#<>/\\|.,:-_`!~'\"i",
        *SUPERSCRIPT_DIGITS[:3],
        *SUPERSCRIPT_LETTERS[:3],
        *["<i>", "</sup>", "<sup>", "&amp;", "&#42;", "](x)", "[^1]", "<br>"],
    ]
)
_ESCAPED_BEFORE_GAP = re.compile(rf"[<&\\^*\[{SUPERSCRIPT_DIGITS}{SUPERSCRIPT_LETTERS}] [,;.:)]")


@settings(max_examples=1500, deadline=None)
@given(st.lists(_ALPHABET, max_size=25).map("".join), st.booleans())
def test_escaped_text_cleans_back_to_itself(raw: str, markers: bool) -> None:
    text = clean(Mapped.of(raw), notes=markers, footnotes=markers).text
    # The parser collapses a double space it leaves itself (a marker between two spaces),
    # and squeezes the space between a character written as a reference and punctuation.
    assume("  " not in text and not _ESCAPED_BEFORE_GAP.search(text))
    back = clean(Mapped.of(escape(text)), notes=markers, footnotes=markers)
    assert back.text == text
    assert [m for m in back.markers if m.kind != "link"] == []


# -- HTML --------------------------------------------------------------------


def test_html_is_a_standalone_page() -> None:
    page = render(parse(samples.text()), "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert "<script" not in page
    assert not re.search(r"<link\b|\bsrc=|@import|url\(", page)
    assert 'href="https://undocs.org/en/S/PV.9408"' in page
    assert 'href="#fn-410"' in page and 'id="fn-410"' in page
    assert "<th>Decision and vote (for-against-abstaining)</th>" in page
    assert 'id="note-h"' in page


def test_html_escapes_all_source_text() -> None:
    page = render(parse(PIPE_SECTION), "html")
    assert "<script>" not in page
    assert "A footnote with &lt;script&gt;alert(1)&lt;/script&gt; in it" in page
    assert "basis &amp; noted" in page


def test_html_escapes_headings_notes_and_cells() -> None:
    text = ODD_SECTION.replace("Items relating to Haiti", "Items <b>relating</b> to Haiti").replace(
        "^q A note nobody uses.", "^q A note with <img src=x onerror=alert(1)> in it."
    )
    page = render(parse(text), "html")
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_html_findings_stand_beside_their_footnote() -> None:
    from repertoire.render import HtmlOptions, section_html

    document = parse(samples.text())
    section = document.sections[0]
    body = section_html(section, HtmlOptions(findings=document.all_findings()))
    footnote_block = body[body.index('id="fn-433"') :]
    footnote_block = footnote_block[: footnote_block.index("</div>\n")]
    assert "position-separator" in footnote_block


# -- the command -------------------------------------------------------------


def test_render_command_markdown_and_section_choice(tmp_path: Path) -> None:
    runner = CliRunner()
    sample = str(samples.path())
    result = runner.invoke(main, ["render", sample, "--section", "11"])
    assert result.exit_code == 0, result.output
    assert result.output == render(parse(samples.text()), "markdown")
    missing = runner.invoke(main, ["render", sample, "--section", "99"])
    assert missing.exit_code != 0 and "no section 99" in missing.output
    out = tmp_path / "section.html"
    written = runner.invoke(main, ["render", sample, "--format", "html", "--out", str(out)])
    assert written.exit_code == 0, written.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_command_needs_one_source() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["render"]).exit_code == 2
    both = runner.invoke(main, ["render", str(samples.path()), "--db", "x.db"])
    assert both.exit_code == 2
    assert "Example:" in runner.invoke(main, ["render", "--help"]).output


def test_render_from_the_store_matches_the_file(tmp_path: Path) -> None:
    from repertoire.store import load

    db = tmp_path / "store.db"
    load([samples.path()], db)
    runner = CliRunner()
    from_db = runner.invoke(main, ["render", "--db", str(db), "--section", "11"])
    assert from_db.exit_code == 0, from_db.output
    assert from_db.output == render(parse(samples.text()), "markdown")
    missing = runner.invoke(main, ["render", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no database" in missing.output


def test_rendering_needs_no_findings() -> None:
    """What the table wrote (an unreadable date, a count of speakers, "invitee" for one of
    two invitees) is on the record, so the output is the same without the findings."""
    text = ODD_SECTION.replace("S/PV.9600 5 May\t", "S/PV.9600 5 Mai\t").replace(
        "12 Council members ^z , Haiti", "13 Council members ^z , invitee"
    )
    document = parse(text)
    codes = {f.code for f in document.all_findings()}
    assert {"table-date", "speaker-count", "speaker-invitee"} <= codes
    rendered = render(document, "markdown")
    assert "S/PV.9600](https://undocs.org/en/S/PV.9600) 5 Mai" in rendered
    assert "13 Council members ^z, invitee" in rendered
    document.findings.clear()
    for section in document.sections:
        section.findings.clear()
    assert render(document, "markdown") == rendered
