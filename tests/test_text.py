"""Normalisation: markers out, links to labels, escapes and tags gone, offsets kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire.read import text as text_module
from repertoire.read.text import Mapped, Origins, clean


@pytest.mark.parametrize(
    "raw",
    [
        "the adoption of a resolution.⁴¹⁰ More",
        "the adoption of a resolution.<sup>410</sup> More",
        "the adoption of a resolution.^410 More",
        "the adoption of a resolution.[^410] More",
    ],
)
def test_footnote_marker_forms(raw: str) -> None:
    text = clean(Mapped.of(raw))
    assert text.text == "the adoption of a resolution. More"
    (marker,) = text.markers
    assert (marker.kind, marker.value, marker.position) == ("footnote", "410", 29)
    assert raw[marker.origin] in "⁴<^["


@pytest.mark.parametrize(
    "raw",
    [
        "13 Council members ^a , all invitees ^b",
        "13 Council members<sup>a</sup>, all invitees<sup>b</sup>",
        "13 Council membersᵃ, all invitees ᵇ",
    ],
)
def test_note_marker_forms(raw: str) -> None:
    text = clean(Mapped.of(raw))
    assert text.text == "13 Council members, all invitees"
    assert [(m.value, m.position) for m in text.markers] == [("a", 18), ("b", 32)]


def test_superscript_i_is_a_note() -> None:
    text = clean(Mapped.of("not adopted 1-1-13 ⁱ"))
    assert text.text == "not adopted 1-1-13"
    assert [m.value for m in text.markers] == ["i"]


def test_links_escapes_tags_and_spaces() -> None:
    raw = (
        "resolution [2690 \\(2023\\)](#) of\u00a030 <i>June</i>,  see *In favour*:  \u200bx &amp; y"
    )
    text = clean(Mapped.of(raw, 100))
    assert text.text == "resolution 2690 (2023) of 30 June, see In favour: x & y"
    assert [m.kind for m in text.markers] == ["link"]
    # Every character maps back to where it stood.
    assert raw[text.origin[text.text.index("2690")] - 100] == "2"
    assert raw[text.origin[text.text.index("June")] - 100] == "J"


def test_mapped_join_and_slice() -> None:
    a, b = Mapped.of("food", 10), Mapped.of("insecurity.", 40)
    joined = Mapped.join([a, b])
    assert joined.text == "food insecurity."
    assert joined.source(5) == 40 and joined.position_of(40) == 5
    assert joined.slice(5, 9).text == "inse"


def test_join_moves_markers_of_later_pieces() -> None:
    first = clean(Mapped.of("One.¹", 0))
    second = clean(Mapped.of("Two.²", 50))
    joined = Mapped.join([first, second])
    assert [(m.value, m.position) for m in joined.markers] == [("1", 4), ("2", 9)]


def test_removed_marker_between_spaces_leaves_one_space() -> None:
    assert clean(Mapped.of("see ¹⁰⁰ below, ^a and")).text == "see below, and"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["run", "constant", "pop"]), st.integers(0, 50), st.integers(0, 4)
        )
    ),
    st.integers(-3, 40),
    st.integers(-3, 40),
)
def test_origins_read_as_the_list_of_offsets(
    steps: list[tuple[str, int, int]], start: int, stop: int
) -> None:
    # Runs of offsets answer every question as the plain list of offsets would.
    origins, model = Origins(), list[int]()
    for kind, base, size in steps:
        if kind == "pop":
            if model:
                origins.pop()
                model.pop()
        else:
            origins.run(base, size, 1 if kind == "run" else 0)
            model.extend(range(base, base + size) if kind == "run" else [base] * size)
    assert len(origins) == len(model) and list(origins) == model and origins == model
    assert [origins[i] for i in range(-len(model), len(model))] == model + model
    assert list(origins[start:stop]) == model[start:stop]
    copied = Origins()
    copied.extend(origins, max(start, 0), min(max(stop, 0), len(model)))
    assert list(copied) == model[max(start, 0) : min(max(stop, 0), len(model))]
    # Clamped to the first and the last offset, as a span's ends read them.
    clamped = model[min(max(start, 0), len(model) - 1)] if model else 0
    assert origins.at(start) == clamped


def test_cleaned_origins_point_at_the_source() -> None:
    raw = "See [S/PV.1234](#) and [resolution 99 \\(2099\\)](#)<sup>4</sup>  , ⁵ end"
    text = clean(Mapped.of(raw, 10))
    assert text.text == "See S/PV.1234 and resolution 99 (2099), end"
    for index, char in enumerate(text.text):
        if char != " ":
            assert raw[text.origin[index] - 10] == char


@pytest.mark.parametrize(("raw", "text"), [("[^](x)", "^"), ("[^*x*](u)", "^x")])
def test_a_link_whose_label_opens_with_a_caret_is_cleaned_as_any_label(raw: str, text: str) -> None:
    # Not a footnote marker ("[^410]"), so the scan does not read it whole: its label is
    # cleaned the general way, emphasis and all.
    cleaned = clean(Mapped.of(raw))
    assert cleaned.text == text
    (marker,) = cleaned.markers
    assert (marker.kind, marker.value, marker.origin) == ("link", raw[1 : raw.index("]")], 1)


# Characters of every kind the cleaner treats apart: openers inside and outside ASCII,
# "?" (what a character outside ASCII is encoded as), spaces and the punctuation they squeeze.
_CHARS = "ab ?,;.:)(<[]\\*&^\t\n\u00a0\u00ad\u00e9\u201c\u2074\u1d43¹x"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=40))
def test_openers_are_the_places_the_openers_class_matches(raw: str) -> None:
    expected = [found.start() for found in text_module._SPECIAL.finditer(raw)]
    assert text_module._openers(raw, raw.encode("ascii", "replace")) == expected


def test_openers_of_text_mostly_outside_ascii() -> None:
    raw = "Кенія¹ та Перу² " * 5 + "и ⁴"
    expected = [found.start() for found in text_module._SPECIAL.finditer(raw)]
    assert text_module._openers(raw, raw.encode("ascii", "replace")) == expected


def test_opener_characters_are_the_class_of_the_pattern() -> None:
    matched = {chr(code) for code in range(0x10000) if text_module._SPECIAL.fullmatch(chr(code))}
    assert matched == set(text_module._OPENER_CHARS)


# A link as the tokens' pattern reads one at its "[": the label (its part before the first
# opener, then the rest), then the address, in which parentheses may nest once.
_LINK = re.compile(
    rf"\[(?!\^)(?P<label>[^{text_module._OPENERS}\]]*+(?P<dirty>[^\[\]\n]*+))"
    r"\]\((?:[^()\n]|\([^()\n]*\))*\)"
)


@settings(max_examples=1000, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(["[", "]", "(", ")", "\n", "^", "a", "S/PV.1", " ", "*", "\u00b9", "#"]),
        max_size=14,
    ),
    cut=st.integers(min_value=0, max_value=3),
)
def test_links_are_read_where_the_pattern_reads_them(pieces: list[str], cut: int) -> None:
    # Read without a pattern at each "[": where the link, its label and its opener end.
    raw = "".join(pieces)
    end = max(0, len(raw) - cut)
    openers = text_module._openers(raw, raw.encode("ascii", "replace"))
    for index, begin in enumerate(openers):
        if begin >= end or raw[begin] != "[" or raw[begin + 1 : begin + 2] == "^":
            continue
        close, stop, dirty = text_module._link(raw, begin, end, openers, index + 1)
        match = _LINK.match(raw, begin, end)
        assert (stop if stop >= 0 else None) == (match.end() if match else None)
        if match:
            assert close == match.end("label")
            assert dirty == (match.start("dirty") < match.end("label"))
