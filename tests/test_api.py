"""The Python API as a Python user expects it: short reprs, real dates, named tallies,
iterators over the whole document, Arrow and pandas tables, errors for missing files."""

from __future__ import annotations

import builtins
import datetime as dt
import json
from pathlib import Path

import pytest

import repertoire
from repertoire import samples
from repertoire.records import Document


def test_reprs_are_short(sample_doc: Document) -> None:
    assert repr(sample_doc) == "Document('sample.txt', 1 section, 6 meetings, 3 findings)"
    section = sample_doc.sections[0]
    assert repr(section) == (
        "Section('11. The situation in Mali', 2023, 16 paragraphs, 33 footnotes, 6 meetings)"
    )
    assert repr(section.meetings[5]) == "Meeting('S/PV.9408', 2023-08-30, adoption, 2 decisions)"
    assert repr(section.meetings[5].decisions[0]) == (
        "Decision('S/2023/638', draft_resolution, not adopted, 13-1-1, "
        "vetoed by Russian Federation)"
    )
    assert repr(section.meetings[5].decisions[0].vote) == "Vote(13-1-1)"
    assert repr(section.footnote(416)).startswith("Footnote(416, '")
    for item in (sample_doc, section, *section.meetings, *section.footnotes, *section.paragraphs):
        assert len(repr(item)) < 200


def test_meeting_date_is_a_date_and_json_keeps_iso_strings(sample_doc: Document) -> None:
    meeting = sample_doc.sections[0].meetings[0]
    assert meeting.date == dt.date(2023, 1, 27)
    assert meeting.date_text == "27 January"
    data = sample_doc.to_dict()
    first = data["sections"][0]["meetings"][0]
    assert first["date"] == "2023-01-27" and first["date_text"] == "27 January"
    json.dumps(data)  # plain JSON, no date objects left


def test_named_tallies(sample_doc: Document) -> None:
    vote = sample_doc.sections[0].meetings[5].decisions[0].vote
    assert vote is not None
    assert (vote.in_favour, vote.against, vote.abstaining) == (13, 1, 1)
    assert str(vote) == "13-1-1"
    assert vote.to_dict() == {"for": 13, "against": 1, "abstaining": 1}


def test_iterators_over_the_whole_document(sample_doc: Document) -> None:
    assert [m.record for m in sample_doc.meetings][:2] == ["S/PV.9251", "S/PV.9302"]
    assert [d.symbol for d in sample_doc.decisions] == [
        "S/RES/2690 (2023)",
        "S/2023/638",
        "S/2023/639",
    ]
    votes = list(sample_doc.votes)
    assert len(votes) == 45
    (veto,) = [v for v in votes if v.veto]
    assert (veto.member, veto.vote, veto.decision.symbol) == (
        "Russian Federation",
        "N",
        "S/2023/638",
    )
    assert veto.meeting.record == "S/PV.9408"


def test_arrow_tables(sample_doc: Document) -> None:
    import pyarrow as pa

    decisions = sample_doc.to_arrow("decisions")
    assert decisions.num_rows == 3
    assert decisions.schema.field("date").type == pa.date32()
    assert decisions.schema.field("vetoed_by").type == pa.list_(pa.string())
    assert decisions.column("vetoed_by").to_pylist() == [[], ["Russian Federation"], []]
    assert decisions.column("adopted").to_pylist() == [True, False, False]
    assert sample_doc.to_arrow("votes").num_rows == 45
    assert sample_doc.to_arrow("meetings").num_rows == 6
    assert sample_doc.to_arrow("findings").column("code").to_pylist() == [
        "position-separator",
        "position-separator",
        "footnote-undefined",
    ]
    with pytest.raises(ValueError, match="the tables are: meetings, decisions"):
        sample_doc.to_arrow("nope")


def test_pandas_table(sample_doc: Document) -> None:
    pytest.importorskip("pandas")
    frame = sample_doc.to_pandas("votes")
    assert len(frame) == 45
    assert frame.groupby("vote").size().to_dict() == {"A": 14, "N": 2, "Y": 29}


def test_pandas_missing_is_a_clear_import_error(
    sample_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"pip install 'repertoire\[pandas\]'"):
        sample_doc.to_pandas("votes")


def test_parse_file_raises_for_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        repertoire.parse_file(tmp_path / "missing.txt")
    with pytest.raises(IsADirectoryError):
        repertoire.parse_file(tmp_path)
    assert repertoire.parse_file(samples.path()).sections


def test_cli_still_reports_a_missing_path(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from repertoire.cli import main

    result = CliRunner().invoke(main, ["parse", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: cannot read ")
    assert "No such file or directory" in result.output
