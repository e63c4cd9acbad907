"""The ``repertoire`` command: a thin layer over the library.

Each feature keeps its commands in its own module (``read``, ``council``,
``store``, ``web``); every command parses its arguments, calls one library
function and prints the result.
"""

from __future__ import annotations

import click

from repertoire.cli import council, official, read, store, web


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="repertoire")
def main() -> None:
    """Read, check, store and show the Repertoire of the Practice of the Security Council.

    Example: repertoire check section.txt
    """


# Each feature module lists its commands in COMMANDS.
for _module in (read, council, store, official, web):
    for _command in _module.COMMANDS:
        main.add_command(_command)
