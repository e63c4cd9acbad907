"""The texts of decisions: ``cite`` prints the paragraphs a pinpoint names."""

from __future__ import annotations

import json
from pathlib import Path

import click

from repertoire.cli import output
from repertoire.cli.store import db_option, store_errors
from repertoire.store import StoreError, open_db
from repertoire.store.texts import cite as cite_paragraphs


@click.command("cite")
@click.argument("symbol")
@click.option(
    "--para",
    metavar="PARAGRAPH",
    help="The paragraph(s), as a number or as the Repertoire writes a pinpoint; "
    "every paragraph without it.",
)
@db_option
@output.choice_option(["text", "json"], "text", "Each paragraph's label and words, or JSON.")
@store_errors
def cite(symbol: str, para: str | None, db: Path, fmt: str) -> None:
    """Print a paragraph of a decision's text, as imported from the UN's files.

    --para takes an operative paragraph's number ("2"), a sub-paragraph ("6 (b)",
    "6 (b) (ii)"), a range ("3-5") or any pinpoint as the Repertoire writes it:
    "paras. 4 and 7", "third preambular paragraph" or "preamble 3", "annex, para. 2",
    and for a statement by the President "first paragraph" or "2" (its paragraphs in
    order, the words before the statement not counted).

    \b
    Example: repertoire cite "S/RES/1234 (2099)" --para 2
    Example: repertoire cite S/PRST/2099/9 --para "fourth and fifth paragraphs"
    """
    if not db.exists():
        raise StoreError(f"no database at {db}: import the texts first")
    with open_db(db) as conn:
        try:
            rows = cite_paragraphs(conn, symbol, para)
        except (LookupError, ValueError) as error:
            raise click.ClickException(str(error.args[0])) from None
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for index, row in enumerate(rows):
        if index:
            click.echo()
        place = output.stored_place(db, row["file"])
        click.echo(f"{row['symbol']}, {row['paragraph']} ({place}:{row['line']})")
        click.echo(row["text"])


COMMANDS = [cite]
