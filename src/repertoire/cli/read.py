"""Commands that read and check text: ``parse``, ``check`` and ``demo``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click
from rich.console import Console

from repertoire import samples
from repertoire.cli import output, summary
from repertoire.read.pipeline import failed, parse_file, parse_stream, unreadable
from repertoire.records import Document


def read_path(path: str) -> Document:
    """The document in the file at ``path`` ("-": standard input); a file that cannot
    be read is a document with one error finding, and so is one the reader fails on,
    so that a batch goes on with the other files."""
    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            return parse_stream(sys.stdin.buffer, source)
        return parse_file(path)
    except OSError as error:
        return unreadable(path, error)
    except Exception as error:  # a fault of the reader: this file is reported, the others read
        return failed(source, error)


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=True))
@output.choice_option(["json", "summary"], "json", "JSON record, or a readable summary.")
def parse_command(file: str, fmt: str) -> None:
    """Read FILE (one or more Repertoire sections) into a record.

    Example: repertoire parse section.txt --format json > section.json
    """
    try:
        document = parse_stream(sys.stdin.buffer) if file == "-" else parse_file(file)
    except OSError as error:
        click.echo(f"Error: {unreadable(file, error).findings[0].message}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(document.to_dict(), ensure_ascii=False, indent=2))
    else:
        summary.print_document(document, Console())
    if document.has_errors:
        sys.exit(2)


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@output.choice_option(["text", "json"], "text", "Compiler-style lines, or JSON findings per file.")
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also judge each pinpointed citation of a decision against its text stored here "
    "(repertoire import of the texts).",
)
def check_command(files: tuple[str, ...], fmt: str, strict: bool, db: Path | None) -> None:
    """Check FILES and print findings as FILE:LINE:COL: severity[code] message.

    Exit code 2 when there are errors; 1 under --strict when there are warnings; else 0.
    With --db, the sentences that cite decisions by paragraph are judged against the
    decisions' texts, and how many citations could be checked is said on standard error.

    \b
    Example: repertoire check --strict section.txt
    Example: repertoire check section.txt --db repertoire.db
    """
    documents = [read_path(path) for path in files]
    if db is not None:
        _judge(documents, db)
    if fmt == "json":
        payload = [
            {"source": d.source, "findings": [f.to_dict() for f in d.all_findings()]}
            for d in documents
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for document in documents:
            for finding in document.all_findings():
                click.echo(finding.format(document.source))
    findings = [f for d in documents for f in d.all_findings()]
    if len(documents) > 1:
        summary.print_check_summary(documents)
    if any(f.severity == "error" for f in findings):
        sys.exit(2)
    if strict and any(f.severity == "warning" for f in findings):
        sys.exit(1)


def _judge(documents: list[Document], db: Path) -> None:
    # Imported here: only `check --db` reads the store, which is slow to import.
    from repertoire.store import StoreError, open_db
    from repertoire.store.judge import judge

    if not db.is_file():
        raise click.ClickException(f"no database at {db}: import the texts of decisions first")
    try:
        with open_db(db) as conn:
            for document in documents:
                judgement = judge(document, conn)
                document.findings.extend(judgement.findings)
                click.echo(f"{document.source}: {judgement.summary()}", err=True)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


@click.command("demo")
@click.option(
    "--db",
    default="repertoire.db",
    show_default=True,
    help="Database to load the sample into, for the explorer.",
)
def demo_command(db: str) -> None:
    """Parse and check the bundled sample section and print a summary.

    Example: repertoire demo
    """
    # Imported here: of this module's commands only `demo` stores, and the store is slow
    # to import for `parse` and `check`.
    from repertoire.store import StoreError, load

    console = Console()
    sample = samples.path()
    document = parse_file(sample)
    document.source = output.shown_path(sample)
    console.rule(f"repertoire demo: {document.source}")
    summary.print_document(document, console)
    try:
        report = load([sample], db)
    except (StoreError, OSError) as exc:
        raise click.ClickException(f"cannot load the sample into {db}: {exc}") from exc
    command = invoked_as()
    console.print(f"Loaded into {db}: {report}", highlight=False, markup=False)
    console.print("Next:", highlight=False)
    for line in (
        f"{command} votes --db {db}",
        f"{command} search sanction --db {db}",
        f"{command} serve --db {db}",
    ):
        console.print(f"  {line}", highlight=False, markup=False, soft_wrap=True)


def invoked_as() -> str:
    """How to call this program again: ``repertoire`` when that is on PATH, else its path."""
    program = Path(sys.argv[0])
    found = shutil.which("repertoire")
    if program.name == "repertoire" and not (found and Path(found).resolve() == program.resolve()):
        return output.shown_path(program)
    return "repertoire"


COMMANDS = [parse_command, check_command, demo_command]
