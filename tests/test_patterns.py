"""The patterns' helpers: words looked for before a pattern of any case is tried."""

from __future__ import annotations

import re

import pytest

from repertoire.reference import patterns


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
