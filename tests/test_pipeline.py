"""The reading stages, in the order the pipeline lists them once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire.read import layout, pipeline
from repertoire.records import Document
from repertoire.reference import patterns
from tests.factory import row, section


def test_the_order_is_written_once() -> None:
    assert [name for name, _ in pipeline.STAGES] == [
        "layout",
        "sections",
        "read",
        "rehome",
        "sentences",
        "rules",
        "checks",
    ]
    assert [name for name, _ in pipeline.SECTION_STAGES] == [
        "heading",
        "caption",
        "narrative",
        "notes",
        "table",
        "footnotes",
    ]


def test_a_stage_left_out_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    text = section(
        rows=[
            row("S/PV.100 3 March", "Report (S/2023/1)", decision="Resolution 2700 (2023) 15-0-0")
        ]
    )
    (decision,) = pipeline.parse(text).sections[0].meetings[0].decisions
    assert decision.votes_inferred and len(decision.in_favour) == 15
    without_rules = [(name, stage) for name, stage in pipeline.STAGES if name != "rules"]
    monkeypatch.setattr(pipeline, "STAGES", without_rules)
    document: Document = pipeline.parse(text)
    (decision,) = document.sections[0].meetings[0].decisions
    assert not decision.votes_inferred and decision.in_favour == []


@settings(max_examples=200, deadline=None)
@given(line=st.from_regex(patterns.compiled("table", "caption")))
def test_every_caption_has_a_colon(line: str) -> None:
    # The layout tries the caption pattern only on lines with a colon.
    assert ":" in line


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab\n\r", max_size=30),
    st.lists(st.integers(min_value=-2, max_value=35), max_size=20),
)
def test_locating_offsets_in_any_order_gives_their_line_and_column(
    text: str, offsets: list[int]
) -> None:
    # The locator remembers the line it found last: offsets out of order, before the first
    # line and past the last are located as a search from nothing would locate them.
    lines = layout.split_lines(text)
    starts = [line.start for line in lines]
    locate = pipeline.locator(lines)
    for offset in offsets:
        index = max(sum(start <= offset for start in starts) - 1, 0)
        column = offset - starts[index] + 1 if starts else 1
        assert locate(offset) == (index + 1, column)
