"""Write sections back in the Repertoire's form, as Markdown or as a printable HTML page.

    from repertoire.read.pipeline import parse_file
    from repertoire.render import render
    markdown = render(parse_file("mali-2023.txt"), "markdown")

The Markdown reads back through :func:`repertoire.read.pipeline.parse` into the
same records (spans aside); the HTML is a standalone page with its styles
inline. Every document symbol links to the UN document system.
"""

from __future__ import annotations

from typing import Literal

from repertoire.records import Document, Section
from repertoire.render.html import HtmlOptions, render_html, section_html
from repertoire.render.markdown import render_markdown
from repertoire.store.records import document_from_db, section_from_db, section_rows

Format = Literal["markdown", "html"]
FORMATS: tuple[Format, ...] = ("markdown", "html")


def render(item: Section | Document, fmt: Format = "markdown") -> str:
    """``item`` (one section or a whole document) as Markdown or as an HTML page."""
    if fmt == "markdown":
        return render_markdown(item)
    if fmt == "html":
        return render_html(item)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


__all__ = [
    "FORMATS",
    "Format",
    "HtmlOptions",
    "document_from_db",
    "render",
    "render_html",
    "render_markdown",
    "section_from_db",
    "section_html",
    "section_rows",
]
