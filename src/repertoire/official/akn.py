"""Akoma Ntoso for the UN (AKN4UN): a draft resolution that was not adopted, or a resolution.

The facts are in ``<meta>``: the workflow (``<step outcome="draftResolution" by="sponsors">``,
then ``<step outcome="veto|notAdopted|adopted" as="S/PV.1234" by="what happened">``), the
vote (``<voting><count refersTo="inFavour" value="013">`` with ``<organization>`` voters) and
the classification (agenda item, title); the symbol is the cover page's ``<docNumber>``.
Broken XML is read as far as the parser can recover it, and each parser error is reported.
"""

from __future__ import annotations

import re

from lxml import etree

from repertoire.official.common import (
    Findings,
    data,
    find_symbols,
    local_name,
    parse_date,
    split_names,
    squeeze,
)
from repertoire.official.records import Attestation, OfficialDecision, OfficialFile, Tally
from repertoire.read import symbols
from repertoire.records import Vote

KIND = "akn4un"
ROOT = "akomaNtoso"
_PARENTHESES = re.compile(r"\(([^()]*)\)")


def parse(data_bytes: bytes) -> tuple[etree._Element | None, list]:
    """The document's root element (``None`` if nothing could be read) and the parser errors."""
    # No table of xml:id values (a tenth of the parse): nothing is looked up by one, and
    # an id given twice, which the parser would report, says nothing of the text.
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, huge_tree=False, collect_ids=False
    )
    try:
        root = etree.fromstring(data_bytes, parser)
    except etree.XMLSyntaxError:
        root = None
    return root, list(parser.error_log)


def is_root(root: etree._Element | None) -> bool:
    return root is not None and local_name(root.tag) == ROOT


def read(data_bytes: bytes, path: str) -> OfficialFile:
    root, errors = parse(data_bytes)
    return read_tree(root, errors, path)


def read_tree(root: etree._Element | None, errors: list, path: str) -> OfficialFile:
    result = OfficialFile(path, KIND)
    findings = Findings(path)
    for error in errors[:20]:
        findings.error(
            error.line,
            "official-xml",
            f"the XML is broken: {error.message.strip()}; read as far as it goes",
            column=error.column,
        )
    if not is_root(root):
        findings.error(1, "official-xml", "no <akomaNtoso> document could be read")
        result.findings = findings.items
        return result
    assert root is not None
    decision = _decision(root, path, findings)
    if decision is not None:
        result.decisions.append(decision)
    result.findings = findings.items
    return result


def _local(element: etree._Element) -> str:
    return local_name(element.tag)


def _path(element: etree._Element) -> str:
    """A readable XPath: local names from the root (``/akomaNtoso/statement/meta/...``)."""
    names = [_local(e) for e in (*reversed(list(element.iterancestors())), element)]
    return "/" + "/".join(n for n in names if n)


def _first(root: etree._Element, tag: str, /, **attributes: str) -> etree._Element | None:
    """The first element named ``tag`` whose attributes have the values given (any case)."""
    for element in root.iter("{*}" + tag):  # as :func:`_all` finds them
        if all((element.get(k) or "").casefold() == v.casefold() for k, v in attributes.items()):
            return element
    return None


def _all(root: etree._Element, name: str) -> list[etree._Element]:
    # Matched by lxml, by local name in any namespace or none ("{*}"): the elements, in
    # order, of a walk over every element with its name made a string to compare.
    return list(root.iter("{*}" + name))


def _decision(root: etree._Element, path: str, findings: Findings) -> OfficialDecision | None:
    spec = data()["akn"]
    number = _first(root, "docNumber")
    symbol_text = squeeze(number.text) if number is not None else ""
    if not symbol_text:
        findings.error(1, "official-xml", "the document has no <docNumber> symbol; skipped")
        return None
    symbol = symbols.normalise(symbol_text)
    statement = next((e for e in root if _local(e) and _local(e) != "meta"), root)
    adopted: bool | None = None
    vetoed = False
    record: str | None = None
    date: str | None = None
    outcome_text = ""
    vetoed_by: list[str] = []
    sponsors: list[str] = []
    for step in _all(root, "step"):
        outcome = (step.get("outcome") or "").casefold()
        by = squeeze(step.get("by"))
        if outcome == "draftresolution":
            sponsors = split_names(by)
            continue
        if (
            outcome in spec["vetoed"]
            or outcome in spec["not_adopted"]
            or outcome in spec["adopted"]
        ):
            adopted = outcome in spec["adopted"]
            vetoed = outcome in spec["vetoed"]
            outcome_text = by
            found = find_symbols(step.get("as") or "")
            record = found[0][0] if found else None
            date = parse_date(step.get("date") or "")
            if vetoed:
                vetoed_by = _vetoing(by)
    if adopted is None:
        findings.warning(
            _line(statement),
            "official-xml",
            f"{symbol}: the workflow gives no outcome",
            subject=symbol,
        )
    if date is None:
        voting_date = _first(root, "FRBRdate", name="voting")
        date = parse_date(voting_date.get("date") or "") if voting_date is not None else None
    doc_date = _first(root, "docDate")
    date_text = squeeze(doc_date.text) if doc_date is not None else (date or "")
    lists, counts, where = _votes(root, spec)
    tally = None
    if counts:
        written = "-".join(counts.get(k, "") for k in ("in_favour", "against", "abstaining"))
        # A count left out (no one abstained) is a zero; one written badly is unknown.
        numbers = [_int(counts.get(k, "0")) for k in ("in_favour", "against", "abstaining")]
        tally = Tally(written, Vote(*numbers) if all(n is not None for n in numbers) else None)  # type: ignore[arg-type]
    anchor = where if where is not None else statement
    agenda = _first(root, "keyword", refersTo="agenda", dictionary="S/")
    title = _first(root, "keyword", refersTo="title")
    is_resolution = "/RES/" in symbol.upper()
    return OfficialDecision(
        kind="resolution" if is_resolution else "draft_resolution",
        symbol=symbol,
        record=record,
        date=date,
        date_text=date_text,
        draft=None if is_resolution else symbol,
        adopted=adopted,
        outcome_text=outcome_text,
        tally=tally,
        in_favour=lists.get("in_favour", []),
        against=lists.get("against", []),
        abstaining=lists.get("abstaining", []),
        not_participating=lists.get("not_participating", []),
        vetoed_by=vetoed_by,
        agenda=squeeze(agenda.get("showAs")) or None if agenda is not None else None,
        title=squeeze(title.get("value")) or None if title is not None else None,
        sponsors=sponsors,
        attestation=Attestation(KIND, path, _line(anchor), None, _path(anchor)),
    )


def _line(element: etree._Element | None) -> int:
    return (element.sourceline or 1) if element is not None else 1


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _votes(
    root: etree._Element, spec: dict
) -> tuple[dict[str, list[str]], dict[str, str], etree._Element | None]:
    lists: dict[str, list[str]] = {}
    counts: dict[str, str] = {}
    voting = _first(root, "voting")
    for element in _all(root, "count"):
        key = spec["counts"].get((element.get("refersTo") or "").casefold())
        if key is None:
            continue
        counts[key] = squeeze(element.get("value"))
        lists[key] = [squeeze(o.text) for o in _all(element, "organization") if squeeze(o.text)]
    return lists, counts, voting


def _vetoing(text: str) -> list[str]:
    """The members in "... the negative vote of a permanent member (Freedonia and Sylvania)"."""
    for group in _PARENTHESES.findall(text):
        if group.strip() and not find_symbols(group):
            return split_names(group)
    return []
