"""The explorer as a Datasette plugin: documented hooks only.

Found through the package's ``datasette`` entry point, or registered by
:func:`repertoire.web.make_datasette` when run from a source tree. Datasette's
plugin manager is process-wide, so the hooks act only on a Datasette
configured for the explorer (its metadata has the plugin's entry; the routes
are read when Datasette is built, before any database is added).
"""

from __future__ import annotations

from typing import Any

from datasette import Request, Response, hookimpl
from markupsafe import Markup, escape

from repertoire.store.migrations import add_functions
from repertoire.web import urls
from repertoire.web.views import DATABASE, PLUGIN, ROUTES

# Columns that hold a meeting record symbol, in the tables and the canned queries.
_RECORD_COLUMNS = frozenset({"record", "meeting_record"})


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
    which rich refuses with a ValueError before a byte of the answer is sent.
    """
    if not _ours(datasette):
        return None
    prefix = f"/{DATABASE}"

    def wrap(app: Any) -> Any:
        async def reading_only(scope: dict[str, Any], receive: Any, send: Any) -> None:
            path = scope.get("path", "")
            if (
                scope.get("type") == "http"
                and scope.get("method", "GET") not in ("GET", "HEAD", "OPTIONS")
                and (path == prefix or path.startswith((prefix + "/", prefix + ".")))
            ):
                await _refuse(send)
                return
            started = False

            async def sending(message: dict[str, Any]) -> None:
                nonlocal started
                started = started or message.get("type") == "http.response.start"
                await send(message)

            try:
                await app(scope, receive, sending)
            except ValueError:
                if started or scope.get("type") != "http":
                    raise
                await _not_found(datasette, scope, receive, send)

        return reading_only

    return wrap


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
