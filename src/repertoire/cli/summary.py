"""A readable terminal view of a parsed document: one block per meeting, then the findings.

Each meeting is a heading line (record, date, kind) and a few labelled lines
under it; values wrap at spaces below their label, so a symbol or a date is
never cut, whatever the width of the terminal. Findings are printed one per
line, compiler-style, and left for the terminal to wrap (``FILE:LINE:COL``
stays whole, and copies as one line). The reports of ``load`` and ``import`` are printed
here too, a line per file and then the counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.text import Text

from repertoire.records import Decision, Document, Finding, Meeting, Section, printable

if TYPE_CHECKING:  # the reports' types only: `parse` and `check` need no store
    from repertoire.store.load import LoadReport
    from repertoire.store.official import ImportReport
    from repertoire.store.write import DocumentResult

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# Width of the labels under a meeting's heading ("  sub-item   ").
_INDENT = 13


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _vote(decision: Decision) -> str:
    return str(decision.vote) if decision.vote is not None else "no vote recorded"


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "-"


def decision_lines(decision: Decision) -> list[str]:
    """What a decision says, a line per fact: outcome and tally, then who voted how."""
    label = decision.symbol or decision.draft or decision.kind
    if decision.adopted is None:
        outcome = "outcome not recorded"
    elif decision.adopted:
        outcome = "adopted"
    else:
        outcome = f"not adopted ({decision.failure or 'reason not recorded'})"
    first = f"{label}: {outcome}, {_vote(decision)}"
    if decision.chapter_vii:
        first += ", under Chapter VII"
    lines = [first]
    if decision.draft and decision.draft != label:
        lines.append(f"draft {decision.draft}")
    if decision.vetoed_by:
        lines.append(f"vetoed by {_names(decision.vetoed_by)}")
    if decision.in_favour:
        how = "inferred" if decision.votes_inferred else "listed"
        lines.append(f"in favour ({len(decision.in_favour)}, {how}): {_names(decision.in_favour)}")
    if decision.against:
        lines.append(f"against ({len(decision.against)}): {_names(decision.against)}")
    if decision.abstaining:
        lines.append(f"abstaining ({len(decision.abstaining)}): {_names(decision.abstaining)}")
    return lines


def meeting_block(meeting: Meeting) -> list[tuple[str, str]]:
    """The labelled lines under a meeting's heading."""
    lines: list[tuple[str, str]] = []
    for ref in meeting.sub_items:
        lines.append(("sub-item", f"{ref.title} ({ref.document})" if ref.document else ref.title))
    for ref in meeting.other_documents:
        lines.append(("document", f"{ref.title} ({ref.document})" if ref.document else ref.title))
    lines.extend(("rule 37", name) for name in meeting.rule_37)
    lines.extend(("rule 39", name) for name in meeting.rule_39)
    members = len(meeting.speakers.council_members)
    invitees = len(meeting.speakers.invitees)
    lines.append(
        ("speakers", f"{plural(members, 'Council member')}, {plural(invitees, 'invitee')}")
    )
    for decision in meeting.decisions:
        first, *more = decision_lines(decision)
        lines.append(("decision", first))
        lines.extend(("", line) for line in more)
    return lines


def _labelled(console: Console, label: str, value: str) -> list[Text]:
    room = max(20, console.width - _INDENT)
    wrapped = Text(printable(value)).wrap(console, room, overflow="fold")
    out = []
    for index, line in enumerate(wrapped):
        line.rstrip()
        head = f"  {label}".ljust(_INDENT) if index == 0 else " " * _INDENT
        out.append(Text.assemble(Text(head, style="dim"), line))
    return out


def print_section(section: Section, console: Console) -> None:
    heading = f"{section.number}. {section.title}" if section.number else "(untitled section)"
    console.print(Text(printable(f"{heading}, {section.year or 'year unknown'}"), style="bold"))
    console.print(
        f"{plural(len(section.paragraphs), 'paragraph')}, "
        f"{plural(len(section.footnotes), 'footnote')}, "
        f"{plural(len(section.meetings), 'meeting')}",
        highlight=False,
    )
    for meeting in section.meetings:
        console.print()
        head = Text(printable(meeting.record), style="bold")
        head.append(f"  {meeting.date.isoformat() if meeting.date else 'date unknown'}")
        if meeting.kind:
            head.append(f"  {meeting.kind}")
        console.print(head, no_wrap=True, crop=False, soft_wrap=True)
        for label, value in meeting_block(meeting):
            for line in _labelled(console, label, value):
                console.print(line, highlight=False)


def finding_text(finding: Finding, source: str) -> Text:
    # Source text is shown as text: never rich markup, never a terminal's control codes.
    text = Text(printable(f"{source}:{finding.line}:{finding.column}: "))
    text.append(f"{finding.severity}[{finding.code}]", style=_STYLE[finding.severity])
    text.append(printable(f" {finding.message}"))
    return text


def print_findings(findings: list[Finding], source: str, console: Console) -> None:
    if not findings:
        console.print(Text("no findings", style="green"))
        return
    for finding in findings:
        # soft_wrap: one line each, as `check` prints them; the terminal folds it if it must.
        console.print(finding_text(finding, source), soft_wrap=True, highlight=False)


def print_document(document: Document, console: Console | None = None) -> None:
    console = console or Console()
    for section in document.sections:
        print_section(section, console)
        console.print()
    console.print(Text("Findings", style="bold"))
    print_findings(document.all_findings(), document.source, console)


def print_check_summary(documents: list[Document]) -> None:
    """One line on standard error after checking several files: how many had what."""
    errors = sum(any(f.severity == "error" for f in d.all_findings()) for d in documents)
    warnings = sum(
        not any(f.severity == "error" for f in d.all_findings())
        and any(f.severity == "warning" for f in d.all_findings())
        for d in documents
    )
    clean = len(documents) - errors - warnings
    click.echo(
        f"{len(documents)} files checked: {errors} with errors, {warnings} with warnings, "
        f"{clean} without either",
        err=True,
    )


def _findings_note(result: DocumentResult) -> str:
    notes = []
    if result.errors:
        notes.append(plural(result.errors, "error"))
    if result.warnings:
        notes.append(plural(result.warnings, "warning"))
    return f" ({', '.join(notes)}; repertoire findings lists them)" if notes else ""


def print_load_report(report: LoadReport) -> None:
    """A line for each file ``load`` was given, then the counts."""
    for result in report.documents:
        notes = _findings_note(result)
        if result.status == "failed":
            click.echo(f"failed    {result.path}: {printable(result.message or '')}; skipped")
        elif result.same_as:
            done = "unchanged" if result.status == "unchanged" else "replaced "
            click.echo(f"{done} {result.path}: already stored as {result.same_as}{notes}")
        elif result.status == "unchanged":
            click.echo(f"unchanged {result.path} (already loaded, same SHA-256){notes}")
        elif result.status == "rejected":
            click.echo(f"rejected  {result.path}: {plural(result.errors, 'error')} (--strict)")
            for finding in result.findings:
                click.echo(f"  {finding.format(result.path)}")
        else:
            counts = result.counts
            detail = ", ".join(
                plural(counts.get(key, 0), key[:-1])
                for key in ("sections", "meetings", "decisions", "footnotes")
            )
            click.echo(f"{result.status:<9} {result.path}: {detail}{notes}")
    if not report.changed and not report.by_status("rejected") and not report.by_status("failed"):
        click.echo(f"Nothing changed in {report.db_path}: every file was already loaded.")
    else:
        _totals(report)


def print_import_report(report: ImportReport) -> None:
    """A line for each file ``import`` read or skipped (not those unchanged), then the counts."""
    for item in report.files:
        if item.status == "unchanged":
            continue
        if item.status in ("skipped", "unreadable"):
            click.echo(f"{item.status:<9} {item.path}: {item.message}")
            continue
        counts = ", ".join(
            plural(item.counts.get(k, 0), k[:-1])
            for k in ("meetings", "decisions", "vetoes")
            if item.counts.get(k)
        )
        notes = [plural(n, w) for n, w in ((item.errors, "error"), (item.warnings, "warning")) if n]
        extra = f" ({', '.join(notes)}; see repertoire audit)" if notes else ""
        click.echo(f"{item.status:<9} {item.path} [{item.kind}]: {counts or 'nothing'}{extra}")
    unchanged = len(report.by_status("unchanged"))
    if unchanged:
        click.echo(f"{plural(unchanged, 'file')} unchanged (already imported, same SHA-256)")
    if not report.changed:
        click.echo(f"Nothing changed in {report.db_path}.")
    else:
        _totals(report)


def _totals(report: LoadReport | ImportReport) -> None:
    """How many files ended in each state, after the database's path."""
    counts = report.summary()
    click.echo(
        f"{report.db_path}: " + ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    )
