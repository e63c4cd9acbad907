"""Print the record's JSON Schema: ``python -m repertoire.schema``."""

from repertoire.schema import main

main()
