"""Property: ``parse`` never raises, whatever the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repertoire import parse
from repertoire.read.pipeline import parse_bytes
from tests.factory import section

PIECES = st.sampled_from(
    [
        "11. The situation",
        "\n",
        "\n\n",
        "\t",
        "|",
        "---",
        "⁴¹⁰",
        "<sup>4</sup>",
        "^a",
        "ⁱ",
        "S/PV.9251",
        "27 January",
        "Meetings: X, 2023",
        "<i>Meeting record and date</i>",
        "Ibid.",
        "See",
        "(",
        ")",
        ",",
        " and ",
        "13 Council members",
        "15-0-0",
        "[x](#)",
        "\\(",
        "In favour:",
        "Resolution 1 (2023)",
        "Draft resolution",
        "\r\n",
        "\u00a0",
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40))
def test_parse_never_raises(pieces: list[str]) -> None:
    document = parse("".join(pieces))
    document.to_dict()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_parse_bytes_never_raises(data: bytes) -> None:
    parse_bytes(data).to_dict()


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=1, max_value=30))
def test_cutting_a_section_anywhere_never_raises(cut: int, extra: int) -> None:
    text = section()
    parse(text[:cut] + text[cut + extra :]).to_dict()
