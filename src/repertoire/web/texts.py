"""The texts of decisions in the explorer: a text with an anchor per paragraph, and a
section's pinpoints beside the paragraphs they cite, with the judge's verdicts."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from repertoire.read import pinpoints
from repertoire.records import Document, Section
from repertoire.store.judge import judge
from repertoire.store.merged import document
from repertoire.store.texts import has_texts, text_of
from repertoire.web import urls

_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")
# What each verdict is called on the page.
VERDICTS = {
    "supported": "supported",
    "doubtful": "another paragraph fits better",
    "missing": "no such paragraph",
    "not-held": "text not held",
}


def anchor(address: str) -> str:
    """The id of a paragraph's anchor: ``6 (b) (i)`` → ``para-6-b-i``."""
    return "para-" + _NOT_WORD.sub("-", address).strip("-")


def text(conn: sqlite3.Connection, symbol: str) -> dict[str, Any] | None:
    """The text of ``symbol`` as the page shows it, or None when it is not held."""
    if not has_texts(conn):
        return None
    found = text_of(conn, symbol)
    if found is None:
        return None
    paragraphs = []
    for paragraph in found.paragraphs:
        address = paragraph.address
        paragraphs.append(
            {
                "part": paragraph.part,
                "label": pinpoints.label_of(paragraph.part, address, found.kind)
                if address
                else None,
                "anchor": anchor(address) if address else None,
                "sub": paragraph.parent is not None,
                # A paragraph with points shows its own words; the points follow it.
                "text": _own_words(paragraph.text, found.paragraphs, address),
                "eid": paragraph.eid,
                "line": paragraph.line,
            }
        )
    return {
        "symbol": found.symbol,
        "kind": found.kind.replace("_", " "),
        "date": found.date,
        "record": found.record,
        "chapter_vii": found.chapter_vii,
        "unanimous": found.unanimous,
        "path": found.path,
        "document": document(found.path),
        "others": found.others,
        "url": urls.text(found.symbol),
        "paragraphs": paragraphs,
    }


def _own_words(words: str, paragraphs: list[Any], address: str | None) -> str:
    if address is None:
        return words
    children = [p.text for p in paragraphs if p.parent == address]
    if not children:
        return words
    first = words.find(children[0][:40]) if children[0] else -1
    return words[:first].rstrip() if first > 0 else words


def pinpointed(conn: sqlite3.Connection, section: Section, source: str) -> list[dict[str, Any]]:
    """Each pinpointed citation of a decision in ``section``, with the words it cites (none
    when the store holds none of the texts it cites: the page then says nothing of them)."""
    if not has_texts(conn):
        return []
    document = Document(source, [section])
    judgement = judge(document, conn)
    if not judgement.checked:
        return []  # none of the texts it cites is held: nothing to set beside its sentences
    sentences = {f.number: f.sentence for f in section.footnotes}
    rows = []
    for verdict in judgement.verdicts:
        rows.append(
            {
                "footnote": verdict.footnote,
                "sentence": sentences.get(verdict.footnote) or "",
                "clause": verdict.clause or "",
                "symbol": verdict.symbol,
                "pinpoint": verdict.pinpoint,
                "status": verdict.status,
                "verdict": VERDICTS.get(verdict.status, verdict.status),
                "message": verdict.message,
                "cited": [
                    {"label": label, "text": words, "url": _paragraph_url(verdict.symbol, label)}
                    for label, words in verdict.cited
                ],
                "better": (
                    {"label": verdict.better[0], "text": verdict.better[1]}
                    if verdict.better
                    else None
                ),
                "line": verdict.span.line,
            }
        )
    return rows


def _paragraph_url(symbol: str, label: str) -> str:
    references = pinpoints.read(label)
    if not references:
        return urls.text(symbol)
    kind = "presidential_statement" if symbol.startswith("S/PRST/") else "resolution"
    return urls.text(symbol, anchor(references[0].address(kind)))
