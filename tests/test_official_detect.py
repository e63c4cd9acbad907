"""Kinds recognised from content, forced with a kind, and bad input never raising."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire import official
from tests.test_official_akn import DRAFT
from tests.test_official_library import VETOES, page
from tests.test_official_texts import BODY, resolution
from tests.test_official_unxml import LINE, lines
from tests.test_official_vetoes_csv import CSV


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (lines(LINE), "unxml-resolutions"),
        (b"\xef\xbb\xbf" + lines(LINE), "unxml-resolutions"),
        (DRAFT, "akn4un"),
        (page(), "library-meetings"),
        ("ï»¿".encode() + page(), "library-meetings"),
        (VETOES, "library-vetoes"),
        (CSV, "vetoes-csv"),
        (b"# A README\n\nNothing here.", None),
        (b'{"name": "not a resolution"}\n', None),
        (b"<html><p>a page</p></html>", None),
        (b"", None),
    ],
)
def test_kind_from_content(data: bytes, kind: str | None) -> None:
    assert official.detect(data) == kind


def test_an_unknown_file_is_skipped_with_a_message() -> None:
    found = official.read_bytes(b"MIT License\n", "LICENSE")
    assert found.kind is None
    (finding,) = found.findings
    assert finding.code == "official-kind" and "skipped" in finding.message


def test_a_kind_can_be_forced_and_the_wrong_one_gives_findings() -> None:
    found = official.read_bytes(lines(LINE), "r.txt", kind="library-meetings")
    assert found.kind == "library-meetings"
    assert found.meetings == [] and found.findings
    with pytest.raises(ValueError, match="unknown kind"):
        official.read_bytes(b"", "x", kind="nonsense")


def test_a_missing_file_is_a_finding(tmp_path) -> None:
    found = official.read(tmp_path / "absent.jsonl")
    assert [f.code for f in found.findings] == ["official-io"]


def test_folders_are_walked_in_order_without_hidden_files(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.jsonl").write_bytes(lines(LINE))
    (tmp_path / "a.csv").write_bytes(CSV)
    (tmp_path / ".hidden").write_text("x")
    names = [p.name for p in official.files([tmp_path])]
    assert names == ["a.csv", "2.jsonl"]


SAMPLES = [lines(LINE), DRAFT, page(), VETOES, CSV]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SAMPLES), st.integers(0, 4000), st.binary(max_size=40))
def test_cut_or_spliced_files_never_raise(data: bytes, cut: int, noise: bytes) -> None:
    broken = data[: cut % (len(data) + 1)] + noise
    for kind in (None, *official.KINDS):
        found = official.read_bytes(broken, "broken", kind=kind)
        assert isinstance(found.findings, list)


def test_a_text_is_told_from_its_first_bytes(tmp_path: Path) -> None:
    files = {"text.xml": resolution(BODY), "draft.xml": DRAFT, "r.jsonl": lines(LINE)}
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    assert [official.looks_like_text(tmp_path / name) for name in files] == [True, False, False]
    assert official.detect(resolution(BODY)) == "akn4un-text"
    # Too little said in the bytes looked at, or no file at all: no text (the guess only
    # orders an import; the reader decides).
    assert not official.looks_like_text(tmp_path / "text.xml", size=40)
    assert not official.looks_like_text(tmp_path / "missing.xml")
