"""Commands of the store: load files into SQLite, ask it questions, export it.

Every command opens the database given by ``--db`` (default ``repertoire.db``,
or the REPERTOIRE_DB environment variable), calls one function of
``repertoire.store`` and prints the rows as a table, CSV or JSON.

Why one module of this length: it is one thin command per question of
:mod:`repertoire.store.queries`, each parsing its options and calling one function;
they share the options (``--db``, ``--format``, ``--limit``, ``--source``, ``--since``
and ``--until``), the handling of the store's errors and the printing of rows.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from repertoire.cli import output, summary
from repertoire.cli.read import shown_path
from repertoire.records import printable
from repertoire.store import DEFAULT_DB, StoreError, UnreadableFile, open_db, queries
from repertoire.store.export import FORMATS
from repertoire.store.export import export as export_tables
from repertoire.store.load import LoadReport, text_files
from repertoire.store.load import load as load_files
from repertoire.store.sources import SOURCES

F = TypeVar("F", bound=Callable[..., Any])

# A year as the store holds it: larger numbers would not even convert to SQLite's integers.
YEAR = click.IntRange(1, 9999)
# Past this many files a progress bar is worth its noise.
PROGRESS_AFTER = 3
# Rows printed unless --limit says otherwise: a page, as a terminal can show.
DEFAULT_LIMIT = 100


def store_errors(func: F) -> F:
    """Turn the store's errors into a one-line message and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UnreadableFile as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(f"database error: {exc}") from None

    return wrapper  # type: ignore[return-value]


db_option = click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="REPERTOIRE_DB",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite database file (also REPERTOIRE_DB).",
)
format_option = output.format_option(" JSON is an array of objects (docs/store.md).")


source_option = click.option(
    "--source",
    metavar="SOURCE",
    help=f"Only what this source states: {', '.join(SOURCES)} [default: every source].",
)
since_option = click.option("--since", type=YEAR, metavar="YEAR", help="Only from this year on.")
until_option = click.option("--until", type=YEAR, metavar="YEAR", help="Only up to this year.")


def limit_option(default: int) -> Callable[[F], F]:
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=default,
        show_default=True,
        help="Print at most this many rows (0: all).",
    )


def years_options(year_help: str) -> Callable[[F], F]:
    """``--year``, ``--since`` and ``--until``."""

    def decorate(func: F) -> F:
        return click.option("--year", type=YEAR, help=year_help)(since_option(until_option(func)))

    return decorate


def question_options(
    default_limit: int, source: bool = True, fmt: Callable[[Any], Any] = format_option
) -> Callable[[F], F]:
    """What every question of the store takes, ``--source`` (unless ``source`` is false),
    ``--db``, ``--format`` and ``--limit``, and its errors said as messages."""

    def decorate(func: F) -> F:
        options = db_option(fmt(limit_option(default_limit)(store_errors(func))))
        return source_option(options) if source else options

    return decorate


# Columns of running text, which a table may wrap; every other column is kept on one line.
_PROSE = frozenset(
    {
        "sentence",
        "snippet",
        "context",
        "item",
        "sub_items",
        "name",
        "on_behalf_of",
        "vetoed_by",
        "message",
    }
)


# Lists of names: each name stays whole on a line of its own.
_NAMES = frozenset({"vetoed_by", "on_behalf_of"})


# The columns a terminal table shows; TSV, CSV and JSON carry every field.
TABLE_COLUMNS = {
    "meetings": ["record", "date", "kind", "item", "sub_items", "decisions", "speakers", "sources"],
    "votes": ["record", "date", "symbol", "adopted", "tally", "vetoed_by", "sources"],
    "member_votes": ["member_vote"],
    "speakers": ["record", "date", "name", "basis", "spoke", "on_behalf_of"],
    "positions": ["record", "date", "footnote", "delegation", "through", "sentence"],
    "cites": ["document", "line", "place", "footnote", "pinpoint", "context"],
    "search": ["document", "line", "kind", "number", "snippet"],
    "alignment": ["member_a", "member_b", "votes", "alike", "share"],
    "alignment_by_year": ["year", "member_a", "member_b", "votes", "alike", "share"],
    "findings": ["place", "severity", "code", "message"],
}


def _table_cell(row: dict[str, Any], name: str) -> Text | str:
    """A cell for the terminal: stored text as text, never rich markup or control codes."""
    if name == "place":
        return Text(printable(f"{row['document']}:{row['line']}:{row['col']}"))
    if name == "tally":
        counts = [row.get(k) for k in ("votes_for", "votes_against", "votes_abstaining")]
        return "" if counts[0] is None else "-".join(str(c) for c in counts)
    raw = row.get(name)
    if isinstance(raw, list):
        # One item a line: a name is never broken across lines.
        return Text(printable("\n".join(output.text(item) for item in raw)))
    value = printable(output.text(raw))
    if name in ("snippet", "context"):
        marked = (
            escape(value)
            .replace(queries.SNIPPET_OPEN, "[bold yellow]")
            .replace(queries.SNIPPET_CLOSE, "[/bold yellow]")
        )
        return Text.from_markup(marked)
    return Text(value)


def emit(
    rows: list[dict[str, Any]],
    fmt: str | None,
    title: str,
    query: str,
    extra: str | None = None,
    limit: int = 0,
) -> None:
    """Print the rows of ``query`` (plus the ``extra`` fields) in the chosen format."""
    fmt = output.chosen(fmt)
    if limit and len(rows) >= limit:
        # On standard error, so that what goes to standard output stays clean.
        click.echo(f"(the first {limit} rows; --limit 0 prints all)", err=True)
    kinds = [query, extra] if extra else [query]
    names = list(rows[0]) if rows else [c for k in kinds for c in queries.COLUMNS[k]]
    if output.write_for_programs(rows, names, fmt):
        return
    console = Console()
    if not rows:
        console.print(f"No {title.lower()} found.")
        return
    shown = [c for k in kinds for c in TABLE_COLUMNS[k]]
    cells = [[_table_cell(row, n) for n in shown] for row in rows]
    console.print(
        output.table_or_blocks(
            console, f"{title} ({len(rows)})", shown, cells, prose=_PROSE, whole_lines=_NAMES
        )
    )


def _limit(value: int) -> int | None:
    return value or None


@click.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--strict", is_flag=True, help="Refuse a document whose findings include errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the load report as JSON.")
@store_errors
def load(files: tuple[Path, ...], db: Path, strict: bool, as_json: bool) -> None:
    """Load Repertoire section files into the database.

    A folder stands for the text files under it (*.txt, *.md, *.markdown), at any
    depth, in the order of their paths; hidden files and folders are left out.
    Loading the same file again changes nothing; a file whose bytes changed
    replaces its earlier rows. Each file is loaded in one transaction.

    \b
    Example: repertoire load part-1/*.txt --db repertoire.db
    Example: repertoire load sections/ --db repertoire.db
    """
    paths = text_files(files)  # a folder's files counted before any progress is shown
    try:
        if len(paths) > PROGRESS_AFTER and not as_json:
            with output.progress("Loading", len(paths)) as advance:
                report = load_files(paths, db, strict=strict, progress=advance)
        else:
            report = load_files(paths, db, strict=strict)
    except StoreError as error:
        # Loading stopped part-way: what was loaded before is still said.
        if isinstance(error.report, LoadReport) and error.report.documents:
            summary.print_load_report(error.report)
        raise
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        summary.print_load_report(report)
    failed, rejected = report.by_status("failed"), report.by_status("rejected")
    if failed or rejected:
        sys.exit(2 if failed else 1)


@click.command("meetings")
@years_options("Only meetings held in this year.")
@click.option("--item", metavar="TEXT", help="Only meetings whose item or sub-item contains TEXT.")
@question_options(DEFAULT_LIMIT)
def meetings(
    year: int | None,
    since: int | None,
    until: int | None,
    item: str | None,
    source: str | None,
    db: Path,
    fmt: str | None,
    limit: int,
) -> None:
    """List meetings in date order, each once with the sources that list it.

    \b
    Example: repertoire meetings --year 2023 --item Somewhere --format json
    """
    with open_db(db) as conn:
        rows = queries.meetings(
            conn,
            year=year,
            item=item,
            limit=_limit(limit),
            source=source,
            since=since,
            until=until,
        )
    emit(rows, fmt, "Meetings", "meetings", limit=limit)


@click.command("votes")
@click.option("--member", metavar="NAME", help="Show how this member voted (aliases work).")
@click.option("--vetoes", is_flag=True, help="Only decisions vetoed by a permanent member.")
@click.option("--failed", is_flag=True, help="Only drafts that were not adopted.")
@years_options("Only decisions of this year.")
@question_options(DEFAULT_LIMIT)
def votes(
    member: str | None,
    vetoes: bool,
    failed: bool,
    year: int | None,
    since: int | None,
    until: int | None,
    source: str | None,
    db: Path,
    fmt: str | None,
    limit: int,
) -> None:
    """List decisions taken by vote, with the tally, vetoes and the sources stating them.

    \b
    Example: repertoire votes --member Brazil --since 2000
    """
    with open_db(db) as conn:
        rows = queries.votes(
            conn,
            member=member,
            vetoes=vetoes,
            failed=failed,
            year=year,
            limit=_limit(limit),
            source=source,
            since=since,
            until=until,
        )
    emit(rows, fmt, "Decisions", "votes", "member_votes" if member else None, limit)


@click.command("speakers")
@click.option("--meeting", metavar="SYMBOL", help="Only this meeting (e.g. S/PV.1234).")
@click.option("--member", metavar="NAME", help="Only this State (aliases work).")
@click.option("--all", "everyone", is_flag=True, help="Also invitees who did not speak.")
@question_options(DEFAULT_LIMIT)
def speakers(
    meeting: str | None,
    member: str | None,
    everyone: bool,
    source: str | None,
    db: Path,
    fmt: str | None,
    limit: int,
) -> None:
    """List who spoke at meetings, with the basis of their participation.

    \b
    Example: repertoire speakers --meeting S/PV.1234
    """
    with open_db(db) as conn:
        rows = queries.speakers(
            conn,
            meeting=meeting,
            member=member,
            everyone=everyone,
            limit=_limit(limit),
            source=source,
        )
    emit(rows, fmt, "Speakers", "speakers", limit=limit)


@click.command("positions")
@click.option("--member", metavar="NAME", required=True, help="The delegation (aliases work).")
@question_options(DEFAULT_LIMIT, source=False)
def positions(member: str, db: Path, fmt: str | None, limit: int) -> None:
    """List the sentences that footnotes attribute to a delegation, with the meeting.

    \b
    Example: repertoire positions --member "United Arab Emirates" --format csv
    """
    with open_db(db) as conn:
        rows = queries.positions(conn, member, limit=_limit(limit))
    emit(rows, fmt, "Positions", "positions", limit=limit)


@click.command("cites")
@click.argument("symbol")
@question_options(DEFAULT_LIMIT)
def cites(symbol: str, source: str | None, db: Path, fmt: str | None, limit: int) -> None:
    """List every footnote and paragraph citing a document, with pinpoints, and every row
    of an official file that names it.

    SYMBOL is a UN document symbol; "1234 (2001)" stands for the resolution.

    \b
    Example: repertoire cites S/RES/1234(2001)
    """
    with open_db(db) as conn:
        rows = queries.cites(conn, symbol, limit=_limit(limit), source=source)
    emit(rows, fmt, "Citations", "cites", limit=limit)


@click.command("search")
@click.argument("words")
@click.option(
    "--exact",
    is_flag=True,
    help=f"Rank every match, even past {queries.SEARCH_WINDOW:,} of one kind (slower).",
)
@question_options(20)
def search(
    words: str, exact: bool, source: str | None, db: Path, fmt: str | None, limit: int
) -> None:
    """Full-text search of paragraphs, footnotes and table notes, best matches first; and of
    the topics, agenda items, titles and outcomes of official meetings and decisions.

    Every word must occur; put a phrase in double quotes. When very many
    passages match, the ones loaded last are ranked unless --exact is given.

    \b
    Example: repertoire search "sanctions regime" --limit 5
    """
    with open_db(db) as conn:
        rows = queries.search(
            conn,
            words,
            limit=_limit(limit),
            window=None if exact else queries.SEARCH_WINDOW,
            source=source,
        )
    if rows.windowed:
        click.echo(
            f"(over {queries.SEARCH_WINDOW:,} passages of one kind match: the ones loaded "
            "last were ranked; add words to narrow, or --exact)",
            err=True,
        )
    emit(rows, fmt, "Matches", "search", limit=limit)


@click.command("alignment")
@years_options("Only votes of this year.")
@click.option("--by-year", is_flag=True, help="One row per year and pair, years in order.")
@click.option("--member", metavar="NAME", help="Only pairs including this member.")
@question_options(0)
def alignment(
    year: int | None,
    since: int | None,
    until: int | None,
    by_year: bool,
    member: str | None,
    source: str | None,
    db: Path,
    fmt: str | None,
    limit: int,
) -> None:
    """For each pair of members, the share of recorded votes they cast alike.

    Recorded votes are in favour, against or abstaining; absences are left out.
    Over every source, each member's vote on a decision counts once.

    \b
    Example: repertoire alignment --since 2000 --member China --by-year
    """
    with open_db(db) as conn:
        rows = queries.alignment(
            conn,
            year=year,
            member=member,
            limit=_limit(limit),
            source=source,
            since=since,
            until=until,
            by_year=by_year,
        )
    emit(rows, fmt, "Pairs", "alignment_by_year" if by_year else "alignment", limit=limit)


_findings_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", *output.FORMATS]),
    default=None,
    help="FILE:LINE:COL: severity[code] message lines (text, as `check` prints them), "
    "a table, TSV, CSV or JSON [default: table on a terminal, text when piped].",
)


@click.command("findings")
@click.option("--document", metavar="FILE", help="Only this file (its name or path).")
@click.option(
    "--severity", type=click.Choice(["error", "warning", "info"]), help="Only this severity."
)
@click.option("--code", metavar="CODE", help="Only findings with this code.")
@question_options(0, fmt=_findings_format)
def findings(
    document: str | None,
    severity: str | None,
    code: str | None,
    source: str | None,
    db: Path,
    fmt: str | None,
    limit: int,
) -> None:
    """List the findings stored with the loaded and imported files: what is wrong with
    their text.

    \b
    Example: repertoire findings --severity warning --document section-11.txt
    """
    with open_db(db) as conn:
        rows = queries.findings(
            conn,
            document=document,
            severity=severity,
            code=code,
            limit=_limit(limit),
            source=source,
        )
    if fmt == "text" or (fmt is None and not sys.stdout.isatty()):
        for row in rows:
            place = shown_path(Path(row["path"]))
            click.echo(
                f"{place}:{row['line']}:{row['col']}: {row['severity']}[{row['code']}] "
                f"{row['message']}"
            )
        return
    emit(rows, fmt, "Findings", "findings", limit=limit)


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="File format of the tables.",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write the tables and datapackage.json into.",
)
@store_errors
def export(db: Path, fmt: str, out: Path) -> None:
    """Export every table, one file each, with a Frictionless datapackage.json.

    \b
    Example: repertoire export --db repertoire.db --format parquet --out data/
    """
    counts = export_tables(db, fmt, out)  # type: ignore[arg-type]
    total = sum(counts.values())
    click.echo(f"Wrote {len(counts)} tables ({total} rows) and datapackage.json to {out}")


COMMANDS = [
    load,
    meetings,
    votes,
    speakers,
    positions,
    cites,
    search,
    alignment,
    findings,
    export,
]
