"""Every address of the explorer's own pages, built in one place.

    >>> meeting("S/PV.1234")
    '/-/meeting/S/PV.1234'
    >>> decision("S/RES/1 (2099)")
    '/-/decision/S/RES/1%20(2099)'

Each kind of page has one function, which quotes its key once: a symbol keeps
its slashes (they read as the symbol's parts), a State's name keeps none (a
name with a slash is still one page; a decision's brackets stay
readable). Pages, template contexts and the links
the renderer makes into the explorer all take their addresses from here, so
the routes of :mod:`repertoire.web.views` and the links cannot drift apart.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from repertoire.read import symbols

PREFIX = "/-/"


def route(pattern: str) -> str:
    """The regular expression of a route whose path, after the prefix, matches ``pattern``."""
    return f"^{re.escape(PREFIX)}{pattern}$"


def home() -> str:
    return f"{PREFIX}repertoire"


def states() -> str:
    """The home page's list of States."""
    return f"{home()}#states"


def section(section_id: int) -> str:
    return f"{PREFIX}section/{int(section_id)}"


def footnote(section_id: int, number: int) -> str:
    """A footnote of a section, at its place in the section's page."""
    return f"{section(section_id)}#fn-{number}"


def section_markdown(section_id: int) -> str:
    return f"{section(section_id)}.md"


def meeting(record: str) -> str:
    return f"{PREFIX}meeting/" + quote(record, safe="/")


def meeting_or_document(record: str) -> str:
    """The page of a meeting named by its record (``S/PV.…``); the UN document system's
    address of any other document that records a meeting (a letter, for a meeting held
    by videoconference), which has no page here."""
    if record.strip().upper().startswith("S/PV."):
        return meeting(record)
    return symbols.url(record)


def state(name: str) -> str:
    return f"{PREFIX}state/" + quote(name, safe="")


def decision(symbol: str) -> str:
    return f"{PREFIX}decision/" + quote(symbol, safe="/()")


def text(symbol: str, anchor: str | None = None) -> str:
    """A decision's full text, at the paragraph ``anchor`` when given."""
    address = f"{PREFIX}text/" + quote(symbol, safe="/()")
    return f"{address}#{anchor}" if anchor else address


def charts(name: str | None = None) -> str:
    """The charts page, at the chart ``name`` when given."""
    return f"{PREFIX}charts#{name}" if name else f"{PREFIX}charts"


def chart(name: str, form: str, size: str | None = None) -> str:
    """One chart as ``svg`` or ``json`` (Vega-Lite), in the width ``size`` when given."""
    address = f"{PREFIX}charts/" + quote(name, safe="") + "." + form
    return f"{address}?{urlencode({'size': size})}" if size else address


def disagreements(code: str | None = None, page: int | str | None = None) -> str:
    """The disagreements between sources, of one ``code`` and on one ``page`` when given.

    ``page=""`` leaves the page number to be appended (the pager's links).
    """
    query: dict[str, str | int] = {}
    if code:
        query["code"] = code
    if page is not None:
        query["page"] = page
    address = f"{PREFIX}disagreements"
    return f"{address}?{urlencode(query)}" if query else address
