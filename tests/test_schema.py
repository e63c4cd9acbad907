"""The shipped JSON Schema is current and the sample's record validates against it."""

from __future__ import annotations

import jsonschema
import pytest

from repertoire import parse
from repertoire.records import Document
from repertoire.schema import record_schema, shipped
from tests import variations


def test_shipped_schema_is_current() -> None:
    assert shipped() == record_schema(), "regenerate: python -m repertoire.schema > …"


def test_sample_record_validates(sample_doc: Document) -> None:
    jsonschema.Draft202012Validator(shipped()).validate(sample_doc.to_dict())


def test_schema_rejects_a_wrong_record(sample_doc: Document) -> None:
    data = sample_doc.to_dict()
    data["sections"][0]["meetings"][0]["date"] = 20230127
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, shipped())


def test_variations_validate(sample_text: str) -> None:
    validator = jsonschema.Draft202012Validator(shipped())
    for vary in (variations.pipe_table, variations.footnotes_at_end):
        validator.validate(parse(vary(sample_text)).to_dict())
