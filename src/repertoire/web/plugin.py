"""The explorer as a Datasette plugin: documented hooks only.

Found through the package's ``datasette`` entry point, or registered by
:func:`repertoire.web.make_datasette` when run from a source tree. Datasette's
plugin manager is process-wide, so the hooks act only on a Datasette
configured for the explorer (its metadata has the plugin's entry; the routes
are read when Datasette is built, before any database is added).
"""

from __future__ import annotations

import asyncio
import re
import weakref
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from datasette import Request, Response, hookimpl
from markupsafe import Markup, escape

from repertoire.store.migrations import add_functions
from repertoire.web import urls
from repertoire.web.views import DATABASE, PLUGIN, ROUTES, Kept, store_state

# Columns that hold a meeting record symbol, in the tables and the canned queries.
_RECORD_COLUMNS = frozenset({"record", "meeting_record"})

# A page of Datasette's larger than this is sent as it is made, not kept (a whole table
# as CSV, say).
LARGEST_KEPT = 2 << 20
# What a page of Datasette's is made from besides its address and the store: the host
# (its links are absolute) and who asks (an authentication plugin reads these).
_ASKER_HEADERS = frozenset({b"host", b"cookie", b"authorization"})
# Parameters whose answer is not the store's alone: a visitor's own SQL may ask for the
# time or a random number, and a trace is of this request.
_UNKEPT_PARAMETERS = frozenset({"sql", "_trace"})
# A canned query's magic parameter (":_now_epoch", ":_actor_id", ":_header_x"): its
# answer depends on the moment or on the request.
_MAGIC = re.compile(r":_\w*_")
# A page whose facets ran out of time is not what the store holds: made again next time.
_FACETS_TIMED_OUT = re.compile(rb'class="facets-timed-out"|"facets_timed_out": \["')


@dataclass(frozen=True, slots=True)
class _Answer:
    """An answer as sent: its status, headers and body."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


# Datasette's own pages of the store, per server (see _keeping), and those being made, each
# with the state of the store it is made from.
_ANSWERS: weakref.WeakKeyDictionary[Any, Kept[_Answer]] = weakref.WeakKeyDictionary()
_MAKING: weakref.WeakKeyDictionary[
    Any, dict[Hashable, tuple[Any, asyncio.Future[_Answer | None]]]
] = weakref.WeakKeyDictionary()


def _ours(datasette: Any) -> bool:
    return datasette.plugin_config(PLUGIN) is not None


@hookimpl
def prepare_connection(conn: Any) -> None:
    """The store's SQL functions on every connection, for the pages' and canned queries."""
    add_functions(conn)


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return list(ROUTES) if _ours(datasette) else []


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    """Only reading is asked of the store's pages: another method is 405, not an error page.

    (Datasette 0.65 answers a POST to a canned query that writes nothing with a server error.)
    And an address that no route matches is 404 even when Datasette's own error page
    fails: 0.65 prints that 404's traceback with rich outside any ``except`` block,
    which rich refuses with a ValueError before a byte of the answer is sent. Datasette's
    pages of the store are kept per state of the store (:func:`_keeping`).
    """
    if not _ours(datasette):
        return None
    prefix = f"/{DATABASE}"
    canned = datasette.metadata("queries", database=DATABASE) or {}
    timely = frozenset(
        f"{prefix}/{name}"
        for name, query in canned.items()
        if _MAGIC.search(query["sql"] if isinstance(query, dict) else query)
    )

    def wrap(app: Any) -> Any:
        async def reading_only(scope: dict[str, Any], receive: Any, send: Any) -> None:
            path = scope.get("path", "")
            stores = path == prefix or path.startswith((prefix + "/", prefix + "."))
            if (
                scope.get("type") == "http"
                and scope.get("method", "GET") not in ("GET", "HEAD", "OPTIONS")
                and stores
            ):
                await _refuse(send)
                return
            started = False

            async def sending(message: dict[str, Any]) -> None:
                nonlocal started
                started = started or message.get("type") == "http.response.start"
                await send(message)

            try:
                if stores and path.rsplit(".", 1)[0] not in timely:
                    await _keeping(datasette, app, scope, receive, sending)
                else:
                    await app(scope, receive, sending)
            except ValueError:
                if started or scope.get("type") != "http":
                    raise
                await _not_found(datasette, scope, receive, send)

        return reading_only

    return wrap


def _key(scope: dict[str, Any]) -> tuple[Any, ...] | None:
    """What a GET of one of the store's pages is made from besides the store (None for a
    request whose answer is not to be kept)."""
    if scope.get("type") != "http" or scope.get("method") != "GET":
        return None
    query: bytes = scope.get("query_string", b"")
    asked = {name for name, _ in parse_qsl(query.decode("latin-1"), keep_blank_values=True)}
    if asked & _UNKEPT_PARAMETERS:
        return None
    asker = tuple(
        (name, value) for name, value in scope.get("headers", ()) if name in _ASKER_HEADERS
    )
    return scope.get("path", ""), query, asker


async def _keeping(
    datasette: Any, app: Any, scope: dict[str, Any], receive: Any, send: Any
) -> None:
    """Datasette's pages of the store (tables, rows, canned queries) made once per address,
    asker and state of the store, as the explorer's own pages are.

    The store changes only at a load or an import, whose commits change its state; a table
    page costs Datasette a dozen queries and rendering every cell, each step a wait on a
    busy server. A page asked for again while it is being made waits for it rather than
    making it too (as every client would after a load).
    """
    key = _key(scope)
    if key is None:
        await app(scope, receive, send)
        return
    state = await store_state(datasette)
    answers = _ANSWERS.setdefault(datasette, Kept())
    making = _MAKING.setdefault(datasette, {})
    answer = answers.get(key, state)
    if answer is None and (underway := making.get(key)) is not None and underway[0] == state:
        # Shielded: a client that goes away stops waiting, not the making.
        answer = await asyncio.shield(underway[1])
    if answer is not None:
        await send(
            {"type": "http.response.start", "status": answer.status, "headers": answer.headers}
        )
        await send({"type": "http.response.body", "body": answer.body})
        return
    made: asyncio.Future[_Answer | None] = asyncio.get_running_loop().create_future()
    making[key] = (state, made)
    status = 0
    headers: list[tuple[bytes, bytes]] = []
    parts: list[bytes] = []
    size = 0
    keep = True

    async def sending(message: dict[str, Any]) -> None:
        nonlocal status, headers, size, keep
        if message["type"] == "http.response.start":
            status, headers = message["status"], list(message.get("headers", []))
            # A cookie set is for this visitor only; an error may be the machine's, not the store's.
            keep = status == 200 and all(name.lower() != b"set-cookie" for name, _ in headers)
        elif message["type"] == "http.response.body" and keep:
            body = message.get("body", b"")
            parts.append(body)
            size += len(body)
            keep = size <= LARGEST_KEPT
            if not keep:
                parts.clear()
            elif not message.get("more_body", False):
                whole = b"".join(parts)
                if not _FACETS_TIMED_OUT.search(whole):
                    whole_answer = _Answer(status, headers, whole)
                    answers.put(key, state, whole_answer, size)
                    made.set_result(whole_answer)
        await send(message)

    try:
        await app(scope, receive, sending)
    finally:
        if not made.done():
            made.set_result(None)  # not to be kept: those waiting make their own
        if making.get(key, (None, None))[1] is made:
            del making[key]


async def _not_found(datasette: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Datasette's error page (or JSON) for an address no route matches."""
    request = Request(scope, receive)
    info = {"ok": False, "error": "Not found", "status": 404, "title": None}
    if request.path.endswith(".json"):
        response = Response.json(info, status=404)
    else:
        html = await datasette.render_template(["404.html", "error.html"], info, request=request)
        response = Response.html(html, status=404)
    await response.asgi_send(send)


async def _refuse(send: Any) -> None:
    body = b"Method not allowed: the explorer only reads the store.\n"
    await send(
        {
            "type": "http.response.start",
            "status": 405,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"allow", b"GET, HEAD"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    if not _ours(datasette):
        return []
    return [
        {"href": urls.home(), "label": "Repertoire explorer"},
        {"href": urls.charts(), "label": "Charts"},
        {"href": urls.disagreements(), "label": "Disagreements between sources"},
    ]


@hookimpl
def extra_css_urls(
    template: Any,
    database: Any,
    table: Any,
    columns: Any,
    view_name: Any,
    request: Any,
    datasette: Any,
) -> list[str]:
    return ["/repertoire-static/explorer.css"] if _ours(datasette) else []


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: Any, database: str, datasette: Any
) -> Markup | None:
    """A meeting record links to the meeting's page, in every table and query."""
    # Called for every cell of every table page: the column, cheap to test, comes first
    # (whether the server is ours takes a walk through its metadata).
    if column not in _RECORD_COLUMNS or database != DATABASE or not _ours(datasette):
        return None
    if not isinstance(value, str) or not value.upper().startswith("S/PV."):
        return None
    return Markup(f'<a href="{escape(urls.meeting(value))}">{escape(value)}</a>')


@hookimpl
def extra_template_vars(datasette: Any) -> dict[str, Any]:
    """The explorer's addresses in every template, so that no template spells one."""
    return {"explorer_urls": urls} if _ours(datasette) else {}
