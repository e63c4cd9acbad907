"""Footnotes: the groups of names that a footnote cites a meeting for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire.read import footnotes

# Pieces of a group: meetings, names, separators, full stops, spaces and line breaks.
_PIECES = ["See ", "and ", "S/PV.1234", "S/2099/1", "Ibid.", ",", " ", ".", "\n", "Brazil", "x"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10))
def test_a_group_reads_as_its_pattern_matches(pieces: list[str]) -> None:
    # The names are found without the pattern's lazy run where that is plain: what is
    # found must be what the whole pattern matches.
    text = "".join(pieces)
    match = footnotes._PART.match(text)
    part = footnotes._part(text)
    if match is None:
        assert part is None
    else:
        assert part == (
            match.group("meeting"),
            match.start("meeting"),
            match.start("names"),
            match.group("names"),
        )


def test_a_group_with_nothing_after_its_comma() -> None:
    # The pattern gives the space after the comma back to the names: so does the reading.
    assert footnotes._part("See S/PV.1234, ") == ("S/PV.1234", 4, 14, " ")
    assert footnotes._part("See S/PV.1234, Brazil and Chile.") == (
        "S/PV.1234",
        4,
        15,
        "Brazil and Chile",
    )
