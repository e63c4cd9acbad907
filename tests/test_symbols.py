"""UN document symbols, resolutions and pinpoints."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire.read import symbols
from repertoire.read.symbols import find, is_symbol, normalise, typed, url
from repertoire.reference import patterns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "See S/PV.9251 and S/PV.9251 (Resumption 1).",
            [("S/PV.9251", None), ("S/PV.9251 (Resumption 1)", None)],
        ),
        (
            "S/2023/21, A/78/2, S/PRST/2023/1 and A/RES/77/1",
            [("S/2023/21", None), ("A/78/2", None), ("S/PRST/2023/1", None), ("A/RES/77/1", None)],
        ),
        ("resolution 2690 (2023)", [("S/RES/2690 (2023)", None)]),
        (
            "resolutions 2374 (2017) and 2690 (2023)",
            [("S/RES/2374 (2017)", None), ("S/RES/2690 (2023)", None)],
        ),
        (
            "Resolution 2690 (2023), para. 1. See also S/PV.9365.",
            [("S/RES/2690 (2023)", "para. 1"), ("S/PV.9365", None)],
        ),
        ("See A/78/2, part II, chap. 38.", [("A/78/2", "part II, chap. 38")]),
        (
            "resolution 1353 (2001), annex II, sections A and B”. See S/PV.9342.",
            [("S/RES/1353 (2001)", "annex II, sections A and B"), ("S/PV.9342", None)],
        ),
        (
            "S/2023/1, annex, para. 4 and S/2023/2.",
            [("S/2023/1", "annex, para. 4"), ("S/2023/2", None)],
        ),
        (
            "S/RES/2690(2023) and S/2023/21/Add.1 and A/ES-10/PV.12",
            [("S/RES/2690 (2023)", None), ("S/2023/21/Add.1", None), ("A/ES-10/PV.12", None)],
        ),
        ("an increase of 17 per cent in 2022 (2023 figures)", []),
    ],
)
def test_find(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(f.symbol, f.pinpoint) for f in find(text)] == expected


def test_link_label_alone_is_a_resolution() -> None:
    text = "as set out in 2374 (2017) which"
    assert find(text) == []
    assert [f.symbol for f in find(text, frozenset({14}))] == ["S/RES/2374 (2017)"]


def test_normalise_and_url() -> None:
    assert normalise("S/PV. 9251") == "S/PV.9251"
    assert normalise("S/RES/2690(2023)") == "S/RES/2690 (2023)"
    assert url("S/RES/2690 (2023)") == "https://undocs.org/en/S/RES/2690(2023)"
    assert is_symbol("S/2023/21") and not is_symbol("S/2023/21 and more")


_SYMBOLISH = st.text(alphabet="SAEPVRTCDHUG/.-()0123456789 aIIx,", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_SYMBOLISH)
def test_symbols_scan_finds_what_the_pattern_finds(text: str) -> None:
    # The scan tries the pattern only at the capitals before a slash: it must find
    # exactly what trying the pattern at every position finds.
    expected = [m.span() for m in patterns.symbol().finditer(text)]
    assert [m.span() for m in patterns.symbols(text)] == expected


def test_symbols_scan_after_letters_and_slashes() -> None:
    text = "XS/2099/1 AS/PV.1 /S/2099/2 S/2099/3-A/78/9 TSAS/1"
    expected = [m.span() for m in patterns.symbol().finditer(text)]
    assert [m.span() for m in patterns.symbols(text)] == expected
    assert [m.group() for m in patterns.symbols(text)] == ["S/2099/3", "A/78/9"]


# Pieces of the places where a pinpoint may stop: end marks, series before a slash, "and".
_STOP_PIECES = ["S/", "AB/", "ABC/", " ", ",", "and", "band", ".", ";", "”", '"', "x", "X", "1"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_STOP_PIECES, "\t", "  and  "]), max_size=16))
def test_pinpoint_stops_are_where_the_pattern_stops(pieces: list[str]) -> None:
    # Pinpoint stops are looked for only where the pattern may match: the scan must
    # start where every match of the pattern starts, tried at every position.
    text = "".join(pieces)
    expected = [m.start() for m in symbols._PIN_STOP.finditer(text)]
    assert symbols._stop_starts(text) == expected


_ABBREVIATION_WINDOW = re.compile(
    r"(?i)\b(?:paras?|sects?|chaps?|pp?|arts?|no|nos|subpara|vol|sess|suppl|rev|add|corr)$"
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["para", "s", "P", "p", "x", "_", "1", " ", ".", "subpara", "é", "No"]),
        max_size=6,
    )
)
def test_an_abbreviation_is_the_whole_word_before_the_stop(pieces: list[str]) -> None:
    # Read back from the full stop, the word is what a pattern ending at the stop sees in
    # the nine characters before it.
    text = "".join(pieces)
    for dot in range(len(text) + 1):
        expected = bool(_ABBREVIATION_WINDOW.search(text[max(0, dot - 9) : dot]))
        assert symbols._abbreviated(text, dot) == expected, (text, dot)


def _begins_with_letter(items: list[tuple[object, object]]) -> bool:
    """Whether every match of parsed pattern items begins with an ASCII letter."""
    if not items:
        return False
    op, value = items[0]

    def letter(code: object) -> bool:
        return isinstance(code, int) and chr(code).isascii() and chr(code).isalpha()

    kind = str(op)
    if kind == "LITERAL":
        return letter(value)
    if kind == "IN":
        return all(str(o) == "LITERAL" and letter(v) for o, v in value)
    if kind == "BRANCH":
        return all(_begins_with_letter(list(branch)) for branch in value[1])
    if kind == "SUBPATTERN":
        return _begins_with_letter(list(value[-1]))
    if kind in ("MAX_REPEAT", "MIN_REPEAT"):
        low, _, item = value
        return bool(low >= 1 and _begins_with_letter(list(item)))
    return False


def test_every_pinpoint_opener_begins_with_a_letter() -> None:
    # The reader tries the openers only where a letter follows the comma.
    import re._parser as parser

    opener = patterns.data()["pinpoints"]["openers"]
    assert _begins_with_letter(list(parser.parse(opener, re.IGNORECASE)))
    assert not _begins_with_letter(list(parser.parse(r"(?:para\.|§\s*\d+)", 0)))


# Pieces of what may follow a symbol: suffixes and further parts, whole and cut short.
_AFTER_SYMBOL = [" ", "\t", "(", ",", " and ", "and ", "Corr.1", "Add.2", "Rev.3", "x"]
_AFTER_SYMBOL += ["(Resumption 1)", "Resumption 2)", "(Part 3)", "(closed)", "private)"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_AFTER_SYMBOL), max_size=6))
def test_what_follows_a_symbol_opens_as_the_reader_expects(pieces: list[str]) -> None:
    text = "".join(pieces)
    # The reader tries a record's suffix only before spaces or "(", further parts only
    # after a comma or a space.
    if symbols._record_suffix().match(text):
        assert text[0] == "(" or text[0].isspace()
    if symbols._more_parts().match(text):
        assert text[0] == "," or text[0].isspace()


_CHAIN_PIECES = ["resolution ", "Resolutions ", "rResolution ", "esolution ", "r", "2690 (2023)"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_CHAIN_PIECES, ", ", " and ", "x", " "]), max_size=12))
def test_resolution_chains_are_where_the_pattern_finds_them(pieces: list[str]) -> None:
    # Chains are tried only where the word's "esolution" is: the scan must find what
    # the pattern finds tried at every position.
    text = "".join(pieces)
    expected = [m.span() for m in symbols._resolution_chain().finditer(text)]
    assert [m.span() for m in symbols._chains(text)] == expected


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("1234 (2099)", "S/RES/1234 (2099)"),
        (" resolution 1234(2099) ", "S/RES/1234 (2099)"),
        ("res. 0012 (2099)", "S/RES/12 (2099)"),
        ("s/res/1234 (2099)", "S/RES/1234 (2099)"),
        ("S/PV. 1234", "S/PV.1234"),
        ("S/2099/12", "S/2099/12"),
        ("1234", "1234"),  # a number alone names no resolution: its year is needed
    ],
)
def test_a_symbol_as_a_user_types_it(written: str, meant: str) -> None:
    assert typed(written) == meant
