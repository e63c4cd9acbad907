"""Commands for the Council's official record: ``import`` and ``audit``."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from repertoire.cli import output, summary
from repertoire.cli.store import PROGRESS_AFTER, db_option, store_errors
from repertoire.official import KINDS
from repertoire.official.audit import SEVERITIES, UnknownCode, chosen
from repertoire.store import StoreError, open_db
from repertoire.store.audited import findings as kept_findings


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="Read every file as this kind instead of recognising each from its content.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
@store_errors
def import_(paths: tuple[Path, ...], db: Path, kind: str | None, as_json: bool) -> None:
    """Import the Council's official files (files or folders) into the database.

    Recognised from their content: UNxml resolutions (JSON Lines), AKN4UN XML of drafts
    and resolutions, the full texts of decisions (AKN4UN; English ones, others skipped
    with their language named), the Library's meetings tables and veto list (HTML), the
    vetoes CSV. Other files are skipped with a message. Importing the same bytes again
    writes nothing; a file whose bytes changed replaces its earlier rows; an import is one
    transaction (all its rows or none). Many files are read by processes beside the one
    that writes them when the machine has CPUs to spare.

    \b
    Example: repertoire import official/ --db repertoire.db
    """
    # The readers and the import's processes are imported by this command alone.
    from repertoire.store.official import import_official

    missing = [p for p in paths if not p.exists()]
    if missing:
        click.echo(f"Error: no such file or folder: {missing[0]}", err=True)
        sys.exit(2)
    if not as_json and (any(p.is_dir() for p in paths) or len(paths) > PROGRESS_AFTER):
        with output.progress("Importing") as advance:
            report = import_official(paths, db, kind=kind, progress=advance)
    else:
        report = import_official(paths, db, kind=kind)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        summary.print_import_report(report)
    if report.by_status("unreadable"):
        sys.exit(2)


@click.command("audit")
@db_option
@output.choice_option(
    ["text", "json"],
    "text",
    "Compiler-style lines, or a JSON array of findings with their sources.",
)
@click.option(
    "--severity",
    type=click.Choice(["error", "warning", "info"]),
    default="info",
    show_default=True,
    help="Leave out findings less severe than this.",
)
@click.option("--subject", metavar="SYMBOL", help="Only findings about this decision or meeting.")
@click.option("--code", metavar="CODE", help="Only findings with this code.")
@store_errors
def audit(db: Path, fmt: str, severity: str, subject: str | None, code: str | None) -> None:
    """Audit the stored record: findings about each source, and where sources disagree.

    Each finding names its subject (symbol or meeting record) and where each source
    states it. Exits with 1 when there are errors.

    \b
    Example: repertoire audit --db repertoire.db --subject S/RES/1234(2099)
    """
    if not db.exists():
        raise StoreError(f"no database at {db}: import or load files first")
    with open_db(db) as conn:
        # Those kept with the store, as the explorer shows them (audited again only when
        # the store holds more than they were worked out from).
        found = kept_findings(conn)
    rank = SEVERITIES[severity]
    try:
        found = chosen(found, subject=subject, code=code)
    except UnknownCode as exc:
        raise click.ClickException(str(exc)) from None
    found = [f for f in found if SEVERITIES[f.severity] <= rank]
    if fmt == "json":
        click.echo(json.dumps([f.to_dict() for f in found], indent=2, ensure_ascii=False))
    else:
        for finding in found:
            click.echo(finding.format(lambda path: output.stored_place(db, path)))
        counts = Counter(f.severity for f in found)
        click.echo(
            ", ".join(summary.plural(counts.get(s, 0), s) for s in ("error", "warning", "info")),
            err=True,
        )
    if any(f.severity == "error" for f in found):
        sys.exit(1)


COMMANDS = [import_, audit]
