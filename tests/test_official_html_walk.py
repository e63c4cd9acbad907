"""The walk over a Library page's cells: each cell's text and links read once, a link's
documents found once and kept, the cycle collector left as it was found."""

from __future__ import annotations

import gc

import pytest

from repertoire import official
from repertoire.official import common, html, library

PAGE = b"""<html><table>
<tr><th>Meeting Record</th><th>Date</th><th>Topic</th><th>Outcome / Vote</th></tr>
<tr><td><a href="https://undocs.org/en/S/PV.9999">S/PV.9999</a></td><td>2 May</td>
<td>Freedonia</td>
<td>Draft resolution <a href="https://undocs.org/en/S/2099/12">S/2099/13</a>
vetoed by UK<br>9-1-0</td></tr>
</table></html>"""


def _cells(raw: bytes) -> list[html.Cell]:
    root = html.parse(raw)
    assert root is not None
    return [html.cell(element) for element in root.iter("td")]


def test_a_cell_without_children_is_its_own_text_and_holds_no_link():
    cells = _cells(b"<table><tr><td>2\xc2\xa0May</td><td></td></tr></table>")
    assert [c.text for c in cells] == ["2\xa0May", ""]
    assert [c.links for c in cells] == [[], []]


def test_a_cell_with_children_reads_as_itertext_joins_it_with_its_links_placed():
    root = html.parse(PAGE)
    assert root is not None
    outcome = root.findall(".//td")[-1]
    found = html.cell(outcome)
    assert found.text == html.broken("".join(outcome.itertext()))
    [link] = found.links
    assert (link.text, link.href) == ("S/2099/13", "https://undocs.org/en/S/2099/12")
    assert found.text[link.start : link.end].strip() == "S/2099/13"


def test_a_link_element_read_as_a_cell_is_its_own_link():
    root = html.parse(b'<p><a href="https://undocs.org/en/S/PV.1">S/PV.1</a></p>')
    assert root is not None
    [anchor] = root.iter("a")
    assert [link.text for link in html.cell(anchor).links] == ["S/PV.1"]


def test_a_links_documents_are_found_once_for_the_check_and_the_outcome():
    found = official.read_bytes(PAGE, "t.html")
    # The link's text names another draft than its address: reported once, and kept.
    assert [f.code for f in found.findings].count("official-link") == 1
    [decision] = found.decisions
    assert (decision.symbol, decision.also) == ("S/2099/13", {"symbol": "S/2099/12"})
    # Walked as the reader walks them (a look-up is seen in what a link keeps: compiled,
    # a function called from compiled code cannot be replaced to count its calls).
    root = html.parse(PAGE)
    assert root is not None
    cells = html.Cells()
    record_td, *_, outcome_td = root.iter("td")
    record, outcome = cells[record_td], cells[outcome_td]
    checked = common.Findings("t.html")
    html.check_links(record, checked)
    html.check_links(outcome, checked, "S/PV.9999")
    [record_link], [outcome_link] = record.links, outcome.links
    # The record's link, whose address ends in its text, agrees with it without a look-up;
    assert record_link._target is False
    # the outcome's address is looked up for the check, and kept for the outcome.
    assert outcome_link._target == "S/2099/12"
    assert [f.code for f in checked.items] == ["official-link"]
    [again] = library.outcome_decisions(outcome)
    assert again.also == {"symbol": "S/2099/12"}


def test_a_link_keeps_what_it_found():
    link = html.Link("S/2099/13", "https://undocs.org/en/S/2099/12", 0, 9, 1)
    assert link.target == "S/2099/12"
    assert link.named == (("S/2099/13", 0, 9),)
    no_address = html.Link("S/PV.1", None, 0, 6, 1)
    assert no_address.target is None
    assert no_address.target is None  # None is kept as found, not looked for again


@pytest.mark.parametrize("collecting", [True, False])
def test_the_cycle_collector_is_left_as_it_was_found(collecting):
    was = gc.isenabled()
    try:
        if collecting:
            gc.enable()
        else:
            gc.disable()
        official.read_bytes(PAGE, "t.html")
        assert gc.isenabled() is collecting
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def test_a_row_says_its_line_when_asked():
    rows = b"<tr><td>S/PV.1</td><td>1 May</td><td>A</td><td>--</td><td>extra</td></tr>"
    raw = PAGE.replace(b"</table>", rows + b"</table>")
    found = official.read_bytes(raw, "t.html")
    [extra] = [f for f in found.findings if f.code == "official-row"]
    assert extra.line == raw[: raw.index(rows)].count(b"\n") + 1


def test_a_tables_cells_read_as_each_cell_alone():
    root = html.parse(PAGE + b'<p><a href="https://undocs.org/en/S/PV.1">S/PV.1</a></p>')
    assert root is not None
    made = html.Cells()
    for element in [*root.iter("td", "th"), *root.iter("a")]:
        alone = html.cell(element)
        assert (made[element].text, repr(made[element].links)) == (alone.text, repr(alone.links))
        assert made[element] is made[element]  # made once


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("S/PV.9999", "https://undocs.org/en/S/PV.9999"),  # agrees: no link made
        ("S/PV.9999", "https://undocs.org/en/S/PV.9998"),
        ("S/PV.9999", " https://undocs.org/en/S/PV.9999 "),
        ("S/2099/1 S/2099/2", "https://undocs.org/en/S/2099/1 S/2099/2"),  # two documents
        ("S/PV.9999", "https://undocs.org/en/en/S/PV.9999"),
        ("S/PV.9999", "https://undocs.org/fr/S/PV.9999"),
        ("Letter", "https://undocs.org/en/Letter"),
    ],
)
def test_a_cell_that_is_one_link_is_checked_as_its_link_would_be(text, href):
    root = html.parse(f'<table><tr><td><a href="{href}">{text}</a></td></tr></table>'.encode())
    assert root is not None
    [element] = root.iter("td")
    quick, made = common.Findings("t"), common.Findings("t")
    html.check_links(html.cell(element), quick)
    walked = html.cell(element)
    assert walked.links  # the links made first: the check reads each of them
    html.check_links(walked, made)
    assert quick.items == made.items


@pytest.mark.parametrize(
    ("href", "codes"),
    [
        ("https://undocs.org/en/S/PV.9999(OR)", []),  # the record, and a mark of its own
        ("https://undocs.org/en/S/PV.9998(OR)", ["official-link"]),
        ("https://undocs.org/en/S/PV.99990(OR)", ["official-link"]),
        ("https://undocs.org/en/S/PV.9999(Resumption 1)", []),
        ("https://undocs.org/en/S/PV.9999/Corr.1(OR)", ["official-link"]),
        ("https://undocs.org/en/S/PV.9999 (OR)", []),
    ],
)
def test_a_records_link_to_an_address_saying_more_is_read_against_it(href, codes):
    root = html.parse(f'<table><tr><td><a href="{href}">S/PV.9999</a></td></tr></table>'.encode())
    assert root is not None
    checked = common.Findings("t")
    html.check_links(html.cell(next(root.iter("td"))), checked)
    assert [f.code for f in checked.items] == codes


def test_cells_with_attributes_but_no_span_are_laid_on_their_columns():
    root = html.parse(
        b"<table><tr><th>Meeting Record</th><th>Date</th><th>Topic</th><th>Outcome</th></tr>"
        b'<tr><td class="a">S/PV.1</td><td width="9">1 May</td><td>A</td><td>--</td></tr>'
        b'<tr><td>S/PV.2</td><td>2 May</td><td style="b">B</td><td class="c">--</td></tr>'
        b"</table>"
    )
    assert root is not None
    all_rows = html.rows(next(root.iter("table")))
    columns = html.heading(all_rows[0])
    assert columns is not None
    body, width = html.body(all_rows, 1)
    laid = [{f: e.text for f, e in row.cells.items()} for row in html.grid(body, columns, width)]
    assert laid == [
        {"record": "S/PV.1", "date": "1 May", "topic": "A", "outcome": "--"},
        {"record": "S/PV.2", "date": "2 May", "topic": "B", "outcome": "--"},
    ]


@pytest.mark.parametrize(
    "page",
    [
        PAGE,
        b"<table><tr><td>only</td></tr></table>",
        b"<table><tr><th>a</th><td>b</td><th>c</th></tr><tr><td>d</td></tr></table>",
        b"<div><table><thead><tr><th>a</th><th>b</th></tr></thead>"
        b"<tbody><tr><td>c</td><td>d</td></tr></tbody>"
        b"<tbody><tr><td>e</td></tr><tr><td>f</td><td><p>g</p></td></tr></tbody></table>"
        b"<table><tr><td>h</td></tr></table></div>",
        b"<table><tr><td>a<table><tr><td>b</td></tr><tr><td>c</td></tr></table></td></tr>"
        b"<tr><td>d</td></tr></table>",
        b"<table><tr><td>a</td><td>b<tr><td>c</td></table>",  # unclosed, repaired by lxml
    ],
)
def test_a_cells_path_is_the_one_lxml_gives(page):
    root = html.parse(page)
    assert root is not None
    tree = root.getroottree()
    for table in html.tables(root):
        paths = html.Paths(tree, html.rows(table))
        above = None  # a cell carried down is read with a row it is not a child of
        for number, tr in enumerate(html.rows(table), start=1):
            own = html.cells_of(tr)
            row = html.Row(tr, number, own, {}, frozenset(), 0, 0)
            for element in [*own, tr]:
                path = tree.getpath(element)
                assert paths.of(element) == paths.of(element, row) == path
                assert above is None or paths.of(element, above) == path
            above = row
