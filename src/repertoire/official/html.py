"""Hand-edited HTML tables read with lxml: cells laid on a grid, text with line breaks, links.

The Library's pages are malformed in every way a hand-kept page can be: cells spanning
rows, ``<th>`` cells inside body rows, unclosed and stray tags, a note row spanning the
table. lxml's HTML parser repairs the tree; this module lays each body row's cells on the
columns of the heading row, carrying the cells that span rows down to the rows they cover.

Why one module: the parse marks line breaks and links in the tree, and the cells, their
links, the grid and the cells' paths read the tree as so marked; apart, each would repeat
what the others assume of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from lxml import etree

from repertoire.bulk import collector_off
from repertoire.official.common import (
    Findings,
    data,
    find_symbols,
    href_symbol,
    href_tail,
    pattern,
    record_suffix,
    same_document,
    squeeze,
)
from repertoire.official.records import OfficialFile

# The last bytes of a complete page hold one of these closing tags.
_CLOSINGS: Final = (b"</table", b"</html", b"</body")
_TAIL: Final = 2048
# Each spelling of an end tag "</br>" the pages use, found in one pass over the bytes.
_BR_END: Final = re.compile(rb"</(?:br|BR|Br|br )>")
_BLOCKS: Final = ("p", "div", "li")
# A line break the page makes (<br>, a block), marked apart from the newlines of the HTML
# source, which are only spaces: a cell written over several source lines is one line.
_BREAK: Final = "\u2028"


def encoding(raw: bytes) -> str:
    """UTF-8 where the bytes are UTF-8, else Windows-1252 (the two the Library's pages use)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def parse(raw: bytes) -> etree._Element | None:
    # HTML reads an end tag "</br>" as a line break (the pages use it as one); libxml2
    # drops it, which would glue "China</br>France" into one name.
    raw = _BR_END.sub(b"<br>", raw)
    parser = etree.HTMLParser(
        recover=True, remove_comments=True, no_network=True, encoding=encoding(raw)
    )
    try:
        root = etree.fromstring(raw, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is not None:
        _mark_breaks(root)
    return root


def begin(
    root: etree._Element | None, raw: bytes, path: str, kind: str
) -> tuple[OfficialFile, Findings]:
    """The record of a page being read, with the findings about the page as a whole: no
    HTML could be read (then the record holds them already), or it was cut short."""
    result = OfficialFile(path, kind)
    findings = Findings(path)
    if root is None:
        findings.error(1, "official-html", "no HTML could be read from the file")
        result.findings = findings.items
    elif not ends_cleanly(raw):
        findings.error(
            raw.count(b"\n") + 1,
            "official-truncated",
            "the page ends inside its table (no closing tag): the file looks truncated; "
            "the rows before the cut are read",
        )
    return result, findings


# Reads one table of a page into the record (the table, its number from 1, the page's tree,
# the record, its findings); whether the table was one the reader knows.
TableReader = Callable[[etree._Element, int, etree._ElementTree, OfficialFile, Findings], bool]


def read_tables(
    root: etree._Element | None,
    raw: bytes,
    path: str,
    kind: str,
    read: TableReader,
    what: str,
    found: list[etree._Element] | None = None,
) -> OfficialFile:
    """The record of a page whose tables ``read`` reads one by one; an error when it reads
    none (no table "with the headings of ``what``"). ``found``: the page's tables, where
    detection has listed them already (:func:`tables`)."""
    result, findings = begin(root, raw, path, kind)
    if root is None:
        return result
    tree = root.getroottree()
    read_any = False
    with collector_off():  # the walk makes tens of thousands of objects and no cycle
        for number, table in enumerate(tables(root) if found is None else found, start=1):
            read_any |= read(table, number, tree, result, findings)
    if not read_any:
        findings.error(1, "official-layout", f"no table with the headings of {what}")
    result.findings = findings.items
    return result


def body(all_rows: list[etree._Element], start: int) -> tuple[list[etree._Element], int]:
    """The rows of a table below its heading row (``all_rows[start - 1]``), and the number
    of the heading row's cells. Headings repeated further down are left out by
    :func:`grid`, which tells them by the cells it takes from each row."""
    return all_rows[start:], len(cells_of(all_rows[start - 1]))


def ends_cleanly(raw: bytes) -> bool:
    """Whether the page ends as a complete page does (a closing table, body or html tag)."""
    tail = raw[-_TAIL:].lower()
    return any(closing in tail for closing in _CLOSINGS)


class Link:
    """A link of a cell: its text (folded), address, where its text stands in the cell's
    text, its line; and the documents its address and its text name, found when first
    asked for and then kept (a link is checked and read by the same walk)."""

    __slots__ = ("_named", "_target", "end", "href", "line", "start", "text")

    def __init__(self, text: str, href: str | None, start: int, end: int, line: int):
        self.text = text
        self.href = href
        self.start = start
        self.end = end
        self.line = line
        self._target: str | bool | None = False  # False: not yet looked for
        self._named: tuple[tuple[str, int, int], ...] | None = None

    def __repr__(self) -> str:
        return f"Link({self.text!r}, {self.href!r}, {self.start}, {self.end}, {self.line})"

    @property
    def target(self) -> str | None:
        """The document the address names (:func:`href_symbol`)."""
        target = self._target
        if target is False:
            target = self._target = href_symbol(self.href)
        return target  # type: ignore[return-value]

    @property
    def named(self) -> tuple[tuple[str, int, int], ...]:
        """The documents the text names, with where (:func:`find_symbols`)."""
        named = self._named
        if named is None:
            named = self._named = find_symbols(self.text)
        return named


class Cell:
    """A cell's text (line breaks where the page breaks lines) and its links.

    The links are found when first asked for: most cells read are wanted for their text.
    """

    __slots__ = ("_links", "_plain", "element", "text")

    def __init__(self, element: etree._Element, text: str, links: list[Link] | None = None):
        self.element = element
        self.text = text
        self._links = links
        self._plain: str | None = None

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = _links(self.element, self.text)
        return self._links

    @property
    def line(self) -> int:
        return self.element.sourceline or 1

    @property
    def plain(self) -> str:
        # Asked several times of a row's record and date cells: folded once.
        if self._plain is None:
            self._plain = squeeze(self.text)
        return self._plain

    def lines(self) -> list[str]:
        if "\n" not in self.text:  # one line (most cells): its folded text, kept
            plain = self.plain
            return [plain] if plain else []
        return [line for line in map(squeeze, self.text.split("\n")) if line]


class Cells:
    """Each element's :class:`Cell`, made once: a cell spanning rows is met in each.

    Not a dictionary with ``__missing__``: compiled, its subscript is a native call, where
    a dictionary's miss looks up and calls ``__missing__`` as Python does, for most cells.
    """

    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: dict[etree._Element, Cell] = {}

    def __getitem__(self, element: etree._Element) -> Cell:
        found = self._made.get(element)
        if found is None:
            found = self._made[element] = cell(element)
        return found


def cell(element: etree._Element) -> Cell:
    """The cell's text and links (the tree was marked up by :func:`parse` for line breaks)."""
    # A cell without children (most) is its own text, and holds no link unless it is one.
    children = len(element)
    if children:
        only = element[0] if children == 1 and element.tag != "a" else None
        tag = only.tag if only is not None and not len(only) else None
        if only is not None and isinstance(tag, str):
            # One child without children (most record cells: a link): the text around
            # it and its own, as libxml2 joins them, and its link read with them.
            inner = only.text or ""
            text = broken((element.text or "") + inner + (only.tail or ""))
            return Cell(
                element, text, _links(element, text, only, broken(inner)) if tag == "a" else []
            )
        text = etree.tostring(element, method="text", encoding=str, with_tail=False)
        return Cell(element, broken(text))
    own: str | None = element.text  # typed: its replacements are then calls in C
    return Cell(
        element,
        own.replace("\n", " ").replace(_BREAK, "\n") if own else "",
        None if element.tag == "a" else [],
    )


def broken(text: str) -> str:
    """Text as the page shows it: a newline where the page breaks a line, and only there."""
    return text.replace("\n", " ").replace(_BREAK, "\n")


def text_of(element: etree._Element) -> str:
    """Every piece of text inside ``element`` joined, as ``"".join(element.itertext())``
    gives it, but joined by libxml2 in C (comments and processing instructions left out)."""
    if not len(element):  # no child (most cells and links): its own text is all of it
        return element.text or ""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def _links(
    element: etree._Element,
    text: str,
    one: etree._Element | None = None,
    one_text: str = "",
) -> list[Link]:
    """The links of a cell whose text is ``text``; ``one``: its only link, whose text
    (``one_text``, as :func:`broken` gives it) was read with the cell's."""
    links: list[Link] = []
    at = 0
    for anchor in _anchors(element) if one is None else (one,):
        if one is not None:
            inner = one_text
        else:
            inner = broken(
                (anchor.text or "")
                if not len(anchor)
                else etree.tostring(anchor, method="text", encoding=str, with_tail=False)
            )
        start = text.find(inner, at)
        if start < 0:
            start = at
        at = start + len(inner)
        links.append(
            Link(" ".join(inner.split()), anchor.get("href"), start, at, anchor.sourceline or 1)
        )
    return links


def hrefs(element: etree._Element) -> list[str | None]:
    """The addresses of the links in ``element``, in order (their text left unread)."""
    return [anchor.get("href") for anchor in _anchors(element)]


def _anchors(element: etree._Element) -> Iterable[etree._Element]:
    """The links in ``element``, itself too if it is one. One child without children (most
    cells holding a link) is looked at directly: a filtered walk costs more to set up."""
    if element.tag != "a" and len(element) == 1 and not len(only := element[0]):
        return (only,) if only.tag == "a" else ()
    return element.iter("a")


def _mark_breaks(root: etree._Element) -> None:
    """Line breaks as newlines in the text, and spaces around links ("resolutionS/2099/1").

    A walk for each kind of mark, which then needs no element's tag: each element's text
    or tail is its own, so the order in which they are marked changes nothing.
    """
    for element in root.iter("a"):
        try:
            element.text = " " + (element.text or "")
            element.tail = " " + (element.tail or "")
        except ValueError:  # text with control characters lxml will not set again
            continue
    for element in root.iter("br"):
        try:
            element.tail = _BREAK + (element.tail or "")
        except ValueError:
            continue
    for element in root.iter(*_BLOCKS):
        try:
            element.text = _BREAK + (element.text or "")
        except ValueError:
            continue


def tables(root: etree._Element) -> list[etree._Element]:
    """The page's tables, in order: a walk over every element, made once for a page that
    is both detected and read (:class:`repertoire.official.registry.Head`)."""
    return list(root.iter("table"))


def rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (not those of a table nested in it)."""
    return list(_own_rows(table))


def _own_rows(table: etree._Element) -> Iterator[etree._Element]:
    return (tr for tr in table.iter("tr") if _owner(tr) is table)


_SECTIONS: Final = frozenset({"tbody", "thead", "tfoot"})


def _owner(tr: etree._Element) -> etree._Element | None:
    parent = tr.getparent()  # nearly always the table, or a section of it
    if parent is not None:
        if parent.tag == "table":
            return parent
        above = parent.getparent() if parent.tag in _SECTIONS else None
        if above is not None and above.tag == "table":
            return above
    return next(tr.iterancestors("table"), None)


_CELL_TAGS: Final = ("td", "th")


class Paths:
    """The path ``tree.getpath`` gives each cell of a table, made from the path of its row's
    parent, looked up once, and the places of the row and the cell among their siblings.

    libxml2 makes each path by counting, for every ancestor, its earlier siblings: a cell
    far down a long table costs as many steps as rows above it. The path names an element
    by its tag, with its place among the siblings of that tag ("tr[3]") only where it has
    such siblings ("/html/body/table/tr[3]/td[2]"), as here.
    """

    __slots__ = ("_rows", "_table", "_tree")

    def __init__(self, tree: etree._ElementTree, rows: list[etree._Element]) -> None:
        self._tree = tree
        self._table = rows
        self._rows: dict[etree._Element, str] | None = None

    def _row_paths(self) -> dict[etree._Element, str]:
        # Every ``tr`` child of a row's parent is a row of the same table (:func:`_owner`
        # gives siblings one owner), so the parent's rows counted here are all it holds.
        siblings: dict[etree._Element, list[etree._Element]] = {}
        for tr in self._table:
            parent = tr.getparent()
            if parent is not None:
                held = siblings.get(parent)
                if held is None:
                    siblings[parent] = [tr]
                else:
                    held.append(tr)
        paths: dict[etree._Element, str] = {}
        for parent, trs in siblings.items():
            base = self._tree.getpath(parent)
            if len(trs) == 1:
                paths[trs[0]] = base + "/tr"
            else:
                for place, tr in enumerate(trs, start=1):
                    paths[tr] = f"{base}/tr[{place}]"
        return paths

    def of(self, element: etree._Element, row: Row | None = None) -> str:
        """The path of a cell of one of the table's rows (of any other element, looked up);
        ``row``: the row being read, whose own cells, if this is one, are its siblings."""
        rows = self._rows
        if rows is None:
            rows = self._rows = self._row_paths()
        tag = element.tag
        if tag not in _CELL_TAGS:
            return self._tree.getpath(element)
        place = 0  # among the children of its tag, counted from 1
        count = 0
        tr: etree._Element | None = None
        if row is not None:
            # The row's own cells are its children of these tags: counted in one pass, by
            # their places alone where all are of one tag (most rows: no ``th``).
            own = row.own
            ths = row.ths
            if (ths == 0 and tag == "td") or (ths == len(own) and tag == "th"):
                count = len(own)
                for index in range(count):
                    if own[index] is element:
                        place = index + 1
                        break
            else:
                for e in own:
                    if e.tag == tag:
                        count += 1
                        if e is element:
                            place = count
            if place:
                tr = row.tr
        if not place:
            tr = element.getparent()
            count = 0
            for e in tr.iterchildren(tag) if tr is not None else ():
                count += 1
                if e is element:
                    place = count
        base = rows.get(tr) if tr is not None else None
        if base is None:
            return self._tree.getpath(element)
        if count == 1:
            return f"{base}/{tag}"
        return f"{base}/{tag}[{place}]"


def cells_of(tr: etree._Element) -> list[etree._Element]:
    # Tags matched by lxml: a little less than each child's tag made a string to compare.
    return list(tr.iterchildren(*_CELL_TAGS))


def cell_span(element: etree._Element, name: str) -> int:
    value = element.get(name)
    if value is None:
        return 1
    value = value.strip()
    return max(1, min(int(value), 100)) if value.isdigit() else 1


def has_table(
    root: etree._Element | None,
    first_rows: int,
    fields: tuple[str, str],
    title: str,
    found: list[etree._Element] | None = None,
) -> bool:
    """Whether a parsed page holds a table whose heading, in its first rows, names both
    ``fields``, or whose title row matches the pattern ``title`` of ``official.toml``'s
    library section. ``found``: the page's tables, if listed already (:func:`tables`)."""
    if root is None:
        return False
    for table in tables(root) if found is None else found:
        # Only the first rows: a kind is told from them, not from every row of the table.
        # Walked here, stopping there: compiled, :func:`_own_rows` lists every row first.
        seen = 0
        for tr in table.iter("tr"):
            if seen >= first_rows:
                break
            if _owner(tr) is not table:
                continue
            seen += 1
            named = heading(tr)
            if named and all(f in named.values() for f in fields):
                return True
            if pattern("library", title).search(squeeze(text_of(tr))):
                return True
    return False


# Each column's field and the search for its heading, in the order they are tried, looked up
# once: a page's heading rows are read for each kind detection asks about, then to read.
_COLUMNS: Final = tuple(
    (name, pattern("library.columns", name).search) for name in data()["library"]["columns"]
)


def heading(tr: etree._Element) -> dict[int, str] | None:
    """The fields of a heading row by column, or ``None`` if the row is no heading."""
    # A row with a ``<td>`` of its own is no heading: most rows are told so by their first
    # cell, without a path lookup (``find``) for each row.
    for child in tr:
        if child.tag == "td":
            return None
    cells = cells_of(tr)
    if len(cells) < 3 or any(c.tag != "th" for c in cells) or tr.find(".//a") is not None:
        return None
    fields: dict[int, str] = {}
    for index, element in enumerate(cells):
        text = squeeze(text_of(element))
        for name, search in _COLUMNS:
            if search(text):
                fields[index] = name
                break
    return fields if len(fields) >= 3 else None


@dataclass(slots=True, init=False)
class Row:
    """One body row laid on the columns: ``cells[field]``, and which came from above."""

    tr: etree._Element
    number: int  # 1-based among the table's body rows
    own: list[etree._Element]  # the row's own cells, as written
    cells: dict[str, etree._Element]
    carried: frozenset[str]
    extra: int  # cells beyond the heading's columns
    missing: int  # columns no cell covers
    ths: int  # how many of its own cells are ``th`` (-1: not counted)

    # Written out: compiled, the class's own __init__ is a native constructor (one a row).
    def __init__(
        self,
        tr: etree._Element,
        number: int,
        own: list[etree._Element],
        cells: dict[str, etree._Element],
        carried: frozenset[str],
        extra: int,
        missing: int,
        ths: int = -1,
    ) -> None:
        self.tr = tr
        self.number = number
        self.own = own
        self.cells = cells
        self.carried = carried
        self.extra = extra
        self.missing = missing
        self.ths = ths

    @property
    def line(self) -> int:
        return self.tr.sourceline or 1


def _carry_down(
    pending: dict[int, tuple[etree._Element, int]],
    column: int,
    placed: dict[int, etree._Element],
    carried: set[int],
) -> None:
    """Place in ``column`` the cell that spans down from a row above; one row less to go."""
    element, left = pending[column]
    placed[column] = element
    carried.add(column)
    if left <= 1:
        del pending[column]
    else:
        pending[column] = (element, left - 1)


_NONE: Final[frozenset[str]] = frozenset()


def grid(body: list[etree._Element], columns: dict[int, str], width: int) -> Iterator[Row]:
    """Body rows, headings repeated among them left out, with the cells that span rows
    carried down to the rows they cover."""
    pending: dict[int, tuple[etree._Element, int]] = {}
    # Fields in column order (a row without spans is laid by index), zipped in C where
    # they are the first columns, none unnamed between.
    named = sorted(columns.items())
    names = [name for _, name in named] if list(columns) == list(range(len(columns))) else None
    number = 0
    for tr in body:
        # As :func:`cells_of`: the children taken at once and their tags read cost less than
        # a walk matching tags, set up again for each row.
        own: list[etree._Element] = []
        ths = 0
        for child in tr[:]:
            tag = child.tag
            if tag == "td":
                own.append(child)
            elif tag == "th":
                own.append(child)
                ths += 1
        if ths == len(own) and heading(tr) is not None:
            continue  # a row with a ``td`` is no heading: most are told so by the count
        number += 1
        spanned = bool(pending)
        if not spanned:
            for e in own:
                # One call for the names of a cell's attributes (most have none): cheaper.
                held = e.keys()
                if held and ("colspan" in held or "rowspan" in held):
                    spanned = True
                    break
        if not spanned:
            # Most rows: one column per cell, nothing carried from above.
            laid = min(len(own), width)
            yield Row(
                tr,
                number,
                own,
                dict(zip(names, own, strict=False))
                if names
                else {name: own[i] for i, name in named if i < laid},
                _NONE,
                len(own) - laid,
                width - laid,
                ths,
            )
            continue
        placed: dict[int, etree._Element] = {}
        carried: set[int] = set()
        column = 0
        queue = list(own)
        extra = 0
        while queue:
            while column in pending:
                _carry_down(pending, column, placed, carried)
                column += 1
            element = queue.pop(0)
            span = cell_span(element, "colspan")
            if column >= width:
                extra += 1
                continue
            rowspan = cell_span(element, "rowspan")
            for offset in range(span):
                if column + offset < width:
                    placed[column + offset] = element
                    if rowspan > 1:
                        pending[column + offset] = (element, rowspan - 1)
            column += span
        for index in sorted(pending):
            if index >= column and index not in placed:
                _carry_down(pending, index, placed, carried)
        missing = sum(1 for i in range(width) if i not in placed)
        yield Row(
            tr,
            number,
            own,
            {columns[i]: e for i, e in placed.items() if i in columns},
            frozenset(columns[i] for i in carried if i in columns),
            extra,
            missing,
            ths,
        )


def _record_and_more(text: str, tail: str) -> bool:
    """Whether a link's text is a meeting's record alone ("S/PV.1234") and its address's
    end that record followed by a parenthesis that is no suffix of a record
    ("S/PV.1234(OR)"): the address then names the text's record, found without a look-up."""
    size = len(text)
    return (
        text[:5] == "S/PV."
        and text[5:].isdecimal()
        and tail[size : size + 1] == "("
        and tail.startswith(text)
        and record_suffix().match(tail, size) is None
    )


def check_links(found: Cell, findings: Findings, subject: str | None = None) -> None:
    """Report a link whose text names another document than its address."""
    for link in found.links:
        text = link.text
        tail = href_tail(link.href)
        if tail == text and len(link.named) == 1:
            # The address ends in the text, which names one document (most record cells):
            # the two agree, and the address need not be read for a symbol.
            continue
        named = link.named
        if not named:
            continue  # a text naming nothing ("Communiqué") is never read against its address
        if tail is not None and _record_and_more(text, tail):
            continue
        target = link.target
        if target is None:
            continue
        if len(named) > 1 or not same_document(named[0][0], target):
            findings.warning(
                link.line,
                "official-link",
                f"link text {link.text!r} disagrees with its address, which names {target}",
                subject=subject or named[0][0],
            )
