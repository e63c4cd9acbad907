"""Readable terminal views of a parsed document (rich tables)."""

from __future__ import annotations

import click
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from repertoire.records import Decision, Document, Finding, Meeting, Section, printable

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _vote(decision: Decision) -> str:
    if decision.vote is None:
        return "no vote recorded"
    v = decision.vote
    return f"{v.for_}-{v.against}-{v.abstaining}"


def _plain(text: str) -> Text:
    """Source text as it is: no rich markup ("[/bold]" in a title is text), no control codes."""
    return Text(printable(text))


def meetings_table(section: Section) -> Table:
    table = Table(
        title=_plain(f"Meetings: {section.title}, {section.year or '?'}"), show_lines=True
    )
    for column in (
        "Record",
        "Date",
        "Kind",
        "Sub-items / documents",
        "Invitees",
        "Speakers",
        "Decisions",
    ):
        table.add_column(column, overflow="fold")
    for meeting in section.meetings:
        cells = (
            meeting.record,
            meeting.date or "?",
            meeting.kind or "",
            "\n".join(
                f"{d.title} ({d.document})" if d.document else d.title
                for d in [*meeting.sub_items, *meeting.other_documents]
            ),
            "\n".join([*meeting.rule_37, *meeting.rule_39]),
            _speakers(meeting),
            "\n".join(_decision_line(d) for d in meeting.decisions),
        )
        table.add_row(*map(_plain, cells))
    return table


def _speakers(meeting: Meeting) -> str:
    members = len(meeting.speakers.council_members)
    invitees = len(meeting.speakers.invitees)
    return f"{members} members, {invitees} invitees"


def _decision_line(decision: Decision) -> str:
    outcome = "adopted" if decision.adopted else "not adopted"
    extra = " (Chapter VII)" if decision.chapter_vii else ""
    return f"{decision.symbol or decision.kind} {outcome}{extra} {_vote(decision)}"


def _names(names: list[str]) -> str:
    """A member list, shortened when long (the full lists are in the JSON record)."""
    if not names:
        return "-"
    if len(names) > 4:
        return f"{len(names)}: " + ", ".join(names[:3]) + ", …"
    return ", ".join(names)


def decisions_table(section: Section) -> Table:
    table = Table(title="Decisions and votes", show_lines=True)
    for column in ("Meeting", "Decision", "Outcome", "Vote", "Against", "Abstaining"):
        table.add_column(column, overflow="fold")
    for meeting in section.meetings:
        for decision in meeting.decisions:
            failure = decision.failure or "?"
            outcome = "adopted" if decision.adopted else f"not adopted ({failure})"
            if decision.vetoed_by:
                outcome += "\nvetoed by " + ", ".join(decision.vetoed_by)
            vote = _vote(decision)
            if decision.in_favour:
                how = "inferred" if decision.votes_inferred else "listed"
                vote += f"\n{len(decision.in_favour)} in favour {how}"
            cells = (
                meeting.record,
                f"{decision.symbol or decision.kind}"
                + (" (Chapter VII)" if decision.chapter_vii else ""),
                outcome,
                vote,
                _names(decision.against),
                _names(decision.abstaining),
            )
            table.add_row(*map(_plain, cells))
    return table


def findings_text(findings: list[Finding], source: str) -> Text:
    text = Text()
    for finding in findings:
        text.append(printable(f"{source}:{finding.line}:{finding.column}: "))
        text.append(f"{finding.severity}[{finding.code}]", style=_STYLE[finding.severity])
        text.append(printable(f" {finding.message}") + "\n")
    if not findings:
        text.append("no findings\n", style="green")
    return text


def document_view(document: Document) -> Group:
    parts: list[object] = []
    for section in document.sections:
        heading = f"{section.number}. {section.title}" if section.number else "(untitled section)"
        parts.append(
            Text(
                printable(
                    f"{heading} — {len(section.paragraphs)} paragraphs, "
                    f"{len(section.footnotes)} footnotes, {len(section.meetings)} meetings"
                ),
                style="bold",
            )
        )
        parts.append(meetings_table(section))
        if any(m.decisions for m in section.meetings):
            parts.append(decisions_table(section))
    parts.append(Text("Findings", style="bold"))
    parts.append(findings_text(document.all_findings(), document.source))
    return Group(*parts)  # type: ignore[arg-type]


def print_document(document: Document, console: Console | None = None) -> None:
    (console or Console()).print(document_view(document))


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
