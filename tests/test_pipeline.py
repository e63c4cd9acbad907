"""The reading stages, in the order the pipeline lists them once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire.read import pipeline
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
