"""The patterns' helpers: words looked for before a pattern of any case is tried."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire.read import decisions, layout, sentences, table
from repertoire.read.text import SUPERSCRIPT_SET
from repertoire.reference import patterns
from repertoire.rules import claims, meetings


def branches(source: str) -> list[str]:
    """A pattern's top-level alternatives, lowered: each must hold one of the words the
    pattern is tried after (:func:`repertoire.reference.patterns.may_say`)."""
    source = source.removeprefix("(?i)")
    found, depth, start = [], 0, 0
    for at, char in enumerate(source):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            found.append(source[start:at])
            start = at + 1
    return [branch.lower() for branch in [*found, source[start:]]]


def test_branches_are_the_top_level_alternatives() -> None:
    assert branches("(?i)Ab(c|d)|E") == ["ab(c|d)", "e"]


def test_the_letters_alike_are_all_that_match_an_ascii_letter_in_any_case() -> None:
    letter = re.compile("(?i)[a-z]")
    alike = {chr(code) for code in range(128, 0x110000) if letter.fullmatch(chr(code))}
    assert alike == set(patterns.ASCII_ALIKE)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Held in PRIVATE", True),
        ("held “in private”", True),
        ("held in public", False),
        ("held “in public”", False),
        ("held in prıvate", True),  # the pattern's "i" matches "ı": left to it
        ("", False),
    ],
)
def test_may_say_where_a_pattern_of_any_case_may(text: str, says: bool) -> None:
    assert patterns.may_say(text, ("private",)) is says
    pattern = re.compile("(?i)private")
    if pattern.search(text):
        assert patterns.may_say(text, ("private",))


# Patterns tried only where one of their words stands, with those words: every text a
# pattern matches must hold one (a word added to a pattern and not to its list would make
# the pattern miss where it should match).
GUARDED = [
    pytest.param(claims._QUANTIFIER, claims._QUANTIFIED, id="quantified"),
    pytest.param(meetings._OPEN_DEBATE, meetings._DEBATE_WORD, id="open debate"),
    pytest.param(meetings._DEBATE, meetings._DEBATE_WORD, id="debate"),
    pytest.param(patterns.compiled("meetings", "private"), table._PRIVATE_WORDS, id="private"),
]


@pytest.mark.parametrize(("pattern", "words"), GUARDED)
def test_every_text_a_guarded_pattern_matches_holds_one_of_its_words(
    pattern: re.Pattern[str], words: tuple[str, ...]
) -> None:
    @settings(max_examples=200, database=None, deadline=None)
    @given(st.from_regex(pattern))
    def holds(text: str) -> None:
        assert patterns.may_say(text, words), text

    holds()


_VOTE_PIECES = st.sampled_from(
    [
        "In favour",
        "in  FAVOUR",
        "Against",
        "Abstaining",
        "Absent",
        "Not participating",
        "Did not\nparticipate",
        ":",
        " :",
        ",",
        ";",
        ".",
        "(",
        ")",
        "Albania",
        "xAgainst",
        "\u017f",
        "\u00e9",
        " ",
    ]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(_VOTE_PIECES, max_size=20))
def test_vote_list_labels_are_found_where_the_pattern_finds_them(pieces: list[str]) -> None:
    # Each label is searched for only in the run before its colon: what is found must be
    # what a scan of the whole note by the pattern finds.
    note = "".join(pieces)
    pattern = patterns.compiled("decisions", "vote_lists")
    assert [m.span() for m in decisions._labels(note)] == [m.span() for m in pattern.finditer(note)]


_SENTENCE_PIECES = st.sampled_from(
    [*'.!?\u201d"\u2019)\u201c( \t\n\u00a0\u2003', "a", "Z", "7", "\u0663", "No", "word"]
)


@settings(max_examples=1000, deadline=None)
@given(pieces=st.lists(_SENTENCE_PIECES, max_size=30))
def test_sentence_boundaries_are_where_the_pattern_finds_them(pieces: list[str]) -> None:
    # Read after each full stop without the pattern: where the pattern's scan finds them.
    text = "".join(pieces)
    expected = [(m.start(1), m.end()) for m in sentences._BOUNDARY.finditer(text)]
    assert sentences.sentence_ends(text) == expected


_LABEL_PIECES = st.sampled_from(
    ["\u2070", "\u00b9", "\u00b2", "\u2074", " ", "\t", "\u00a0", "\u2003", "a", "Text", "*"]
)


@settings(max_examples=1000, deadline=None)
@given(pieces=st.lists(_LABEL_PIECES, max_size=12))
def test_superscript_labels_are_read_as_the_pattern_reads_them(pieces: list[str]) -> None:
    # A line opening with superscript digits is read without the pattern: as it reads it.
    raw = "".join(pieces)
    if raw.lstrip()[:1] not in SUPERSCRIPT_SET:
        return
    match = layout._FOOTNOTE_DEF.match(raw)
    expected = None
    if match and len(written := layout._first_group(match)) <= layout.LONGEST_NUMBER:
        expected = (layout.Kind.FOOTNOTE, str(int(written.translate(layout._DIGITS))), match.end())
    assert layout._superscript_label(raw) == expected
