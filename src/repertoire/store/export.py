"""Write every table of the store to files, with a Frictionless data package.

The ``datapackage.json`` is generated from the database itself (column types,
primary and foreign keys as SQLite reports them), so it cannot drift from
the schema.

Beside the tables, ``member_votes`` is the long table of every member's vote on every
decision over every source (one row per vote, with the decision's symbol, date, meeting,
item, outcome and Chapter VII); the merged tables (``council_*``) are written with their
rows over every source only, one row per fact, without the ``scope`` that tells them from
the rows of one source. A list is written one way in each format: a JSON array in JSON, a
list of strings in Parquet, its items joined by ``"; "`` in CSV (as the command line
writes lists), whichever way the store keeps it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from repertoire.store import queries
from repertoire.store.council import ALL
from repertoire.store.migrations import StoreError, connect_readonly
from repertoire.store.schema import BOOLEAN_COLUMNS, FTS_TABLES, INTERNAL_TABLES, LOGICAL_KEYS

Format = Literal["csv", "json", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "json", "parquet")

_BATCH = 10_000

DESCRIPTIONS = {
    "documents": "One row per loaded file: its path, SHA-256 and when it was loaded.",
    "sections": "Sections of the Repertoire (one agenda item each).",
    "paragraphs": "Paragraphs of each section's narrative.",
    "footnotes": "Numbered footnotes, with the sentence they support.",
    "footnote_refs": (
        "Every footnote marker of a paragraph, in order, with the footnote it calls "
        "(empty when none of that number is defined)."
    ),
    "citations": "Documents cited by a footnote or a paragraph, with pinpoints.",
    "table_notes": "Lettered notes under a section's meetings table.",
    "meetings": "Meetings listed in the meetings tables.",
    "agenda_items": "Sub-items and other documents considered at a meeting.",
    "participants": (
        "Invitees (rules 37 and 39), others who spoke without an invitation and council "
        "members who spoke, per meeting."
    ),
    "meeting_notes": "Table notes attached to a meeting row.",
    "decisions": "Decisions taken at meetings, with vote tallies.",
    "submitters": "Submitters of draft resolutions.",
    "votes": "One row per council member per decision: Y, N, A or absent.",
    "positions": "Delegations that a footnote says spoke to a sentence at a meeting.",
    "findings": "Problems found when reading each document.",
    "alignment_counts": "Per year and pair of members: recorded votes both cast, how many alike.",
    "states": "Reference table of States.",
    "state_aliases": "Other spellings of State names.",
    "council_terms": "Terms of members of the Security Council.",
    "official_files": "One row per imported official file: its path, kind and SHA-256.",
    "official_meetings": "Meetings as an official file lists them, with where each was read.",
    "official_decisions": "Decisions as an official file states them, as written and as read.",
    "official_votes": "Each member's vote on a decision as an official file names it.",
    "official_vetoes": "Vetoed drafts as a veto list gives them.",
    "official_findings": "Problems found when reading each official file.",
    "council_meetings": (
        "One row per meeting and scope (all sources, or one official source), with the "
        "sources stating it."
    ),
    "council_decisions": (
        "One row per decision, over every source: each value chosen by evidence (chosen_by), "
        "every source's value where they differ (disputed), and the sources stating it."
    ),
    "council_votes": (
        "One row per member sitting and decision with a vote, over every source: the vote "
        "chosen by evidence, or worked out (inferred, with its basis), or unrecorded."
    ),
    "council_alignment": (
        "Per year and pair of members: votes both cast, how many alike, and decisions both "
        "sat on where a vote of either is unknown."
    ),
    "member_votes": (
        "One row per member and decision, over every source: the decision's symbol as "
        "written, date, meeting, agenda item, outcome and Chapter VII, the member's vote, "
        "whether it was worked out (inferred) and on what basis, and the sources stating it."
    ),
    "audit_findings": (
        "What the audit finds in the stored record (repertoire audit), with each source's "
        "file, line and value as a JSON array."
    ),
}

# Columns that hold a list, and how the store keeps it: a JSON array, or items joined by "; ".
LISTS: dict[str, dict[str, Literal["json", "joined"]]] = {
    "meetings": {"remote": "joined"},
    "agenda_items": {"also": "joined", "submitters": "joined"},
    "decisions": {"notes": "joined"},
    "participants": {"on_behalf_of": "joined"},
    "positions": {"on_behalf_of": "joined"},
    "official_decisions": {"vetoed_by": "joined"},
    "official_vetoes": {"records": "joined", "members": "joined"},
    "council_meetings": {"sub_items": "json", "sources": "json"},
    "council_decisions": {"vetoed_by": "json", "sources": "json"},
    "council_votes": {"sources": "json"},
    "member_votes": {"sources": "json"},
}
LIST_SEPARATOR = "; "
# The merged tables' rows over every source: the only ones written (see the module's note).
_SCOPED = frozenset({"council_meetings", "council_decisions", "council_votes", "council_alignment"})


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # Frictionless field type
    required: bool
    # How the store keeps a list column ("json" or "joined"); empty for any other column.
    kept_list: Literal["json", "joined", ""] = ""


def tables(conn: sqlite3.Connection) -> list[str]:
    """Data tables in creation order (parents before children), internals left out."""
    fts_parts = tuple(f"{name}_" for name in FTS_TABLES)
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY rowid"
        )
    ]
    return [
        n
        for n in names
        if n not in INTERNAL_TABLES and n not in FTS_TABLES and not n.startswith(fts_parts)
    ]


def _field_type(name: str, declared: str) -> str:
    declared = declared.upper()
    if name in BOOLEAN_COLUMNS:
        return "boolean"
    if name == "date" or name.endswith("_date"):
        return "date"
    if "INT" in declared:
        return "integer"
    if "REAL" in declared or "FLOA" in declared or "DOUB" in declared:
        return "number"
    return "string"


def columns(conn: sqlite3.Connection, table: str) -> list[Column]:
    if table == "member_votes":
        return [
            Column(
                name,
                "boolean"
                if name in BOOLEAN_COLUMNS
                else _field_type(name, "INTEGER" if name == "year" else "TEXT"),
                name in ("member", "vote", "sources", "chapter_vii", "inferred"),
                LISTS[table].get(name, ""),
            )
            for name in queries.MEMBER_VOTE_COLUMNS
        ]
    lists = LISTS.get(table, {})
    found = [
        Column(
            row[1],
            _field_type(row[1], row[2]),
            bool(row[3]) or bool(row[5]),
            lists.get(row[1], ""),
        )
        for row in conn.execute(f"PRAGMA table_info({table})")
        if not (table in _SCOPED and row[1] == "scope")
    ]
    if table in _SCOPED:
        # One row per fact: a flag is true where a source states it, false otherwise
        # (never blank, so that it loads as a boolean); the outcome says what is unknown.
        found = [
            Column(c.name, c.type, True, c.kept_list) if c.type == "boolean" else c for c in found
        ]
    if table == "council_decisions":
        found.append(Column("outcome", "string", False))
    return found


def primary_key(conn: sqlite3.Connection, table: str) -> list[str]:
    info = sorted((row[5], row[1]) for row in conn.execute(f"PRAGMA table_info({table})"))
    return [name for rank, name in info if rank > 0 and not (table in _SCOPED and name == "scope")]


def foreign_keys(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    """Keys SQLite enforces, then the references it leaves to the loader (LOGICAL_KEYS)."""
    grouped: dict[int, dict[str, Any]] = {}
    for row in conn.execute(f"PRAGMA foreign_key_list({table})"):
        key = grouped.setdefault(
            row[0], {"fields": [], "reference": {"resource": row[2], "fields": []}}
        )
        key["fields"].append(row[3])
        key["reference"]["fields"].append(row[4])
    for child, column, parent in LOGICAL_KEYS:
        if child == table:
            grouped[len(grouped) + 1000] = {
                "fields": [column],
                "reference": {"resource": parent, "fields": ["id"]},
            }
    out = []
    for key in grouped.values():
        # A single-column key is written as strings, as the Table Schema examples do.
        if len(key["fields"]) == 1:
            key["fields"] = key["fields"][0]
            key["reference"]["fields"] = key["reference"]["fields"][0]
        out.append(key)
    return out


def _resource(conn: sqlite3.Connection, table: str, fmt: Format) -> dict[str, Any]:
    fields = []
    for column in columns(conn, table):
        spec: dict[str, Any] = {"name": column.name, "type": column.type}
        if column.kept_list:
            # An array in JSON and Parquet; in CSV a text of items joined by "; ".
            spec["type"] = "array" if fmt != "csv" else "string"
            spec["description"] = "A list" + (
                f"; its items joined by {LIST_SEPARATOR!r}" if fmt == "csv" else ""
            )
        if column.type == "boolean":
            spec["trueValues"] = ["true", "1"]
            spec["falseValues"] = ["false", "0"]
        # An empty list in CSV is an empty cell, which "required" would refuse.
        if column.required and not (column.kept_list and fmt == "csv"):
            spec["constraints"] = {"required": True}
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields}
    if pk := primary_key(conn, table):
        schema["primaryKey"] = pk if len(pk) > 1 else pk[0]
    if fks := foreign_keys(conn, table):
        schema["foreignKeys"] = fks
    resource: dict[str, Any] = {
        "name": table,
        "profile": "tabular-data-resource",
        "path": f"{table}.{fmt}",
        "format": fmt,
        "description": DESCRIPTIONS.get(table, ""),
        "schema": schema,
    }
    if fmt == "csv":
        resource["mediatype"] = "text/csv"
        resource["encoding"] = "utf-8"
        resource["dialect"] = {"csv": {"delimiter": ",", "lineTerminator": "\n"}}
    elif fmt == "json":
        resource["mediatype"] = "application/json"
        resource["encoding"] = "utf-8"
    else:
        resource["mediatype"] = "application/vnd.apache.parquet"
    return resource


def _batches(
    conn: sqlite3.Connection, table: str, cols: list[Column]
) -> Iterator[list[tuple[Any, ...]]]:
    if table == "member_votes":
        sql, params = queries.member_votes_sql(conn)
    else:
        names = ", ".join(_selected(table, c) for c in cols)
        scoped = " WHERE scope = :scope" if table in _SCOPED else ""
        sql, params = f"SELECT {names} FROM {table}{scoped}", {"scope": ALL}
    cursor = conn.execute(sql, params)
    lists = [(i, c.kept_list) for i, c in enumerate(cols) if c.kept_list]
    while batch := cursor.fetchmany(_BATCH):
        if lists:
            batch = [_listed(row, lists) for row in batch]
        yield batch


_OUTCOME = (
    "CASE WHEN adopted = 1 THEN 'adopted' WHEN vetoed = 1 THEN 'vetoed'"
    " WHEN adopted = 0 THEN 'not adopted' END"
)


def _selected(table: str, column: Column) -> str:
    """How ``column`` of ``table`` is read for export (see :func:`columns`)."""
    if table == "council_decisions" and column.name == "outcome":
        return _OUTCOME
    if table in _SCOPED and column.type == "boolean":
        return f"coalesce({column.name}, 0)"
    return column.name


def _listed(row: tuple[Any, ...], lists: Sequence[tuple[int, str]]) -> tuple[Any, ...]:
    """``row`` with each list column as a list, however the store keeps it."""
    values = list(row)
    for index, kept in lists:
        value = values[index]
        if kept == "json":
            values[index] = json.loads(value) if value else []
        else:
            values[index] = [item.strip() for item in (value or "").split(";") if item.strip()]
    return tuple(values)


def _write_csv(conn: sqlite3.Connection, table: str, cols: list[Column], path: Path) -> int:
    count = 0
    flags = [c.type == "boolean" for c in cols]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([c.name for c in cols])
        for batch in _batches(conn, table, cols):
            for row in batch:
                writer.writerow([_csv_value(v, flag) for v, flag in zip(row, flags, strict=True)])
            count += len(batch)
    return count


def _csv_value(value: Any, flag: bool) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if flag and value is not None:
        return "true" if value else "false"
    return value


def _write_json(conn: sqlite3.Connection, table: str, cols: list[Column], path: Path) -> int:
    # Streamed as one array of objects so a large table never sits in memory whole.
    count = 0
    names = [c.name for c in cols]
    flags = [c.type == "boolean" for c in cols]
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for batch in _batches(conn, table, cols):
            for row in batch:
                values = [
                    bool(v) if flag and v is not None else v
                    for v, flag in zip(row, flags, strict=True)
                ]
                handle.write(",\n" if count else "\n")
                handle.write(json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False))
                count += 1
        handle.write("\n]\n" if count else "]\n")
    return count


def _parquet_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    return value


def _write_parquet(conn: sqlite3.Connection, table: str, cols: list[Column], path: Path) -> int:
    # Imported on use, not at the top: pyarrow takes a third of a second to import, which
    # every command of the CLI (all of which import this module) would otherwise pay.
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "string": pa.string(),
        "date": pa.date32(),
    }
    schema = pa.schema(
        [
            pa.field(
                c.name,
                pa.list_(pa.string()) if c.kept_list else types[c.type],
                nullable=not c.required,
            )
            for c in cols
        ]
    )
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(conn, table, cols):
            data = {
                c.name: [_parquet_value(c.type, row[i]) for row in batch]
                for i, c in enumerate(cols)
            }
            writer.write_table(pa.table(data, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


_WRITERS = {"csv": _write_csv, "json": _write_json, "parquet": _write_parquet}


def export(db_path: str | Path, fmt: Format, out_dir: str | Path) -> dict[str, int]:
    """Write one file per table of ``db_path`` into ``out_dir``, and ``datapackage.json``.

    Returns the number of rows written per table.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out} exists and is not a directory")
    conn = connect_readonly(db_path)
    try:
        out.mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        resources = []
        # One read transaction: every file comes from the same state of the database.
        conn.execute("BEGIN")
        for table in [*tables(conn), "member_votes"]:
            cols = columns(conn, table)
            counts[table] = _WRITERS[fmt](conn, table, cols, out / f"{table}.{fmt}")
            resources.append(_resource(conn, table, fmt))
        conn.execute("COMMIT")
        package = {
            "name": "repertoire",
            "title": "Repertoire of the Practice of the Security Council",
            "description": (
                "Sections, footnotes, citations, meetings, decisions and votes read from the "
                "Repertoire of the Practice of the Security Council. Every row from a source file "
                "carries its document, section, line, column and character offsets."
            ),
            "profile": "tabular-data-package",
            "resources": resources,
        }
        (out / "datapackage.json").write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise StoreError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    finally:
        conn.close()
    return counts
