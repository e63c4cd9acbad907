"""The explorer as a Datasette plugin, registered in the serving process.

Datasette's plugin manager is process-wide, so the hooks act only on a
Datasette configured for the explorer (its metadata has the plugin's entry;
the routes are read when Datasette is built, before any database is added).
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

from repertoire.web.pages import meeting_url
from repertoire.web.views import DATABASE, PLUGIN, ROUTES

# Columns that hold a meeting record symbol, in the tables and the canned queries.
_RECORD_COLUMNS = frozenset({"record", "meeting_record"})


def _ours(datasette: Any) -> bool:
    return datasette.plugin_config(PLUGIN) is not None


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return list(ROUTES) if _ours(datasette) else []


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    if not _ours(datasette):
        return []
    return [
        {"href": "/-/repertoire", "label": "Repertoire explorer"},
        {"href": "/-/charts", "label": "Charts"},
        {"href": "/-/disagreements", "label": "Disagreements between sources"},
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
    if not _ours(datasette) or database != DATABASE or column not in _RECORD_COLUMNS:
        return None
    if not isinstance(value, str) or not value.upper().startswith("S/PV."):
        return None
    return Markup(f'<a href="{escape(meeting_url(value))}">{escape(value)}</a>')
