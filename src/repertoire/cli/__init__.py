"""The ``repertoire`` command: a thin layer over the library.

Each feature keeps its commands in its own module (``read``, ``council``,
``store``, ``official``, ``web``); every command parses its arguments, calls one
library function and prints the result.

A command's module is imported only when that command runs (or shows its help): the
modules import the reader, the store, the official readers and rich, and a command
that needs none of them, or ``repertoire --help``, should not wait for them all.
"""

from __future__ import annotations

import importlib

import click

# Every command: the module defining it, the function's name there, and the first sentence
# of its help, which ``repertoire --help`` lists without importing the module (a test
# checks each against the command's own help).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "parse": (
        "read",
        "parse_command",
        "Read FILE (one or more Repertoire sections) into a record.",
    ),
    "check": (
        "read",
        "check_command",
        "Check FILES and print findings as FILE:LINE:COL: severity[code] message.",
    ),
    "demo": (
        "read",
        "demo_command",
        "Parse and check the bundled sample section and print a summary.",
    ),
    "council": (
        "council",
        "council",
        "Show the Security Council's members in YEAR (1946-2026), or a State's terms.",
    ),
    "load": ("store", "load", "Load Repertoire section files into the database."),
    "meetings": (
        "store",
        "meetings",
        "Meetings in date order, each once with the sources that list it.",
    ),
    "votes": (
        "store",
        "votes",
        "Decisions taken by vote, with the tally, vetoes and the sources stating them.",
    ),
    "speakers": (
        "store",
        "speakers",
        "Who spoke at meetings, with the basis of their participation.",
    ),
    "positions": (
        "store",
        "positions",
        "The sentences that footnotes attribute to a delegation, with the meeting.",
    ),
    "cites": (
        "store",
        "cites",
        "Every footnote and paragraph citing a document, with pinpoints, and every row of an "
        "official file that names it.",
    ),
    "search": (
        "store",
        "search",
        "Full-text search of paragraphs, footnotes and table notes, best matches first; and "
        "of the topics, agenda items, titles and outcomes of official meetings and decisions.",
    ),
    "alignment": (
        "store",
        "alignment",
        "For each pair of members, the share of recorded votes they cast alike.",
    ),
    "findings": (
        "store",
        "findings",
        "The findings stored with the loaded and imported files: what is wrong with their text.",
    ),
    "export": (
        "store",
        "export",
        "Export every table, one file each, with a Frictionless datapackage.json.",
    ),
    "cite": (
        "texts",
        "cite",
        "Print a paragraph of a decision's text, as imported from the UN's files.",
    ),
    "import": (
        "official",
        "import_",
        "Import the Council's official files (files or folders) into the database.",
    ),
    "audit": (
        "official",
        "audit",
        "Audit the stored record: findings about each source, and where sources disagree.",
    ),
    "render": (
        "web",
        "render_command",
        "Write a section (FILE, or the store at --db) back in the Repertoire's form.",
    ),
    "serve": (
        "web",
        "serve_command",
        "Explore the store in a browser: sections, meetings with vote grids, States, charts.",
    ),
}


class _Commands(click.Group):
    """A group that imports a command's module when the command is asked for, and whose
    --help lists each command's whole first sentence, wrapped, never cut."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module_name, name, _ = COMMANDS[cmd_name]
            module = importlib.import_module(f"repertoire.cli.{module_name}")
            # The store's questions are commands made from its registry, listed there.
            command = getattr(module, name, None) or next(
                c for c in getattr(module, "COMMANDS", ()) if c.name == cmd_name
            )
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in COMMANDS and name not in self.commands:
                rows.append((name, COMMANDS[name][2]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="repertoire")
def main() -> None:
    """Read, check, store and show the Repertoire of the Practice of the Security Council.

    Example: repertoire check section.txt
    """
