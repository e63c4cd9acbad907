"""Meeting kinds, speakers from the Council's composition, and narrative claims."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire import parse
from repertoire.read import sentences
from repertoire.rules import claims
from tests.factory import row, section


def meetings(rows: list[str], year: int = 2023, notes: dict[str, str] | None = None):
    document = parse(section(rows=rows, year=year, notes=notes))
    return document.sections[0].meetings, document.all_findings()


def test_kinds() -> None:
    found, _ = meetings(
        [
            row("S/PV.100 3 March", "Report (S/2023/1)", r39="Special Envoy", speakers="invitee"),
            row("S/PV.101 4 March", "Report (S/2023/1)", decision="S/PRST/2023/1"),
            row(
                "S/PV.102 5 March",
                "Open debate on women and peace and security (S/2023/2)",
                r37="Chile",
            ),
            row("S/PV.103 6 March", "Report (S/2023/1)", r37="Chile"),
        ]
    )
    assert [m.kind for m in found] == ["briefing", "adoption", "open debate", "meeting"]


def test_debate_is_read_in_any_case_and_across_title_and_note() -> None:
    # The word "debate" is looked for before the patterns are tried: in any case, in the
    # titles or the notes, it must still let them decide.
    found, _ = meetings(
        [
            row("S/PV.100 3 March", "OPEN DEBATE on children (S/2023/1)", r37="Chile"),
            row("S/PV.101 4 March", "DeBaTe on peace (S/2023/1)", r37="Chile"),
            row("S/PV.102 5 March", "Report and open (S/2023/1) ^a", r37="Chile"),
            row("S/PV.103 6 March", "Debated earlier (S/2023/1)", r37="Chile"),
        ],
        notes={"a": "Debate held in the Chamber."},
    )
    assert [m.kind for m in found] == ["open debate", "debate", "open debate", "meeting"]


def test_whole_council_spoke_without_a_note() -> None:
    found, findings = meetings(
        [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="15 Council members")]
    )
    assert len(found[0].speakers.council_members) == 15
    found, findings = meetings(
        [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="12 Council members")]
    )
    assert found[0].speakers.council_members == []
    assert [f.code for f in findings] == ["speaker-unlisted"]
    assert findings[0].severity == "info"


def test_speaker_who_did_not_sit_on_the_council() -> None:
    _, findings = meetings(
        [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="2 Council members ^a")],
        notes={"a": "France and Germany."},
    )
    assert [f.code for f in findings] == ["speaker-not-member"]


def _claims(narrative: str, rows: list[str]) -> list[str]:
    document = parse(section(narrative=[narrative], footnotes={}, rows=rows))
    return [f.message for f in document.all_findings() if f.code == "claim-count"]


ROWS = [
    row("S/PV.100 3 March", "Report (S/2023/1)", r39="Special Envoy", speakers="invitee"),
    row(
        "S/PV.101 4 March",
        "Report (S/2023/1)",
        decision="Resolution 2700 (2023) (adopted under Chapter VII) 15-0-0",
    ),
]


def test_counts_that_agree_with_the_table() -> None:
    text = (
        "During the period under review, the Council held two meetings and adopted one "
        "resolution under Chapter VII of the Charter. One of the meetings took the form of a "
        "briefing and one was convened for the adoption of a resolution."
    )
    assert _claims(text, ROWS) == []


def test_counts_that_disagree_quote_both() -> None:
    text = (
        "During the period under review, the Council held three meetings and adopted two "
        "resolutions. Four of the meetings took the form of briefings."
    )
    messages = _claims(text, ROWS)
    assert len(messages) == 3
    assert any("'held three meetings'" in m and "the table has 2" in m for m in messages)
    assert any("'adopted two resolutions'" in m and "has 1" in m for m in messages)


_CLAIM_PIECES = st.sampled_from(
    [
        "held",
        "Held",
        "six",
        "twenty-one",
        "meetings",
        "of the meetings",
        "took the form of",
        "briefings",
        "an open debate",
        "were convened for the adoption of",
        "adopted",
        "resolutions under Chapter VII",
        "issued",
        "presidential statements",
        "failed to adopt",
        "draft resolutions",
        "debate",
        "convened",
        "é",
        ",",
        ".",
        "(",
        "-",
        "\n",
        "  ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_CLAIM_PIECES, max_size=30), joiner=st.sampled_from([" ", "", " - "]))
def test_claims_are_found_where_the_patterns_find_them(pieces: list[str], joiner: str) -> None:
    # Each claim is tried only before its anchor word: what it finds must be what a scan of
    # the whole text by its pattern finds.
    text = joiner.join(pieces)
    for _measure, _keyword, pattern, anchor in claims._claims():
        anchors = (anchor,) if anchor is not None else ()
        found = [
            (m.span(), m.group("n"))
            for m in claims._matches(pattern, anchors, text, text.casefold())
        ]
        assert found == [(m.span(), m.group("n")) for m in pattern.finditer(text)]


_QUANTIFIER_PIECES = st.sampled_from(
    [
        "most",
        "Most",
        "the majority of",
        "all",
        "some",
        "a number of",
        "of the",
        "other",
        "Council",
        "members",
        "Members",
        "delegations",
        "speakers",
        "nonmembers",
        "and",
        "é",
        ",",
        ".",
        "(",
        "-",
        "\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_QUANTIFIER_PIECES, max_size=20), joiner=st.sampled_from([" ", "", "  "]))
def test_quantifiers_are_found_where_the_pattern_finds_them(pieces: list[str], joiner: str) -> None:
    # Tried only before its words, with several words to look for: the first match is still
    # the pattern's first.
    text = joiner.join(pieces)
    pattern = claims._QUANTIFIER
    found = [m.span() for m in claims._matches(pattern, claims._QUANTIFIED, text, text.casefold())]
    assert found == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            [*'.!?\u201d"\u2019)\u201c( \t\n\u00a0\u2003', "a", "Z", "7", "\u0663"]
        ),
        max_size=40,
    )
)
def test_sentence_ends_are_where_the_pattern_finds_them(text: str) -> None:
    # Sentence ends are found from each stop by str.find: where the pattern's scan finds them.
    found = list(sentences._BOUNDARY.finditer(text))
    claims._sentence_ends.cache_clear()
    assert claims._sentence_ends(text) == ([m.start(1) for m in found], [m.end() for m in found])
