"""A whole hand-made thematic section (an open debate with a counted list of Member States
in a note, a joint symbol, a presidential statement, a meeting held by videoconference, a
private meeting and position groups) read fact by fact against a list written by hand.

Precision is the share of the facts read that are right (a finding counts as a fact the
section does not state); recall the share of the written facts that are read.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from repertoire import parse
from tests import thematic_facts
from tests.test_conventions import STYLES
from tests.test_render import round_trip

TEXT = thematic_facts.PATH.read_text(encoding="utf-8")


def measure(text: str) -> tuple[float, float, set, set]:
    got = thematic_facts.read(parse(text))
    want = thematic_facts.expected()
    precision, recall = thematic_facts.score(got, want)
    return precision, recall, want - got, got - want


def test_expected_facts_are_many_and_of_every_kind() -> None:
    want = thematic_facts.expected()
    assert len(want) > 150
    kinds = {fact[0] for fact in want}
    assert kinds >= {
        "meeting",
        "videoconference",
        "private",
        "sub_item",
        "rule_37",
        "rule_39",
        "member_spoke",
        "invitee_spoke",
        "remote",
        "decision",
        "submitter",
        "citation",
        "ibid",
        "position",
    }


@pytest.mark.parametrize("style", STYLES, ids=lambda f: f.__name__)
def test_precision_and_recall(style: Callable[[str], str]) -> None:
    precision, recall, missed, extra = measure(style(TEXT))
    print(f"{style.__name__}: precision {precision:.3f}, recall {recall:.3f}")
    assert (precision, recall) == (1.0, 1.0), (sorted(missed, key=str), sorted(extra, key=str))


def test_the_measure_can_fail() -> None:
    # Without the note of its counted list, the open debate's invited States are lost.
    cut = TEXT.replace("24 Member States ^b", "24 Member States")
    precision, recall, missed, _ = measure(cut)
    assert recall < 0.9 and precision < 1.0
    assert ("rule_37", "S/PV.8800", "Türkiye") in missed


def test_no_finding() -> None:
    assert parse(TEXT).all_findings() == []


def test_round_trip_through_the_renderer() -> None:
    before, after, markdown = round_trip(TEXT)
    assert after == before, markdown


def test_as_a_second_section_after_the_sample(sample_text: str) -> None:
    document = parse(sample_text + "\n\n" + TEXT)
    assert [s.number for s in document.sections] == ["11", "27"]
    facts = thematic_facts.read(parse(TEXT))
    second = thematic_facts.read(document)
    assert facts - {f for f in facts if f[0] == "finding"} <= second
