"""The explorer's texts of decisions: a text with an anchor per paragraph, and a section's
pinpoints beside the paragraphs they cite, with their verdicts."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

pytest.importorskip("datasette")

from repertoire.store import load
from repertoire.store.official import import_official
from repertoire.web import make_datasette
from tests.factory import section
from tests.test_texts_judge import FOOTNOTES, NARRATIVE, TEXTS


def get(datasette: Any, path: str) -> Any:
    return asyncio.run(datasette.client.get(path))


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("texts")
    folder = work / "texts"
    folder.mkdir()
    for name, data in TEXTS.items():
        (folder / name).write_bytes(data)
    db = work / "store.db"
    (work / "s.txt").write_text(section(year=2099, narrative=NARRATIVE, footnotes=FOOTNOTES))
    load([work / "s.txt"], db)
    import_official([folder], db)
    return make_datasette(db)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_text_has_an_anchor_per_paragraph(ds: Any) -> None:
    response = get(ds, "/-/text/S/RES/1234%20(2099)")
    assert response.status_code == 200
    html = response.text
    assert 'id="para-1"' in html and 'id="para-4-b"' in html and 'id="para-preamble-2"' in html
    page = _text(html)
    assert "para. 1 Decides to extend the mandate of the Mission" in page
    assert "second preambular paragraph Acting under Chapter VII" in page
    # The file by its name, not by its place on the server.
    assert re.search(r"read from [^/\s]+\.xml", page) and "read from texts/" not in page
    # No file of the Council's record states the decision: no link to a page of it.
    assert "What each source states of it" not in page


def test_a_text_not_held_is_not_found(ds: Any) -> None:
    assert get(ds, "/-/text/S/RES/9999%20(2099)").status_code == 404


def test_the_section_shows_each_pinpoint_beside_its_words(ds: Any) -> None:
    html = get(ds, "/-/section/1").text
    blocks = re.findall(
        r'<details class="rp-pinpoint rp-verdict-([a-z-]+)" data-footnote="(\d+)"', html
    )
    assert dict((int(n), v) for v, n in blocks) == {
        1: "supported",
        2: "supported",
        3: "supported",
        4: "doubtful",
        5: "missing",
        6: "supported",
        7: "missing",
        8: "not-held",
        9: "supported",
        10: "supported",
        11: "supported",
        12: "supported",
    }
    first = html[html.index('data-footnote="1"') :]
    first = _text(first[: first.index("</details>")])
    assert "the Council decided to extend the mandate" in first
    assert "para. 1 : Decides to extend the mandate of the Mission until 30 June 2100" in first
    assert 'href="/-/text/S/RES/1234%20(2099)#para-1"' in html
