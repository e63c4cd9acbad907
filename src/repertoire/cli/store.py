"""Commands of the store: load files into SQLite, ask it questions, export it.

Every command opens the database given by ``--db`` (default ``repertoire.db``,
or the REPERTOIRE_DB environment variable), calls one function of
``repertoire.store`` and prints the rows as a table, CSV or JSON.

The commands of the questions are made from :data:`repertoire.store.queries.QUESTIONS`
(:func:`question_command`): each filter of a question is one option, written once there;
here are what only the command line has (``--db``, ``--format``, ``--limit``,
``--source``, ``--exact``), each command's title and example, and the printing of rows.
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
from repertoire.read.symbols import find as find_symbols
from repertoire.records import printable
from repertoire.store import DEFAULT_DB, StoreError, UnreadableFile, open_db, queries
from repertoire.store.export import FORMATS
from repertoire.store.export import export as export_tables
from repertoire.store.sources import SOURCES

F = TypeVar("F", bound=Callable[..., Any])

# A year as the store holds it: larger numbers would not even convert to SQLite's integers.
YEAR = click.IntRange(1, 9999)
# Past this many files a progress bar is worth its noise.
PROGRESS_AFTER = 3


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


def _limit_option(page: int) -> Callable[[F], F]:
    default = f"{page} in a table on a terminal" if page else "all"
    return click.option(
        "--limit",
        # Past SQLite's largest integer a limit is a usage error, not a failed statement.
        type=click.IntRange(min=0, max=sys.maxsize - 1),
        default=None,
        help=f"Print at most this many rows (0: all) [default: {default}; every row in "
        "tsv, csv and json].",
    )


def _click_option(option: queries.Option) -> Callable[[F], F]:
    """A question's filter as a command-line option."""
    if option.kind == "flag":
        return click.option(option.spelled, option.name, is_flag=True, help=option.help)
    kinds: dict[str, Any] = {"year": YEAR, "text": str}
    kind = click.Choice(option.choices) if option.kind == "choice" else kinds[option.kind]
    return click.option(
        option.spelled,
        option.name,
        type=kind,
        metavar=option.metavar or None,
        required=option.required,
        help=option.help,
    )


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
    "member_votes": ["member", "member_vote"],
    "speakers": ["record", "date", "name", "basis", "spoke", "on_behalf_of"],
    "positions": ["record", "date", "footnote", "delegation", "through", "sentence"],
    "cites": ["document", "line", "place", "footnote", "pinpoint", "context"],
    "search": ["document", "line", "kind", "number", "snippet"],
    "alignment": ["member_a", "member_b", "votes", "alike", "share", "unknown"],
    "alignment_by_year": ["year", "member_a", "member_b", "votes", "alike", "share", "unknown"],
    "findings": ["place", "severity", "code", "message"],
}


def _table_cell(row: dict[str, Any], name: str) -> Text | str:
    """A cell for the terminal: stored text as text, never rich markup or control codes."""
    if name == "place" and name not in row:  # a finding's: its file, line and column
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


def _say_more(rows: list[dict[str, Any]]) -> None:
    """Say that the rows printed are the first of more: on standard error, so that what
    goes to standard output stays clean."""
    first = "the first row" if len(rows) == 1 else f"the first {len(rows)} rows"
    click.echo(f"({first}; --limit 0 prints all)", err=True)


def emit(
    rows: list[dict[str, Any]],
    fmt: str | None,
    title: str,
    query: str,
    extra: str | None = None,
    more: bool = False,
) -> None:
    """Print the rows of ``query`` (plus the ``extra`` fields) in the chosen format;
    ``more``: the rows are the first of more."""
    fmt = output.chosen(fmt)
    if more:
        _say_more(rows)
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


def page_limit(limit: int | None, fmt: str | None, page: int) -> int | None:
    """The rows to print: as many as ``--limit`` says (0: all); without it, a page in a
    table on a terminal and every row for programs (TSV, CSV, JSON)."""
    if limit is not None:
        return limit or None
    return (page or None) if output.chosen(fmt) == "table" else None


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
    # The loader (and the reader with it) is imported by this command alone.
    from repertoire.store.load import LoadReport, text_files
    from repertoire.store.load import load as load_files

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


# Each question's command: how its page is titled, what more its help says, an example.
_TITLES = {
    "meetings": "Meetings",
    "votes": "Decisions",
    "speakers": "Speakers",
    "positions": "Positions",
    "cites": "Citations",
    "search": "Matches",
    "alignment": "Pairs",
    "findings": "Findings",
}
_MORE_HELP = {
    "cites": 'SYMBOL is a UN document symbol; "1234 (2001)" stands for the resolution.',
    "search": "Every word must occur; put a phrase in double quotes. When very many passages "
    "match, the ones loaded last are ranked unless --exact is given.",
    "alignment": "Recorded votes are in favour, against or abstaining; absences are left out. "
    "Over every source, each member's vote on a decision counts once.",
    "votes": "--member gives one member's vote on each decision, --decision every member's "
    "vote on one; --vetoed-by includes the vetoes a veto list alone records.",
}
_EXAMPLES = {
    "meetings": "repertoire meetings --year 2023 --item Somewhere --format json",
    "votes": "repertoire votes --member Brazil --since 2000",
    "speakers": "repertoire speakers --meeting S/PV.1234",
    "positions": 'repertoire positions --member "United Arab Emirates" --format csv',
    "cites": "repertoire cites S/RES/1234(2001)",
    "search": 'repertoire search "sanctions regime" --limit 5',
    "alignment": "repertoire alignment --since 2000 --member China --by-year",
    "findings": "repertoire findings --severity warning --document section-11.txt",
}
_findings_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", *output.FORMATS]),
    default=None,
    help="FILE:LINE:COL: severity[code] message lines (text, as `check` prints them), "
    "a table, TSV, CSV or JSON [default: table on a terminal, text when piped].",
)
_exact_option = click.option(
    "--exact",
    is_flag=True,
    help=f"Rank every match, even past {queries.SEARCH_WINDOW:,} of one kind (slower).",
)
_source_option = click.option(
    "--source",
    metavar="SOURCE",
    help=f"Only what this source states: {', '.join(SOURCES)} [default: every source].",
)


def _symbol_in(words: str) -> str | None:
    """The document symbol ``words`` are, if they are one."""
    found = find_symbols(words)
    return found[0].symbol if len(found) == 1 and found[0].start == 0 else None


def _print_findings(db: Path, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        place = output.stored_place(db, row["path"])
        click.echo(
            f"{place}:{row['line']}:{row['col']}: {row['severity']}[{row['code']}] {row['message']}"
        )


def question_command(name: str) -> click.Command:
    """The command of the store's question ``name``: its options from the question's
    filters, the rows it gives printed as asked."""
    question = queries.QUESTIONS[name]

    def run(db: Path, fmt: str | None, limit: int | None, **filters: Any) -> None:
        if name == "search":
            filters["window"] = None if filters.pop("exact") else queries.SEARCH_WINDOW
        as_text = name == "findings" and (
            fmt == "text" or (fmt is None and not sys.stdout.isatty())
        )
        # Lines as `check` prints them: every one, unless --limit says otherwise.
        rows_limit = (limit or None) if as_text else page_limit(limit, fmt, question.page)
        # One row past the limit, to know whether there are more than it lets through.
        asked = rows_limit + 1 if rows_limit else None
        with open_db(db) as conn:
            if question.argument is None:
                rows = question.ask(conn, limit=asked, **filters)
            else:
                argument = filters.pop(question.argument.name)
                rows = question.ask(conn, argument, limit=asked, **filters)
        cut = rows_limit is not None and len(rows) > rows_limit
        if name == "search" and not rows and (symbol := _symbol_in(argument)):
            # Words are searched, not symbols ("S/RES/…" is no word of "resolution …").
            click.echo(
                f"(a document's symbol is not searched as words: `repertoire cites "
                f'"{symbol}"` lists every passage and row that cites it)',
                err=True,
            )
        if getattr(rows, "windowed", False):
            click.echo(
                f"(over {queries.SEARCH_WINDOW:,} passages of one kind match: the ones loaded "
                "last were ranked; add words to narrow, or --exact)",
                err=True,
            )
        if cut:
            rows = rows[:rows_limit]
        if as_text:
            _print_findings(db, rows)
            if cut:
                _say_more(rows)
            return
        extra = "member_votes" if filters.get("member") or filters.get("decision") else None
        if name != "votes":
            extra = None
        kind = "alignment_by_year" if filters.get("by_year") else question.columns
        emit(rows, fmt, _TITLES[name], kind, extra, cut)

    more = f"\n\n{_MORE_HELP[name]}" if name in _MORE_HELP else ""
    run.__doc__ = f"{question.doc}{more}\n\n\b\nExample: {_EXAMPLES[name]}"
    command: Callable[..., Any] = store_errors(run)
    decorators: list[Callable[[Any], Any]] = [
        db_option,
        _findings_format if name == "findings" else format_option,
        _limit_option(question.page),
    ]
    if name != "positions":
        decorators.append(_source_option)
    if name == "search":
        decorators.append(_exact_option)
    decorators.extend(_click_option(option) for option in reversed(question.options))
    if question.argument is not None:
        decorators.append(click.argument(question.argument.name))
    for decorate in decorators:
        command = decorate(command)
    return click.command(name)(command)


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


COMMANDS = [load, *(question_command(name) for name in queries.QUESTIONS), export]
