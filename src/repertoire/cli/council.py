"""``repertoire council``: the Council's composition in a year, or a State's terms."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from repertoire.reference import council as council_data
from repertoire.reference import states


def _term_label(member: council_data.Member) -> str:
    start, end = member.start, member.end
    # Whole calendar years read best as years; other dates are kept exact.
    if start.month == start.day == 1 and end is not None and (end.month, end.day) == (12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{start.isoformat()} – {end.isoformat() if end else 'present'}"


def _table(title: str, rows: list[council_data.Member]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Name")
    table.add_column("ISO3")
    table.add_column("Seat")
    table.add_column("Term")
    table.add_column("Note", overflow="fold")
    for member in rows:
        table.add_row(
            member.name,
            member.iso3 or "",
            "permanent" if member.permanent else "elected",
            _term_label(member),
            member.note,
        )
    return table


def _print(fmt: str, title: str, rows: list[council_data.Member]) -> None:
    if fmt == "json":
        click.echo(json.dumps([m.to_dict() for m in rows], ensure_ascii=False, indent=2))
    else:
        Console().print(_table(title, rows))


@click.command("council")
@click.argument("year", type=int, required=False)
@click.option("--member", "member", metavar="NAME", help="Show this State's terms instead.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def council(year: int | None, member: str | None, fmt: str) -> None:
    """Show the Security Council's members in YEAR (1946-2026), or a State's terms.

    A seat held by two States in one year is listed once, under the State that
    held it for most of that year.

    \b
    Example: repertoire council 1971 --format json
    Example: repertoire council --member "Côte d'Ivoire"
    """
    if (year is None) == (member is None):
        raise click.UsageError("give either YEAR or --member NAME")
    if member is not None:
        state = states.lookup(member)
        if state is None:
            hint = states.suggest(member)
            message = f"unknown State {member!r}"
            if hint:
                message += f"; did you mean {hint!r}?"
            raise click.BadParameter(message, param_hint="'--member'")
        rows = council_data.terms(state.name)
        if fmt == "table" and not rows:
            click.echo(f"{state.name} has not sat on the Security Council.")
            return
        _print(fmt, f"{state.name} on the Security Council", rows)
        return
    assert year is not None  # for the type checker: the check above ensures it
    try:
        rows = council_data.members(year)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'YEAR'") from exc
    title = (
        f"Security Council in {year}: {council_data.size(year)} members, "
        f"{council_data.threshold(year)} votes to decide"
    )
    _print(fmt, title, rows)


COMMANDS = [council]
