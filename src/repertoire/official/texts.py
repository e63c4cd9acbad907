"""The full text of a decision in AKN4UN XML: an adopted resolution or a statement by the President.

One parse and one walk of the tree per file. Paragraphs are kept as the Repertoire cites them:
preambular paragraphs by their place ("preamble 3"), operative paragraphs by their number
("2") and their sub-paragraphs on their own ("6 (b)", "6 (b) (i)"), headings, annexes
("annex 2", "annex II 2"), and a statement's paragraphs in order ("1", "2"…, the words
before the statement left out of the count). The adoption step (meeting, date, Chapter VII,
"Adopted unanimously") and the counts of the vote come from ``<meta>``.

Only English texts are read for checking: a file in another language is skipped with a
message naming its language. Broken XML is recovered as far as the parser can, with one
finding saying what was read; an element the reader does not know keeps its words as an
unnumbered paragraph and is reported. Element names are compared without their namespace,
cut from the tag by string operations (a dictionary remembers each tag once).

Why one module: the walk is one class whose steps (preamble, paragraphs, lists, annexes,
statements) share the counters that give each paragraph its address; split, they would
pass that state back and forth.

    >>> found = read(b'<akomaNtoso><statement name="resolution"><meta><FRBRlanguage '
    ...     b'language="eng"/></meta><coverPage><docNumber>S/RES/1234 (2099)</docNumber>'
    ...     b'</coverPage><mainBody><paragraph><num>1.</num><content><p>Decides to remain '
    ...     b'seized of the matter.</p></content></paragraph></mainBody></statement>'
    ...     b'</akomaNtoso>', "r.xml")
    >>> [(p.address, p.text) for p in found.texts[0].paragraphs]
    [('1', 'Decides to remain seized of the matter.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from repertoire.official import akn
from repertoire.official.common import (
    LOCAL_NAMES,
    Findings,
    find_symbols,
    local_name,
    parse_date,
    squeeze,
)
from repertoire.official.records import (
    Attestation,
    DecisionText,
    OfficialFile,
    TextParagraph,
)
from repertoire.read import symbols
from repertoire.records import Vote

KIND = "akn4un-text"
# The ``name`` of the ``<statement>`` that holds a decision's full text, and the kind it is.
STATEMENTS = {"resolution": "resolution", "presidentialstatement": "presidential_statement"}
LANGUAGES = {
    "eng": "English",
    "en": "English",
    "fra": "French",
    "fr": "French",
    "ara": "Arabic",
    "ar": "Arabic",
    "zho": "Chinese",
    "zh": "Chinese",
    "rus": "Russian",
    "ru": "Russian",
    "spa": "Spanish",
    "es": "Spanish",
    "deu": "German",
    "de": "German",
}
ENGLISH = frozenset({"eng", "en"})
_STATEMENT = re.compile(rb"<(?:[\w.-]+:)?statement\b[^>]*?\bname\s*=\s*[\"']([^\"']+)")
_ACTING = re.compile(r"(?i)\bacting\b[^.;]{0,80}?\bunder\s+Chapter\s+VII\b")
_UNANIMOUS = re.compile(r"(?i)\bunanimous")
_ANNEX = re.compile(r"(?i)^annex(?:es)?(?:\s+([IVXLC]+|\d+|[A-Z]))?\s*$")
_LEADING_NUMBER = re.compile(r"^(\d{1,3})\.\s")
_SUB = re.compile(r"^\(?([a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})[.)]?$", re.IGNORECASE)
_INTRO = re.compile(r"(?i)\bmade the following statement\b")
_CORRIGENDUM = re.compile(r"(?i)^corrigendum\b")
# Elements that only group paragraphs: their children are read in order.
_GROUPS = frozenset(
    {"section", "hcontainer", "chapter", "part", "division", "subsection", "title", "book"}
)
# Elements whose words make an unnumbered paragraph.
_BLOCKS = frozenset({"container", "p", "block", "blockList", "alinea", "tblock", "table"})
# Elements of no text to read, or read elsewhere.
_SKIP = frozenset({"formula", "meta", "coverPage", "preface", "img", "num", "eol", "br"})


def looks_like(head: bytes) -> bool:
    """Whether an AKN4UN file holds the full text of an adopted decision (not a draft)."""
    match = _STATEMENT.search(head)
    return match is not None and match.group(1).decode("ascii", "replace").casefold() in STATEMENTS


def _text(element: etree._Element) -> str:
    # Serialised as text in C: quicker than joining itertext()'s pieces in Python. Most
    # texts hold single spaces only once their ends are cut (every other blank is
    # unprintable): those are kept as they are, not split into words and joined again.
    text = etree.tostring(element, method="text", encoding=str, with_tail=False).strip()
    return text if "  " not in text and text.isprintable() else " ".join(text.split())


def read(data_bytes: bytes, path: str) -> OfficialFile:
    root, errors = akn.parse(data_bytes)
    result = OfficialFile(path, KIND)
    findings = Findings(path)
    statement = None
    if root is not None and local_name(root.tag) == akn.ROOT:
        statement = next((e for e in root if local_name(e.tag) in ("statement", "doc")), None)
    if statement is None:
        what = f" ({errors[0].message.strip()}, line {errors[0].line})" if errors else ""
        findings.error(1, "official-xml", f"no AKN4UN text could be read{what}; skipped")
        result.findings = findings.items
        return result
    reader = _Reader(path, findings, STATEMENTS.get((statement.get("name") or "").casefold()))
    text = reader.statement(statement)
    if errors:
        first = errors[0]
        findings.warning(
            first.line,
            "official-xml",
            f"the XML is not well-formed ({len(errors)} parser error"
            f"{'s' if len(errors) > 1 else ''}, the first: {first.message.strip()}); "
            f"recovered {len(reader.paragraphs)} paragraph"
            f"{'s' if len(reader.paragraphs) != 1 else ''}"
            + (f" of {text.symbol}" if text else ""),
            column=first.column,
            subject=text.symbol if text else None,
        )
    if text is not None and text.language not in ENGLISH:
        name = LANGUAGES.get(text.language, "another language")
        findings.info(
            1,
            "official-language",
            f"the text of {text.symbol} is in {name} ({text.language}); only English texts "
            "are read for checking, so it is skipped",
            subject=text.symbol,
        )
        result.kind = None
    elif text is not None:
        result.texts.append(text)
    result.findings = findings.items
    return result


def of_draft(root: etree._Element | None, path: str) -> list[DecisionText]:
    """The text of a draft, from the tree its vote was read from (English only; whatever the
    walk finds wrong with it is the draft reader's to report, not said twice)."""
    if root is None or local_name(root.tag) != akn.ROOT:
        return []
    statement = next((e for e in root if local_name(e.tag) == "statement"), None)
    if statement is None:
        return []
    text = _Reader(path, Findings(path), "draft_resolution").statement(statement)
    return [text] if text is not None and text.language in ENGLISH else []


# What the reader keeps of <meta>, found by lxml in C ("{*}": in any namespace). The
# keywords, most of <meta>, are looked through apart, only until the title's is found.
_META = ("{*}FRBRlanguage", "{*}FRBRdate", "{*}step", "{*}count")


@dataclass(frozen=True, slots=True)
class _Meta:
    """What a text's <meta> says: its language (English when it says none), adoption date,
    meeting record, Chapter VII, outcome in words, vote counts and title."""

    language: str = "eng"
    date: str | None = None
    record: str | None = None
    chapter_vii: bool = False
    outcome: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    title: str | None = None


class _Reader:
    """One walk of one document's tree, collecting its paragraphs and adoption facts."""

    def __init__(self, path: str, findings: Findings, kind: str | None) -> None:
        self.path = path
        self.findings = findings
        self.kind = kind or "resolution"
        self.paragraphs: list[TextParagraph] = []
        self.addresses: dict[str, int] = {}
        self.preambular = 0
        self.stated = 0
        self.annex: str | None = None  # "annex", "annex II": where paragraphs now go
        self.annex_count = 0
        self.unknown: set[str] = set()
        self.repeated: list[tuple[str, int]] = []  # numbers used twice (articles of a statute)
        self.last: TextParagraph | None = None  # the last numbered paragraph
        self.last_letter: str | None = None  # the address of its last lettered point

    # --- the document -----------------------------------------------------------------
    def statement(self, statement: etree._Element) -> DecisionText | None:
        meta = _Meta()
        symbol = ""
        for child in statement:
            name = LOCAL_NAMES[child.tag]
            if name == "meta":
                meta = self._meta(child)
            elif name == "coverPage":
                for element in child.iter("{*}docNumber"):
                    if not symbol:
                        symbol = squeeze(element.text)
            elif name == "preamble":
                self._walk(child, "preamble")
            elif name in ("mainBody", "conclusions"):
                self._walk(child, "body")
            elif name == "attachments":
                self._attachments(child)
            elif name in _SKIP or not name:
                continue
            else:
                # Broken XML recovered: a body's paragraphs may stand beside the body.
                self._walk_one(child, "body")
        if self.kind == "resolution" and not any(
            p.part == "operative" and p.address for p in self.paragraphs
        ):
            # A resolution of unnumbered operative paragraphs (one recommending an
            # appointment, say): they are cited by their place, "para. 1".
            place = 0
            for paragraph in self.paragraphs:
                if paragraph.part == "operative" and paragraph.parent is None:
                    place += 1
                    paragraph.address = str(place)
        if self.repeated:
            address, line = self.repeated[0]
            self.findings.info(
                line,
                "official-text-number",
                f"{len(self.repeated)} paragraph{'s' if len(self.repeated) > 1 else ''} "
                f"repeat a number already used (the first, {address}, on line {line}); "
                "kept without an address",
            )
        if not symbol:
            self._no_symbol(statement)
            return None
        symbol = symbols.normalise(symbol)
        chapter_vii = meta.chapter_vii or any(
            # The pattern ignores case: tried only where "chapter" stands in any case (none
            # of its letters has a twin but its capital), not letter by letter everywhere.
            p.part == "preamble" and "chapter" in p.text.lower() and _ACTING.search(p.text)
            for p in self.paragraphs
        )
        counts = meta.counts
        vote = None
        if counts:
            vote = Vote(counts.get("for", 0), counts.get("against", 0), counts.get("abstaining", 0))
        unanimous: bool | None = None
        if _UNANIMOUS.search(meta.outcome):
            unanimous = True
        elif vote is not None:
            unanimous = vote.against == 0 and vote.abstaining == 0
        if "/Corr." in symbol:
            self.findings.warning(
                1,
                "official-text-corrigendum",
                f"{symbol} is a corrigendum: kept as a text of its own, not merged into the "
                "text it corrects",
                subject=symbol,
            )
        return DecisionText(
            symbol=symbol,
            kind=self.kind,
            language=meta.language,
            date=meta.date,
            record=meta.record,
            chapter_vii=chapter_vii,
            unanimous=unanimous,
            vote=vote,
            title=meta.title,
            paragraphs=self.paragraphs,
            attestation=Attestation(KIND, self.path, statement.sourceline or 1, None, "statement"),
        )

    def _no_symbol(self, statement: etree._Element) -> None:
        heading = next(
            (p for p in self.paragraphs if p.part == "heading" and _CORRIGENDUM.match(p.text)),
            None,
        )
        corrected = next(
            (s for p in self.paragraphs if p.part != "heading" for s, _, _ in find_symbols(p.text)),
            None,
        )
        if heading is not None and corrected:
            self.findings.warning(
                heading.line,
                "official-text-corrigendum",
                f"a corrigendum to {corrected} with no symbol of its own; not merged into "
                "that text",
                subject=corrected,
            )
            return
        self.findings.error(
            statement.sourceline or 1,
            "official-xml",
            "the text has no <docNumber> symbol on its cover page; skipped",
        )

    def _meta(self, meta: etree._Element) -> _Meta:
        language = ""
        date: str | None = None
        record: str | None = None
        chapter_vii = False
        outcome = ""
        counts: dict[str, int] = {}
        for element in meta.iter(*_META):
            name = LOCAL_NAMES[element.tag]
            if name == "FRBRlanguage" and not language:
                language = (element.get("language") or "").casefold()
            elif name == "FRBRdate" and element.get("name") == "adoption" and date is None:
                date = parse_date(element.get("date") or "")
            elif name == "step":
                found = find_symbols(element.get("as") or "")
                if found and found[0][0].startswith("S/PV."):
                    record = found[0][0]
                    date = parse_date(element.get("date") or "") or date
                    outcome = element.get("by") or ""
                    if "chapter vii" in (element.get("refersTo") or "").casefold():
                        chapter_vii = True
            elif name == "count":
                key = {"infavour": "for", "against": "against", "abstaining": "abstaining"}.get(
                    (element.get("refersTo") or "").casefold()
                )
                value = (element.get("value") or "").strip()
                if key and value.isdigit():
                    counts[key] = int(value)
        title: str | None = None
        for element in meta.iter("{*}keyword"):
            if element.get("refersTo") == "title":
                title = squeeze(element.get("value")) or None
                if title:
                    break
        return _Meta(language or "eng", date, record, chapter_vii, outcome, counts, title)

    # --- the body ---------------------------------------------------------------------
    def _walk(self, parent: etree._Element, part: str) -> None:
        inner = "body" if part == "preamble" else part
        for child in parent:
            # Most children are paragraphs: sent on at once, without a further call.
            if LOCAL_NAMES[child.tag] == "paragraph":
                self._paragraph(child, inner)
            else:
                self._walk_one(child, part)

    def _walk_one(self, element: etree._Element, part: str) -> None:
        name = LOCAL_NAMES[element.tag]
        if not name or name in _SKIP:
            return
        if name == "paragraph":
            self._paragraph(element, "body" if part == "preamble" else part)
        elif name in _BLOCKS:
            self._block(element, part)
        elif name in _GROUPS:
            heading = " ".join(
                _text(c) for c in element if LOCAL_NAMES[c.tag] in ("num", "heading", "subheading")
            )
            if heading:
                self._heading(heading, element)
            self._walk(element, "body" if part == "preamble" else part)
        elif name in ("heading", "subheading", "crossHeading"):
            self._heading(_text(element), element)
        elif name == "attachments":
            self._attachments(element)
        else:
            words = _text(element)
            if name not in self.unknown:
                self.unknown.add(name)
                done = "its words kept as an unnumbered paragraph" if words else "left out"
                self.findings.warning(
                    element.sourceline or 1,
                    "official-text-element",
                    f"an element the reader does not know, <{name}>; {done}",
                )
            if words:
                self._block(element, part)

    def _new_paragraph(
        self,
        part: str,
        address: str | None,
        text: str,
        element: etree._Element,
        parent: str | None = None,
    ) -> TextParagraph:
        line = element.sourceline or 1
        if address is not None:
            if address in self.addresses:
                self.repeated.append((address, line))
                address = None
            else:
                self.addresses[address] = line
        paragraph = TextParagraph(part, address, text, parent, element.get("eId"), line)
        self.paragraphs.append(paragraph)
        return paragraph

    def _heading(self, text: str, element: etree._Element) -> None:
        if not text:
            return
        annex = _ANNEX.match(text)
        if annex:
            self.annex = "annex" + (f" {annex.group(1)}" if annex.group(1) else "")
            self.annex_count = 0
        self._new_paragraph("heading", None, text, element)

    def _empty(self, element: etree._Element, what: str) -> None:
        self.findings.info(
            element.sourceline or 1,
            "official-text-empty",
            f"an empty {what}"
            + (f" ({element.get('eId')})" if element.get("eId") else "")
            + "; left out",
        )

    def _block(self, element: etree._Element, part: str) -> None:
        text = _text(element)
        if not text:
            self._empty(element, "paragraph")
            return
        if part == "preamble":
            self.preambular += 1
            self._new_paragraph("preamble", f"preamble {self.preambular}", text, element)
        else:
            self._unnumbered(text, element)

    def _unnumbered(self, text: str, element: etree._Element) -> None:
        cls = element.get("class") or ""
        if (
            _ANNEX.match(text)
            or cls.startswith("H")
            or "Heading" in cls
            # The document's title in the body ("Statement by the President of …"), before
            # anything is numbered: looked for only there, where there are few elements.
            or (not self.addresses and next(element.iter("{*}docTitle"), None) is not None)
        ):
            self._heading(text, element)
        elif text.startswith("*"):
            # A note of the document ("* Reissued for technical reasons."): no paragraph.
            self._new_paragraph("note", None, text, element)
        elif self.annex is not None:
            self._annexed(text, element)
        elif self.kind == "presidential_statement":
            # The words before the statement ("At the 1234th meeting … made the following
            # statement on behalf of the Council:") are no paragraph of it.
            if self.stated == 0 and (text.rstrip().endswith(":") or _INTRO.search(text)):
                self._new_paragraph("intro", None, text, element)
            else:
                self.stated += 1
                self._new_paragraph("statement", str(self.stated), text, element)
        else:
            self._new_paragraph("operative", None, text, element)

    def _annexed(self, text: str, element: etree._Element, number: str | None = None) -> None:
        assert self.annex is not None
        if number is None:
            leading = _LEADING_NUMBER.match(text)
            if leading:
                number = leading.group(1)
            else:
                self.annex_count += 1
                number = str(self.annex_count)
        self._new_paragraph("annex", f"{self.annex} {number}", text, element)

    def _paragraph(self, element: etree._Element, part: str) -> None:
        number: str | None = None
        pieces: list[str] = []
        lists: list[etree._Element] = []
        headed = False
        for child in element:
            name = LOCAL_NAMES[child.tag]
            if name == "num":
                # A bullet ("•") numbers nothing: the paragraph is unnumbered.
                written = squeeze(child.text).strip(" .")
                number = written if written.isalnum() or any(map(str.isalnum, written)) else None
            elif name in ("subheading", "heading"):
                headed = True
                self._heading(_text(child), element)
            elif name in ("list", "blockList"):
                lists.append(child)
            elif name in ("paragraph", "alinea") and len(child):
                # Broken XML recovered: a paragraph may hold the ones after it.
                self._walk_one(child, part)
            elif name:
                words = _text(child)
                if words:
                    pieces.append(words)
        if number is None and not lists:
            text = " ".join(pieces)
            if text:
                self._unnumbered(text, element)
            elif not headed:
                self._empty(element, "paragraph")
            return
        if number is not None and headed and not pieces and not lists:
            return  # a part's letter and heading ("A", "Sanctions measures"): read as a heading
        if number is not None and number.startswith("(") and self.last is not None:
            # A sub-paragraph written as a paragraph of its own, after the one it belongs to.
            self._loose_point(number, " ".join(pieces), element)
            return
        address: str | None
        if self.annex is not None and number is not None:
            address = f"{self.annex} {number}"
            kind = "annex"
        else:
            address = number
            kind = "operative"
        if address is None:
            self.annex_count += self.annex is not None
            address = f"{self.annex} {self.annex_count}" if self.annex else None
        paragraph = self._new_paragraph(kind, address, " ".join(pieces), element)
        self.last = paragraph if paragraph.address else None
        self.last_letter = None
        if paragraph.address is None and not pieces and not lists:
            self._empty(element, f"paragraph {number}")
        children: list[str] = []
        for found in lists:
            children.extend(self._list(found, paragraph.address, kind))
        if children:
            paragraph.text = " ".join([paragraph.text, *children]).strip()
        if not paragraph.text:
            self._empty(element, f"paragraph {number}")

    def _loose_point(self, number: str, words: str, element: etree._Element) -> None:
        """ "(b)" after paragraph 4 is "4 (b)"; "(ii)" after "4 (b)" is "4 (b) (ii)"."""
        assert self.last is not None and self.last.address is not None
        label = number.strip("()").casefold()
        letter = self.last_letter
        expected = chr(ord(letter.rsplit("(", 1)[-1][0]) + 1) if letter else "a"
        nested = letter is not None and label != expected and set(label) <= set("ivxlc")
        parent = letter if nested and letter else self.last.address
        point = self._new_paragraph(self.last.part, f"{parent} ({label})", words, element, parent)
        if not words:
            self._empty(element, f"sub-paragraph {number}")
        if not nested:
            self.last_letter = point.address
        for owner in (self.last, *([self._by_address(letter)] if nested else [])):
            if owner is not None and words:
                owner.text = " ".join([owner.text, number, words]).strip()

    def _by_address(self, address: str | None) -> TextParagraph | None:
        return next((p for p in reversed(self.paragraphs) if p.address == address), None)

    def _list(self, element: etree._Element, parent: str | None, kind: str) -> list[str]:
        """Read a list's points as sub-paragraphs of ``parent``; the words of all of it."""
        words: list[str] = []
        last: TextParagraph | None = None
        for child in element:
            name = LOCAL_NAMES[child.tag]
            if name in ("point", "item", "indent"):
                words.append(self._point(child, parent, kind))
                last = self.paragraphs[-1] if self.paragraphs else None
            elif name in ("list", "sublist", "blockList"):
                # A sublist written beside a point, not in it, is still that point's.
                owner = last.address if last is not None and last.parent == parent else parent
                inner = self._list(child, owner, kind)
                if last is not None and owner == last.address and inner:
                    last.text = " ".join([last.text, *inner]).strip()
                words.extend(inner)
            elif name:
                text = _text(child)
                if text:
                    words.append(text)
        return [w for w in words if w]

    def _point(self, element: etree._Element, parent: str | None, kind: str) -> str:
        label: str | None = None
        pieces: list[str] = []
        nested: list[etree._Element] = []
        for child in element:
            name = LOCAL_NAMES[child.tag]
            if name == "num":
                label = squeeze(child.text)
            elif name in ("list", "sublist", "blockList"):
                nested.append(child)
            elif name:
                text = _text(child)
                if text:
                    pieces.append(text)
        sub = _SUB.match(label or "")
        address = f"{parent} ({sub.group(1)})" if parent is not None and sub else None
        paragraph = self._new_paragraph(kind, address, " ".join(pieces), element, parent)
        inner: list[str] = []
        for found in nested:
            inner.extend(self._list(found, paragraph.address, kind))
        if inner:
            paragraph.text = " ".join([paragraph.text, *inner]).strip()
        if not paragraph.text:
            self._empty(element, f"sub-paragraph {label or ''}".strip())
        return " ".join(filter(None, [label, paragraph.text]))

    def _attachments(self, element: etree._Element) -> None:
        for attachment in element.iter("{*}doc"):
            name = (attachment.get("name") or "annex").strip()
            self.annex = name.casefold() if name.casefold().startswith("annex") else "annex"
            self.annex_count = 0
            for child in attachment:
                if LOCAL_NAMES[child.tag] in ("mainBody", "preamble", "conclusions"):
                    self._walk(child, "body")
        self.annex = None
