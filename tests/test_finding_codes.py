"""Finding codes: spelled out where a finding is made, never built from another code, and
documented exactly as the package makes them (docs/record.md's table of findings and
docs/official.md's list of the audit's codes), so that grepping a code finds where it is
made and the documentation cannot drift from the code."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "repertoire"
CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_BACKTICKED = re.compile(r"`([^`]+)`")


@dataclass
class Makers:
    """What makes a finding: by the name it is called by, where its code stands among the
    positional arguments and under which keyword."""

    positions: dict[str, set[int]] = field(default_factory=dict)
    keywords: dict[str, set[str]] = field(default_factory=dict)

    def add(self, name: str, position: int | None, keyword: str) -> bool:
        """Whether this is new."""
        positions = self.positions.setdefault(name, set())
        keywords = self.keywords.setdefault(name, set())
        new = keyword not in keywords or (position is not None and position not in positions)
        keywords.add(keyword)
        if position is not None:
            positions.add(position)
        return new

    def codes(self, call: ast.Call) -> list[ast.expr]:
        """The arguments of a call that are codes of findings."""
        name = _called(call)
        if name not in self.positions:
            return []
        at = self.positions[name]
        found = [arg for index, arg in enumerate(call.args) if index in at]
        return found + [k.value for k in call.keywords if k.arg in self.keywords[name]]


def _called(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef]]:
    """Each function with the name it is called by (a class's for its ``__init__``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, ast.FunctionDef) and inner.name == "__init__":
                    yield node.name, inner
        if isinstance(node, ast.FunctionDef) and node.name != "__init__":
            yield node.name, node


def _parameters(function: ast.FunctionDef) -> tuple[list[str], list[str]]:
    positional = [a.arg for a in function.args.args]
    if positional[:1] in (["self"], ["cls"]):
        positional = positional[1:]
    return positional, [a.arg for a in function.args.kwonlyargs]


def _is_code(parameter: str) -> bool:
    """A parameter that carries a finding's code is named so (``code``, ``count_code``)."""
    return parameter == "code" or parameter.endswith("_code")


def makers(trees: list[ast.Module]) -> Makers:
    """The records a finding is made as (the classes with a ``code`` field), and every
    function that passes one of its parameters on as a finding's code. Calls are known by
    the name called, whatever the object: a method of a report is found as ``add``."""
    found = Makers()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                fields = [
                    s.target.id
                    for s in node.body
                    if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                ]
                if "code" in fields:
                    found.add(node.name, fields.index("code"), "code")
    changed = True
    while changed:
        changed = False
        for tree in trees:
            for name, function in _functions(tree):
                positional, keyword_only = _parameters(function)
                for call in ast.walk(function):
                    if not isinstance(call, ast.Call):
                        continue
                    for arg in found.codes(call):
                        if not isinstance(arg, ast.Name) or not _is_code(arg.id):
                            continue
                        if arg.id in positional:
                            changed |= found.add(name, positional.index(arg.id), arg.id)
                        elif arg.id in keyword_only:
                            changed |= found.add(name, None, arg.id)
    return found


@dataclass
class Spelled:
    codes: dict[str, list[str]] = field(default_factory=dict)  # code -> where it is made
    built: list[str] = field(default_factory=list)  # where a code is computed


def _module_dicts(tree: ast.Module) -> dict[str, ast.Dict]:
    return {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _loop_over(function: ast.AST, name: str) -> ast.expr | None:
    """What a loop of the function iterates over to bind ``name``."""
    for node in ast.walk(function):
        if isinstance(node, (ast.For, ast.comprehension)) and any(
            isinstance(t, ast.Name) and t.id == name for t in ast.walk(node.target)
        ):
            return node.iter
    return None


def spelled(trees: dict[str, ast.Module]) -> Spelled:
    """Every code written where a finding is made, and every place one is computed
    instead (an f-string, ``.replace``, a concatenation). A name passes a code on (a
    parameter, a finding's ``.code``, a stored row's): its value is spelled elsewhere."""
    known = makers(list(trees.values()))
    out = Spelled()
    for place, tree in trees.items():
        dicts = _module_dicts(tree)
        enclosing = {id(inner): f for _, f in _functions(tree) for inner in ast.walk(f)}
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            for arg in known.codes(call):
                where = f"{place}:{call.lineno}"
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    out.codes.setdefault(arg.value, []).append(where)
                elif (table := _literal_table(arg, enclosing.get(id(call)), dicts)) is not None:
                    # A loop over a table written in the module: each code is spelled there.
                    for value in table.values:
                        if isinstance(value, ast.Constant) and isinstance(value.value, str):
                            out.codes.setdefault(value.value, []).append(where)
                elif not isinstance(arg, (ast.Name, ast.Attribute, ast.Subscript)):
                    out.built.append(f"{where}: {ast.unparse(arg)}")
    return out


def _literal_table(
    arg: ast.expr, function: ast.AST | None, dicts: dict[str, ast.Dict]
) -> ast.Dict | None:
    """The module's dict whose values a loop binds ``arg`` to (``for name, code in
    FIELDS.items()``), if that is where the code comes from."""
    if not isinstance(arg, ast.Name) or function is None:
        return None
    over = _loop_over(function, arg.id)
    if (
        isinstance(over, ast.Call)
        and isinstance(over.func, ast.Attribute)
        and over.func.attr in ("items", "values")
        and isinstance(over.func.value, ast.Name)
    ):
        return dicts.get(over.func.value.id)
    return None


@cache
def _package() -> Spelled:
    return spelled(
        {
            str(path.relative_to(PACKAGE)): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(PACKAGE.rglob("*.py"))
        }
    )


def documented() -> set[str]:
    """The codes docs/record.md's table of findings and docs/official.md's list name."""
    record = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    table = record.split("\n## Finding\n", 1)[1].split("\n## ", 1)[0]
    cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    official = (ROOT / "docs" / "official.md").read_text(encoding="utf-8")
    listed = official.split("Codes:", 1)[1].strip().split("\n\n", 1)[0]
    words = [w for text in (*cells, listed) for w in _BACKTICKED.findall(text)]
    return {w for w in words if CODE.match(w)}


def test_every_code_is_spelled_out_where_a_finding_is_made() -> None:
    assert _package().built == []


def test_the_documented_codes_are_exactly_those_made() -> None:
    made = set(_package().codes)
    docs = documented()
    assert sorted(made - docs) == [], "made but not documented"
    assert sorted(docs - made) == [], "documented but never made"


def test_a_code_built_from_another_is_found() -> None:
    tree = ast.parse(
        "class Finding:\n"
        "    code: str\n"
        "class Report:\n"
        "    def add(self, severity, offset, code, message):\n"
        "        Finding(code)\n"
        "def count(report, code):\n"
        "    report.add('info', 0, code.replace('-count', '-unlisted'), 'none listed')\n"
        "    Finding(code)\n"
        "def field(report, name):\n"
        "    Finding(f'reconcile-{name}')\n"
        "def made(report):\n"
        "    count(report, 'speaker-count')\n"
    )
    found = spelled({"x.py": tree})
    assert found.built == [
        "x.py:7: code.replace('-count', '-unlisted')",
        "x.py:10: f'reconcile-{name}'",
    ]
    assert set(found.codes) == {"speaker-count"}
