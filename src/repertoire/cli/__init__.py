"""The ``repertoire`` command: a thin layer over the library.

Each feature keeps its commands in its own module (``read``, ``council``,
``store``, ``web``); every command parses its arguments, calls one library
function and prints the result.
"""

from __future__ import annotations

import click

from repertoire.cli import council, official, read, store, texts, web


class _Commands(click.Group):
    """A group whose --help lists each command's whole first sentence, wrapped, never cut."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
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


# Each feature module lists its commands in COMMANDS.
for _module in (read, council, store, official, texts, web):
    for _command in _module.COMMANDS:
        main.add_command(_command)
