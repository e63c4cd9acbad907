"""Rows printed for people and for programs: a table, records one per block, TSV, CSV or JSON.

A terminal gets a table whose identifiers (symbols, dates, numbers) are never
wrapped or cut; when the terminal is too narrow for that, each row is printed
as a block of ``field  value`` lines instead. Piped output is TSV unless a
format is asked for, so that ``cut``, ``sort`` and ``csvkit`` read it as it is.

Cells are written one way in every text format: ``true``/``false`` for
booleans, lists joined by ``"; "``, nothing for a missing value. JSON keeps
booleans, lists and nulls as they are.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from repertoire.records import printable

FORMATS = ("table", "tsv", "csv", "json")
# The narrowest a wrapping column may be made before rows are printed one per block.
PROSE_MIN_WIDTH = 12


def format_option(help_extra: str = "") -> Callable[[Any], Any]:
    """``--format table|tsv|csv|json``; without it, a table on a terminal and TSV when piped."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format [default: table on a terminal, tsv when piped]." + help_extra,
    )


def choice_option(choices: Sequence[str], default: str, help: str) -> Callable[[Any], Any]:
    """``--format`` among ``choices`` of a command that prints one thing (``default`` shown)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help,
    )


@contextmanager
def progress(label: str, total: int | None = None) -> Iterator[Callable[[int, int, Path], None]]:
    """A progress bar on standard error, gone when done; yields the callback that moves it
    (``done`` of ``total`` files, the file at hand)."""
    from rich.progress import Progress  # a bar is for the commands that write

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)

        def advance(done: int, total: int, _path: Path) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def shown_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, else as it is."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def stored_place(db: Path, path: str) -> str:
    """A file's path as the store keeps it (relative to the database's folder) as it is
    reached from the working directory, for lines a user opens the file from."""
    return shown_path(Path(os.path.normpath(db.absolute().parent / path)))


def chosen(fmt: str | None) -> str:
    """The format asked for, or the default for where standard output goes."""
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "tsv"


def text(value: Any) -> str:
    """A cell as text: the same spelling in tables, TSV and CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(text(v) for v in value)
    return str(value)


def _tsv_cell(value: Any) -> str:
    # A tab or line break inside a cell would start another cell or row.
    return " ".join(text(value).split()) if value is not None else ""


def write_delimited(rows: Sequence[dict[str, Any]], names: Sequence[str], fmt: str) -> None:
    # The text as stored, but never a terminal's control codes when one shows it.
    shown = printable if sys.stdout.isatty() else str
    if fmt == "tsv":
        click.echo("\t".join(names))
        for row in rows:
            click.echo("\t".join(shown(_tsv_cell(row.get(n))) for n in names))
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([shown(text(row.get(n))) for n in names])


def write_json(rows: Sequence[dict[str, Any]]) -> None:
    click.echo(json.dumps(list(rows), indent=2, ensure_ascii=False, default=str))


def write_for_programs(rows: Sequence[dict[str, Any]], names: Sequence[str], fmt: str) -> bool:
    """The rows as JSON, CSV or TSV when ``fmt`` is one of those; false for a table, which
    the command lays out itself."""
    if fmt == "json":
        write_json(rows)
        return True
    if fmt in ("csv", "tsv"):
        write_delimited(rows, names, fmt)
        return True
    return False


def table_or_blocks(
    console: Console,
    title: str,
    names: Sequence[str],
    cells: Iterable[Sequence[Text | str]],
    prose: Iterable[str] = (),
    whole_lines: Iterable[str] = (),
) -> RenderableType:
    """A table whose non-prose columns never wrap, or one block per row if it cannot fit.

    Prose columns (titles, sentences) wrap at spaces and are never narrower
    than :data:`PROSE_MIN_WIDTH` (or their longest word); in ``whole_lines``
    columns (lists of names, one a line) no line is ever wrapped.
    """
    wrapping = set(prose) - set(whole_lines)
    rows = [list(row) for row in cells]
    natural = [max(cell_len(name), _width(rows, i)) for i, name in enumerate(names)]
    least = [
        max(min(PROSE_MIN_WIDTH, natural[i]), _longest_word(rows, i)) if name in wrapping else w
        for i, (name, w) in enumerate(zip(names, natural, strict=True))
    ]
    # Each column has a space either side and a border on its right; the table one on its left.
    room = console.width - 1 - 3 * len(names)
    if sum(least) > room:
        return blocks(console, title, names, rows)
    widths = _share(natural, least, room)
    table = Table(title=title, title_justify="left")
    for name, width in zip(names, widths, strict=True):
        if name in wrapping:
            table.add_column(name, overflow="fold", width=width)
        else:
            table.add_column(name, no_wrap=True, width=width)
    for row in rows:
        table.add_row(*row)
    return table


def _share(natural: list[int], least: list[int], room: int) -> list[int]:
    """Column widths within ``room``: each at least ``least``, none wider than ``natural``.

    What is left above the least widths goes to the columns that want more, a
    character at a time to the one furthest from its natural width.
    """
    widths = list(least)
    spare = room - sum(widths)
    while spare > 0:
        wanting = [i for i, w in enumerate(widths) if w < natural[i]]
        if not wanting:
            break
        index = max(wanting, key=lambda i: natural[i] - widths[i])
        step = min(spare, natural[index] - widths[index], max(1, spare // len(wanting)))
        widths[index] += step
        spare -= step
    return widths


def blocks(
    console: Console, title: str, names: Sequence[str], rows: Sequence[Sequence[Text | str]]
) -> Group:
    """Each row as a block of ``field  value`` lines (like ``psql``'s expanded display).

    Values wrap at spaces under their field, never across an identifier.
    """
    indent = max(len(name) for name in names) + 2
    room = max(PROSE_MIN_WIDTH, console.width - indent)
    parts: list[RenderableType] = [Text(title, style="bold")]
    for number, row in enumerate(rows, start=1):
        parts.append(Text(f"── {number} ──", style="dim"))
        for name, cell in zip(names, row, strict=True):
            value = cell if isinstance(cell, Text) else Text(cell)
            lines = value.wrap(console, room, overflow="fold") if value.plain else [Text()]
            for index, line in enumerate(lines):
                label = Text(name.ljust(indent) if index == 0 else " " * indent, style="bold")
                line.rstrip()
                parts.append(Text.assemble(label, line) if line.plain else Text(name))
    return Group(*parts)


def _plain(cell: Text | str) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _longest_word(rows: Sequence[Sequence[Text | str]], index: int) -> int:
    return max((cell_len(word) for row in rows for word in _plain(row[index]).split()), default=0)


def _width(rows: Sequence[Sequence[Text | str]], index: int) -> int:
    return max(
        (cell_len(line) for row in rows for line in _plain(row[index]).splitlines()), default=0
    )
