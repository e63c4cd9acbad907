"""The same section, as other conversions write it, gives the same record."""

from __future__ import annotations

import pytest

from repertoire import parse
from tests import variations
from tests.conftest import record, without_spans


@pytest.mark.parametrize("vary", variations.ALL_SAME_RECORD, ids=lambda f: f.__name__)
def test_variation_gives_the_same_record(sample_text: str, vary) -> None:
    varied = vary(sample_text)
    assert varied != sample_text, "the variation must change the text"
    assert record(varied) == record(sample_text)


def test_variations_combined(sample_text: str) -> None:
    varied = variations.crlf(variations.pipe_table(variations.carets(sample_text)))
    assert record(varied) == record(sample_text)


def test_two_sections_one_file_footnotes_continue(sample_text: str) -> None:
    second = variations.renumber(sample_text, "12", "The situation in Somewhere", 34)
    document = parse(sample_text + "\n\n" + second)
    assert [s.number for s in document.sections] == ["11", "12"]
    assert document.sections[1].title == "The situation in Somewhere"
    first_numbers = [f.number for f in document.sections[0].footnotes]
    second_numbers = [f.number for f in document.sections[1].footnotes]
    assert second_numbers[0] == first_numbers[-1] + 1 + 1  # 443 is missing in the sample
    assert len(document.sections[1].meetings) == len(document.sections[0].meetings)
    one = without_spans(document.sections[0].to_dict())
    alone = without_spans(parse(sample_text).sections[0].to_dict())
    assert one == alone
