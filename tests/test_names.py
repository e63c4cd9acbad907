"""Lists of delegations and persons."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire.read import names as names_module
from repertoire.read.names import split


def names(text: str, **kw: bool) -> list[str]:
    return [n.name for n in split(text, **kw)]


def test_list_with_final_and() -> None:
    assert names("Albania, Brazil, United Kingdom and United States.") == [
        "Albania",
        "Brazil",
        "United Kingdom",
        "United States",
    ]


def test_and_inside_a_state_name() -> None:
    assert names("Brazil, Bosnia and Herzegovina and Trinidad and Tobago") == [
        "Brazil",
        "Bosnia and Herzegovina",
        "Trinidad and Tobago",
    ]


def test_also_spoke_on_behalf_of() -> None:
    (ghana, malta) = split("Ghana (also spoke on behalf of Gabon and Mozambique) and Malta")
    assert (ghana.name, ghana.on_behalf_of) == ("Ghana", ["Gabon", "Mozambique"])
    assert malta.name == "Malta" and malta.missing_separator is None


def test_persons_split_only_on_commas() -> None:
    assert names(
        "Special Representative of the Secretary-General and Head of the Mission, "
        "civil society actor and President of an Association",
        persons=True,
    ) == [
        "Special Representative of the Secretary-General and Head of the Mission",
        "civil society actor and President of an Association",
    ]


def test_missing_separators_are_recovered() -> None:
    listed = split("Brazil Ecuador, Mozambique (also on behalf of Gabon and Ghana) Malta")
    assert [n.name for n in listed] == ["Brazil", "Ecuador", "Mozambique", "Malta"]
    assert [n.missing_separator for n in listed] == [None, "comma", None, "comma after ')'"]


def test_other_parenthetical_is_kept_apart() -> None:
    (mali,) = split("Mali (Minister for Foreign Affairs)")
    assert mali.name == "Mali" and mali.note == "Minister for Foreign Affairs"


class _EveryWord:
    """A vocabulary that holds every word: no run of words is passed over unlooked-up."""

    def __contains__(self, word: object) -> bool:
        return True


_LIST_PIECES = st.sampled_from(
    [
        "Brazil",
        "United Kingdom",
        "Trinidad and Tobago",
        "Netherlands (Kingdom of the)",
        "Bolivia (Plurinational State of)",
        "Republic of",
        "Group of Friends",
        "S/PV.1234.",
        "See also",
        "Côte d'Ivoire",
        "*Malta*",
        "the",
        "and",
        "(also on behalf of",
        ")",
        ",",
        ";",
        " ",
        ".",
    ]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_LIST_PIECES, max_size=14), spaced=st.booleans())
def test_words_no_known_name_holds_change_no_reading(pieces: list[str], spaced: bool) -> None:
    # Runs with a word that no known name holds are not looked up: the reading must be the
    # one that looking every run up gives.
    text = (" " if spaced else "").join(pieces)

    def read() -> list[tuple[object, ...]]:
        names_module._chunk.cache_clear()
        return [(n.name, n.start, n.end, n.on_behalf_of, n.missing_separator) for n in split(text)]

    fast = read()
    vocabulary = names_module._vocabulary
    names_module._vocabulary = _EveryWord  # type: ignore[assignment]
    try:
        slow = read()
    finally:
        names_module._vocabulary = vocabulary
        names_module._chunk.cache_clear()
    assert fast == slow


_PIECE_WORDS = st.sampled_from(
    [
        "Brazil",
        "Switzerland",
        "Thailand",
        "New Zealand",
        "Bosnia and Herzegovina",
        "Netherlands (Kingdom of the)",
        "(also on behalf of Ghana)",
        "Ghana(Minister)",
        "Head of the Mission",
        "and",
        "Andorra",
        "S/PV.1234",
        "*Malta*",
        "the",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(_PIECE_WORDS, min_size=1, max_size=8),
    space=st.sampled_from([" ", "\t", "\n"]),
    persons=st.booleans(),
)
def test_a_piece_read_at_once_reads_as_the_general_reading(
    words: list[str], space: str, persons: bool
) -> None:
    # Pieces with nothing to cut skip the general reading of a piece: both must agree.
    piece = space.join(words).strip(" \t.")
    if not piece.split() or piece.split()[0].casefold() in ("and", "or"):
        return
    names_module._chunk.cache_clear()
    masked = names_module._mask(piece)  # as split reads a list: the masks of known names
    general = [
        (names_module._unmask(name), start, end, list(on_behalf), note, missing)
        for name, start, end, on_behalf, note, missing in names_module._chunk(masked, persons)
    ]
    read = [
        (n.name, n.start, n.end, n.on_behalf_of, n.note, n.missing_separator)
        for n in split(piece, persons=persons)
    ]
    assert read == general


def _top_level_by_pattern(text: str, separators: str) -> list[tuple[int, int]]:
    """The pieces as a scan of the brackets' and separators' class cuts them."""
    pieces, begin, depth = [], 0, 0
    for match in re.finditer("[()\\[\\]" + re.escape(separators) + "]", text):
        char = match.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            pieces.append((begin, match.start()))
            begin = match.end()
    pieces.append((begin, len(text)))
    return pieces


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ,;()[]", max_size=30), st.sampled_from([",;", ";", ",", "(;"]))
def test_top_level_cuts_as_the_class_of_brackets_and_separators(text: str, separators: str) -> None:
    assert names_module.top_level(text, separators) == _top_level_by_pattern(text, separators)
