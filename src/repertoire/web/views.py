"""The explorer's pages as Datasette views (see :mod:`repertoire.web.plugin` for the routes).

Each view reads the database through Datasette's read-only connection and
renders one of the package's templates, which Datasette escapes; the only
HTML passed through unescaped is the rendered section, whose text
:mod:`repertoire.render.html` has escaped already.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, TypeVar
from urllib.parse import unquote

from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from repertoire.official.audit import AuditFinding
from repertoire.read.symbols import key as symbol_key
from repertoire.reference import states
from repertoire.render.html import SECTION_STYLE, HtmlOptions, section_html
from repertoire.render.markdown import render_markdown
from repertoire.store import audited
from repertoire.store.records import section_from_db
from repertoire.web import charts, official, pages, texts, urls

DATABASE = "repertoire"
PLUGIN = "repertoire-explorer"
T = TypeVar("T")
V = TypeVar("V")

# Charts per server and size, their data and their drawing, each with the state of the
# store it was made from (audited.state: it changes with every load or import).
_SPEC_CACHE: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], tuple[Any, dict[str, Any]]]] = (
    weakref.WeakKeyDictionary()
)
_SVG_CACHE: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], tuple[Any, str]]] = (
    weakref.WeakKeyDictionary()
)


# The audit's findings per server, with the state of the store they were worked out from.
_AUDIT_CACHE: weakref.WeakKeyDictionary[Any, tuple[Any, list[AuditFinding]]] = (
    weakref.WeakKeyDictionary()
)


# Bytes of pages kept per server and kind (see _kept, and plugin.asgi_wrapper for
# Datasette's own pages).
PAGES_KEPT_BYTES = 32 << 20


class Kept(Generic[V]):
    """Pages as served, each with the state of the store it was made from and its size in
    bytes; the least recently served go first once they take more than PAGES_KEPT_BYTES."""

    def __init__(self) -> None:
        self.pages: OrderedDict[Hashable, tuple[Any, V, int]] = OrderedDict()
        self.size = 0

    def get(self, key: Hashable, state: Any) -> V | None:
        found = self.pages.get(key)
        if found is None or found[0] != state:
            return None
        self.pages.move_to_end(key)
        return found[1]

    def put(self, key: Hashable, state: Any, page: V, size: int) -> None:
        if key in self.pages:
            self.size -= self.pages.pop(key)[2]
        self.pages[key] = (state, page, size)
        self.size += size
        while self.size > PAGES_KEPT_BYTES and self.pages:
            self.size -= self.pages.popitem(last=False)[1][2]


_PAGES: weakref.WeakKeyDictionary[Any, Kept[Response]] = weakref.WeakKeyDictionary()

View = Callable[[Any, Any], Awaitable[Any]]


def _kept(view: View) -> View:
    """A page made once per address and state of the store: it is made from nothing else,
    and the store changes only at a load or an import (its state says when)."""

    @functools.wraps(view)
    async def kept(datasette: Any, request: Any) -> Any:
        key = f"{request.path}?{request.query_string}"
        state = await store_state(datasette)
        pages = _PAGES.setdefault(datasette, Kept())
        page = pages.get(key, state)
        if page is None:
            made = await view(datasette, request)
            body = made.body.encode("utf-8") if isinstance(made.body, str) else made.body
            page = Response(body, made.status, dict(made.headers), made.content_type)
            pages.put(key, state, page, len(body))
        return Response(page.body, page.status, dict(page.headers), page.content_type)

    return kept


async def store_state(datasette: Any) -> Any:
    """The state of the store (:func:`repertoire.store.audited.state`): whatever is made from
    the store alone stays right while it is unchanged."""
    return await _read(datasette, audited.state)


def _database(datasette: Any) -> Any:
    return datasette.get_database(DATABASE)


async def _findings(datasette: Any) -> list[AuditFinding]:
    # Read again once a load or an import has changed the store: the findings its load or
    # import kept (audited afresh only when none are kept for what the store holds).
    state = await _read(datasette, audited.state)
    cached = _AUDIT_CACHE.get(datasette)
    if cached is not None and cached[0] == state:
        return cached[1]
    fresh = await _read(datasette, lambda conn: (audited.state(conn), audited.findings(conn)))
    _AUDIT_CACHE[datasette] = fresh
    return fresh[1]


async def _read(datasette: Any, read: Callable[[Any], T]) -> T:
    """``read(conn)`` in one read transaction, in Datasette's reading threads.

    Every query of a page sees one state of the store, even while a loader
    commits; nothing runs on the event loop, so a slow page stalls no other.
    """

    def snapshot(conn: Any) -> T:
        conn.execute("BEGIN")
        try:
            return read(conn)
        finally:
            conn.execute("ROLLBACK")

    return await _database(datasette).execute_fn(snapshot)


def _page_number(request: Any, name: str = "page") -> int:
    """``?page=N`` (1 when absent or not a page number)."""
    value = request.args.get(name, "1")
    return int(value) if value.isdecimal() and 0 < len(value) <= 6 and int(value) > 0 else 1


async def _page(
    datasette: Any, request: Any, template: str, context: dict[str, Any], status: int = 200
) -> Any:
    context = {"explorer_title": "Repertoire explorer", **context}
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


def _not_found(message: str) -> Exception:
    return NotFound(message)


async def home(datasette: Any, request: Any) -> Any:
    number = _page_number(request)
    data = await _read(datasette, lambda conn: pages.home(conn, number))
    context = {**data, "charts": list(charts.CHARTS.values()), "database": DATABASE}
    return await _page(datasette, request, "repertoire_home.html", context)


async def _section(datasette: Any, section_id: int) -> tuple[Any, list[Any], dict[str, Any]]:
    def read(conn: Any) -> tuple[Any, list[Any], dict[str, Any]] | None:
        head = pages.section_head(conn, section_id)
        if head is None:
            return None
        section, findings = section_from_db(conn, section_id)
        return section, findings, head

    found = await _read(datasette, read)
    if found is None:
        raise _not_found(f"No section {section_id}")
    return found


def _section_id(request: Any) -> int:
    text = request.url_vars["id"]
    # SQLite holds 64-bit ids: a longer number names no section (and would not convert).
    if len(text) > 18:
        raise _not_found(f"No section {text}")
    return int(text)


async def section(datasette: Any, request: Any) -> Any:
    section_id = _section_id(request)
    record, findings, head = await _section(datasette, section_id)
    every = [*record.findings, *findings]
    stored = await _read(
        datasette, lambda conn: pages.stored_meetings(conn, pages.cited_records(record))
    )

    def meeting_url(symbol: str) -> str | None:
        # The meeting's page when the store has it; otherwise the document system.
        return urls.meeting(symbol) if symbol_key(symbol) in stored else None

    options = HtmlOptions(meeting_url=meeting_url, findings=every, heading_level=1)
    # Rendered beside the event loop: a large section keeps no other request waiting.
    body = await asyncio.to_thread(section_html, record, options)
    pinpoints = await _read(
        datasette, lambda conn: texts.pinpointed(conn, record, head.get("document") or "")
    )
    context = {
        "head": head,
        "pinpoints": pinpoints,
        "section_body": Markup(body),  # escaped by the renderer
        "section_style": Markup(SECTION_STYLE),
        "findings": every,
        "markdown_url": urls.section_markdown(section_id),
    }
    return await _page(datasette, request, "repertoire_section.html", context)


async def section_markdown(datasette: Any, request: Any) -> Any:
    record, _, _ = await _section(datasette, _section_id(request))
    text = await asyncio.to_thread(render_markdown, record)
    return Response(text, content_type="text/markdown; charset=utf-8")


async def meeting(datasette: Any, request: Any) -> Any:
    record = unquote(request.url_vars["record"]).strip("/")
    copies = await _read(datasette, lambda conn: pages.meeting(conn, record))
    # A meeting no loaded section holds: as the merged record has it from the official files.
    merged = None if copies else await _read(datasette, lambda c: pages.merged_meeting(c, record))
    if not copies and merged is None:
        raise _not_found(f"No meeting {record} in the database")
    return await _page(
        datasette,
        request,
        "repertoire_meeting.html",
        {"record": record, "copies": copies, "merged": merged},
    )


async def state(datasette: Any, request: Any) -> Any:
    name = unquote(request.url_vars["name"])
    number = _page_number(request)
    data = await _read(datasette, lambda conn: pages.state(conn, name, number))
    if data is None:
        hint = states.suggest(name)
        context = {
            "heading": "No such State",
            "message": f"“{name}” is neither a State in the reference list nor a name in the "
            "store.",
            "suggestions": [{"name": hint, "url": urls.state(hint)}] if hint else [],
            "links": [{"url": urls.states(), "label": "every State in the store"}],
        }
        return await _page(datasette, request, "repertoire_not_found.html", context, status=404)
    record = await _read(
        datasette,
        lambda conn: official.state_record(
            conn,
            data["name"],
            _page_number(request, "votes_page"),
            _page_number(request, "vetoes_page"),
        ),
    )
    return await _page(
        datasette, request, "repertoire_state.html", {"state": data, "official": record}
    )


async def decision(datasette: Any, request: Any) -> Any:
    symbol = unquote(request.url_vars["symbol"]).strip("/")
    findings = await _findings(datasette)
    data = await _read(datasette, lambda conn: official.decision(conn, symbol, findings))
    if data is None:
        context = {
            "heading": "No such decision",
            "message": f"No source in the store states “{symbol}”.",
            "suggestions": [],
            "links": [{"url": urls.disagreements(), "label": "disagreements between sources"}],
        }
        return await _page(datasette, request, "repertoire_not_found.html", context, status=404)
    held = await _read(datasette, lambda conn: texts.text(conn, symbol))
    return await _page(datasette, request, "repertoire_decision.html", {"d": data, "t": held})


async def decision_text(datasette: Any, request: Any) -> Any:
    symbol = unquote(request.url_vars["symbol"]).strip("/")
    held = await _read(datasette, lambda conn: texts.text(conn, symbol))
    if held is None:
        missing: dict[str, Any] = {
            "heading": "No such text",
            "message": f"No text of “{symbol}” is stored: import the texts of decisions.",
            "suggestions": [],
            "links": [],
        }
        return await _page(datasette, request, "repertoire_not_found.html", missing, status=404)
    # The decision's page where a source states the decision (a text may be all there is).
    page = await _read(datasette, lambda conn: official.stated(conn, held["symbol"]))
    context: dict[str, Any] = {
        "t": held,
        "decision_url": urls.decision(held["symbol"]) if page else None,
    }
    return await _page(datasette, request, "repertoire_text.html", context)


async def disagreements(datasette: Any, request: Any) -> Any:
    findings = await _findings(datasette)
    code = request.args.get("code") or None
    data = official.disagreements(findings, code, _page_number(request))
    return await _page(datasette, request, "repertoire_disagreements.html", data)


async def charts_page(datasette: Any, request: Any) -> Any:
    return await _page(
        datasette, request, "repertoire_charts.html", {"charts": list(charts.CHARTS.values())}
    )


def _chart(name: str) -> charts.Chart:
    chart = charts.CHARTS.get(name)
    if chart is None:
        raise _not_found(f"No chart called {name}")
    return chart


def _size(request: Any) -> str:
    """``?size=narrow`` for the phone-sized chart; anything else is the wide one."""
    size = request.args.get("size", "wide")
    return size if size in charts.WIDTHS else "wide"


async def _chart_data(datasette: Any, chart: charts.Chart, size: str) -> tuple[Any, dict[str, Any]]:
    """The chart's data, and the state of the store it was made from: made again only once
    a load or an import has changed the store."""
    cache = _SPEC_CACHE.setdefault(datasette, {})
    state = await _read(datasette, audited.state)
    key = (chart.name, size)
    if key not in cache or cache[key][0] != state:
        cache[key] = await _read(
            datasette, lambda conn: (audited.state(conn), chart.build(conn, size))
        )
    return cache[key]


async def chart_svg(datasette: Any, request: Any) -> Any:
    chart = _chart(request.url_vars["name"])
    size = _size(request)
    made, spec = await _chart_data(datasette, chart, size)
    cache = _SVG_CACHE.setdefault(datasette, {})
    key = (chart.name, size)
    if key not in cache or cache[key][0] != made:
        cache[key] = (made, await asyncio.to_thread(charts.svg, spec))
    return Response(
        cache[key][1],
        content_type="image/svg+xml; charset=utf-8",
        headers={"Content-Security-Policy": "script-src 'none'"},
    )


async def chart_spec(datasette: Any, request: Any) -> Any:
    chart = _chart(request.url_vars["name"])
    _, spec = await _chart_data(datasette, chart, _size(request))
    return Response.json(spec)


ROUTES = [
    (urls.route(r"repertoire"), _kept(home)),
    (urls.route(r"section/(?P<id>\d+)\.md"), _kept(section_markdown)),
    (urls.route(r"section/(?P<id>\d+)"), _kept(section)),
    (urls.route(r"meeting/(?P<record>.+)"), _kept(meeting)),
    (urls.route(r"state/(?P<name>[^/]+)"), _kept(state)),
    (urls.route(r"decision/(?P<symbol>.+)"), _kept(decision)),
    (urls.route(r"text/(?P<symbol>.+)"), _kept(decision_text)),
    (urls.route(r"disagreements"), _kept(disagreements)),
    (urls.route(r"charts"), charts_page),
    (urls.route(r"charts/(?P<name>[a-z-]+)\.svg"), chart_svg),
    (urls.route(r"charts/(?P<name>[a-z-]+)\.json"), chart_spec),
]
