"""The JSON Schema of the record, derived from the record dataclasses.

The schema shipped in ``schema/record.schema.json`` is this function's output;
a test keeps the two equal and validates the sample's record against it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from importlib import resources
from typing import Any

from repertoire import records

_RENAMED = {"Vote": {"in_favour": "for"}}
_HIDDEN = {"Document": {"text"}}
_PRIMITIVES = {str: "string", int: "integer", bool: "boolean", float: "number"}


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    if hint in _PRIMITIVES:
        return {"type": _PRIMITIVES[hint]}
    if hint is dt.date:
        return {"type": "string"}  # written in ISO 8601
    if origin in (typing.Union, types.UnionType):
        options = [_type(a, defs) for a in typing.get_args(hint) if a is not type(None)]
        nullable = type(None) in typing.get_args(hint)
        if len(options) == 1 and "type" in options[0] and nullable:
            return {**options[0], "type": [options[0]["type"], "null"]}
        return {"anyOf": [*options, *([{"type": "null"}] if nullable else [])]}
    if origin is list:
        return {"type": "array", "items": _type(typing.get_args(hint)[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(typing.get_args(hint)[1], defs)}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(hint))}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        _define(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no schema for {hint!r}")


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}
    hints = typing.get_type_hints(cls, vars(records))
    renamed = _RENAMED.get(cls.__name__, {})
    hidden = _HIDDEN.get(cls.__name__, set()) | getattr(cls, "NOT_IN_JSON", set())
    properties = {
        renamed.get(f.name, f.name): _type(hints[f.name], defs)
        for f in dataclasses.fields(cls)
        if f.name not in hidden
    }
    defs[cls.__name__] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def record_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    _define(records.Document, defs)
    document = defs.pop("Document")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://repertoire.invalid/schema/record.schema.json",
        "title": "A Repertoire document as read by repertoire",
        **document,
        "$defs": dict(sorted(defs.items())),
    }


def shipped() -> dict[str, Any]:
    path = resources.files("repertoire").joinpath("schema").joinpath("record.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def main() -> None:
    print(json.dumps(record_schema(), indent=2))
