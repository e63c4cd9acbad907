"""The patterns' helpers: words looked for before a pattern of any case is tried."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire.read import table
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
