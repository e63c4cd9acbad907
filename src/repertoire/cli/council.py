"""``repertoire council``: the Council's composition in a year, or a State's terms."""

from __future__ import annotations

import click
from rich.console import Console

from repertoire.cli import output
from repertoire.reference import council as council_data
from repertoire.reference import states


def _term_label(member: council_data.Member) -> str:
    start, end = member.start, member.end
    # Whole calendar years read best as years; other dates are kept exact.
    if start.month == start.day == 1 and end is not None and (end.month, end.day) == (12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{start.isoformat()} – {end.isoformat() if end else 'present'}"


_COLUMNS = ["name", "iso3", "seat", "term", "note"]


def _print(fmt: str | None, title: str, rows: list[council_data.Member]) -> None:
    fmt = output.chosen(fmt)
    data = [m.to_dict() for m in rows]
    if not output.write_for_programs(data, list(data[0]) if data else [], fmt):
        console = Console()
        cells = [
            [
                m.name,
                m.iso3 or "",
                "permanent" if m.permanent else "elected",
                _term_label(m),
                m.note,
            ]
            for m in rows
        ]
        console.print(output.table_or_blocks(console, title, _COLUMNS, cells, prose={"note"}))


@click.command("council")
@click.argument("year", type=int, required=False)
@click.option("--member", "member", metavar="NAME", help="Show this State's terms instead.")
@output.format_option()
def council(year: int | None, member: str | None, fmt: str | None) -> None:
    """Show the Security Council's members in YEAR (1946-2026), or a State's terms.

    A seat held by two States in one year is listed once, under the State that
    held it for most of that year.

    \b
    Example: repertoire council 1971 --format csv
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
        if output.chosen(fmt) == "table" and not rows:
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
