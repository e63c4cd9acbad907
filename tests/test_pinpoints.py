"""Pinpoints naming paragraphs, read into the paragraphs they name; each footnote's clause."""

from __future__ import annotations

import pytest

from repertoire import parse
from repertoire.read import pinpoints
from tests.factory import section


@pytest.mark.parametrize(
    ("written", "kind", "addresses"),
    [
        ("para. 1", "resolution", ["1"]),
        ("paras. 4 and 7", "resolution", ["4", "7"]),
        ("paras. 3–5", "resolution", ["3", "4", "5"]),
        ("paras. 3 to 5", "resolution", ["3", "4", "5"]),
        ("paras. 2, 4 and 6", "resolution", ["2", "4", "6"]),
        ("para. 6 (b)", "resolution", ["6 (b)"]),
        ("para. 6 (b) (ii)", "resolution", ["6 (b) (ii)"]),
        ("para. 6 (a) and (b)", "resolution", ["6 (a)", "6 (b)"]),
        ("annex, para. 2", "resolution", ["annex 2"]),
        ("annex II, para. 2", "resolution", ["annex II 2"]),
        ("third preambular paragraph", "resolution", ["preamble 3"]),
        ("second and third preambular paragraphs", "resolution", ["preamble 2", "preamble 3"]),
        ("first paragraph", "presidential_statement", ["1"]),
        ("fourth and fifth paragraphs", "presidential_statement", ["4", "5"]),
        ("first to third paragraphs", "presidential_statement", ["1", "2", "3"]),
        ("operative paragraph 3", "resolution", ["3"]),
        ("preamble 3", "resolution", ["preamble 3"]),
    ],
)
def test_paragraph_pinpoints(written: str, kind: str, addresses: list[str]) -> None:
    found = pinpoints.read(written)
    assert found is not None
    assert [r.address(kind) for r in found] == addresses


@pytest.mark.parametrize(
    "written",
    [
        None,
        "",
        "sect. II",
        "part II, chap. 38",
        "annex II, sections A and B",
        "paras. 3 and 4, and annex",  # not read to its end: nothing guessed
        "paras. 5-3",
        "paras. 3-2023",
        "p. 4",
    ],
)
def test_other_pinpoints_name_no_paragraph(written: str | None) -> None:
    assert pinpoints.read(written) is None


def test_labels_are_written_as_the_repertoire_writes_them() -> None:
    assert (
        pinpoints.label_of("preamble", "preamble 3", "resolution") == "third preambular paragraph"
    )
    assert pinpoints.label_of("annex", "annex II 2 (a)", "resolution") == "annex II, para. 2 (a)"
    assert pinpoints.label_of("statement", "4", "presidential_statement") == "fourth paragraph"
    assert pinpoints.label_of("operative", "6 (b)", "resolution") == "para. 6 (b)"


def test_a_footnote_keeps_the_clause_its_marker_closes() -> None:
    text = section(
        narrative=[
            "On 3 March, by resolution 1234 (2099), acting under Chapter VII,¹ the Council "
            "decided to extend the mandate.² It also requested a report.³"
        ],
        footnotes={1: "See S/PV.100.", 2: "Resolution 1234 (2099), para. 1.", 3: "Ibid."},
    )
    (found,) = parse(text).sections
    clauses = {f.number: f.clause for f in found.footnotes}
    assert clauses == {
        1: "On 3 March, by resolution 1234 (2099), acting under Chapter VII",
        2: "the Council decided to extend the mandate.",
        3: "It also requested a report.",
    }
    assert found.footnotes[1].sentence.startswith("On 3 March")
