"""Judge the narrative's sentences against the texts of the decisions they cite.

For each citation of a decision whose pinpoint names paragraphs ("Resolution 1234 (2099),
para. 1", "Ibid., paras. 4 and 7", a bare "Ibid.", "S/PRST/2099/9, second paragraph"), with
its text stored (``repertoire import`` of the texts):

- a paragraph that does not exist is an error (``pinpoint-missing``);
- every paragraph of the decision is ranked by how well it supports the clause that the
  footnote closes, with SQLite FTS5's bm25 over the Porter-stemmed paragraphs (an index of
  that decision's paragraphs, so that a word weighs by its rarity in the decision), and a
  warning (``pinpoint-support``) names another paragraph only when it supports the clause
  clearly better than the cited one: at least :data:`MARGIN` times its score, with at least
  :data:`NEW_WORDS` of the clause's words that the cited paragraph lacks, the cited
  paragraph holding fewer than half of the words the other one shares with the clause, and
  fewer than half as many of the clause's words (a clause telling of two paragraphs and
  citing one is not doubted);
- what a text settles is checked against a sentence naming one decision: "acting under
  Chapter VII" or "(adopted under Chapter VII)" (``text-chapter-vii``), "unanimously"
  against the vote (``text-unanimous``), "On 30 June, by resolution …" or "resolution … of
  30 June" against the adoption date (``text-date``); and the meetings table's "(adopted
  under Chapter VII)" and meeting date against the text.

A citation whose text is not stored gets no verdict; :class:`Judgement` counts them.
The search index is the store's own (no library for text similarity): it already stems
each paragraph, its bm25 weighs a word by how rare it is across every decision, and it
answers in SQLite, where the paragraphs are.

Why one module: the pinpoints and what the texts settle are judged in one walk over a
section's footnotes, with each text looked up once for both; split, the lookups and the
judgement would be handed back and forth.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import threading
from dataclasses import dataclass, field

from repertoire.read import pinpoints, symbols
from repertoire.records import Citation, Document, Finding, Footnote, Section, Severity, Span
from repertoire.store.schema import STEMMED
from repertoire.store.texts import StoredParagraph, StoredText, has_texts, resolve, text_of

# How much better another paragraph must support a clause before the pinpoint is doubted.
MARGIN = 2.0
NEW_WORDS = 3
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]{2,}")
# Words that say nothing of what a paragraph is about.
_STOP_WORDS = """
the and for that with its their this these those from into upon also have has had was
were been being which who whom whose would could should shall will may might must not
but nor any all each other such than then there where when while after before during
under over about above below between through within without including among against
towards toward both either neither more most some many much few own same very can did
does done one two three four five six seven eight nine ten january february march
april june july august september october november december council security resolution
resolutions statement president united nations further well they them him her his she
our per via whereby thereby herein therein
"""
_STOP = frozenset(_STOP_WORDS.split())
_CHAPTER_VII = re.compile(r"(?i)\b(?:acting|adopted|act)\s+under\s+Chapter\s+VII\b")
_NOT_CHAPTER_VII = re.compile(r"(?i)\bnot\s+(?:adopted\s+)?under\s+Chapter\s+VII\b")
_UNANIMOUSLY = re.compile(r"(?i)\bunanimously\b")
# What either of the two above matches (and more): a sentence it misses says nothing of
# Chapter VII.
_CHAPTER_VII_ANY = re.compile(
    r"(?i)\b(?:acting|adopted|act|not)\s+(?:adopted\s+)?under\s+Chapter\s+VII\b"
)
_DECISION = re.compile(r"^S/(?:RES|PRST)/")


@dataclass(slots=True)
class Verdict:
    """What a pinpointed citation names and what the judge made of it.

    ``status`` is ``supported``, ``doubtful`` (another paragraph supports the clause
    clearly better), ``missing`` (a paragraph named does not exist) or ``not-held``
    (the decision's text is not stored).
    """

    section: str
    footnote: int
    symbol: str
    pinpoint: str | None
    clause: str | None
    status: str
    cited: list[tuple[str, str]] = field(default_factory=list)  # (label, words)
    missing: list[str] = field(default_factory=list)
    better: tuple[str, str] | None = None  # (label, words) of the paragraph that fits better
    message: str = ""
    span: Span = field(default_factory=Span.empty)


@dataclass(slots=True)
class Judgement:
    verdicts: list[Verdict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def checked(self) -> int:
        return sum(1 for v in self.verdicts if v.status != "not-held")

    @property
    def unchecked(self) -> int:
        return sum(1 for v in self.verdicts if v.status == "not-held")

    def summary(self) -> str:
        return (
            f"{self.checked} pinpointed citation{'s' if self.checked != 1 else ''} of decisions "
            f"checked against their texts, {self.unchecked} not (text not held)"
        )


def judge(document: Document, conn: sqlite3.Connection) -> Judgement:
    """Judge every section of ``document`` against the texts stored in ``conn``."""
    judgement = Judgement()
    if not has_texts(conn):
        for section in document.sections:
            for footnote in section.footnotes:
                for citation in _pinpointed(footnote):
                    judgement.verdicts.append(_verdict(section, footnote, citation, "not-held"))
        return judgement
    texts = _Texts(conn)
    try:
        for section in document.sections:
            _section(section, texts, judgement)
    finally:
        texts.close()
    return judgement


_THREAD = threading.local()


class _Texts:
    """Texts looked up once each; the paragraphs of one at a time indexed for ranking.

    bm25 over the whole store's index would weigh each word by its rarity among every
    decision's paragraphs, which FTS5 counts anew for each query (milliseconds a
    citation); a small index in memory of the cited decision's paragraphs alone, with
    the same tokenizer, weighs it by its rarity in that decision, which is what tells its
    paragraphs apart, and answers in microseconds.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.held: dict[str, StoredText | None] = {}
        self.indexed: int | None = None
        self.places: dict[int, dict[int, tuple[int, StoredParagraph]]] = {}
        self.pinpoints: dict[str | None, list[pinpoints.Reference] | None] = {}

    @property
    def index(self) -> sqlite3.Connection:
        # One index per thread, made once and emptied for each text: making it takes about
        # as long as judging a short section. Contentless: only rowids are asked of it.
        memory = getattr(_THREAD, "index", None)
        if memory is None:
            memory = sqlite3.connect(":memory:")
            memory.execute(
                f"CREATE VIRTUAL TABLE p USING fts5(text, content='', tokenize='{STEMMED}')"
            )
            _THREAD.index = memory
        return memory

    def placed(self, text: StoredText) -> dict[int, tuple[int, StoredParagraph]]:
        """Each paragraph of ``text`` by its id, with its place in the text."""
        found = self.places.get(text.id)
        if found is None:
            found = {p.id: (n, p) for n, p in enumerate(text.paragraphs)}
            self.places[text.id] = found
        return found

    def read(self, pinpoint: str | None) -> list[pinpoints.Reference] | None:
        """What a pinpoint names, read once per judgement (sections repeat their pinpoints)."""
        if pinpoint not in self.pinpoints:
            self.pinpoints[pinpoint] = pinpoints.read(pinpoint)
        return self.pinpoints[pinpoint]

    def get(self, symbol: str) -> StoredText | None:
        if symbol not in self.held:
            self.held[symbol] = text_of(self.conn, symbol)
        return self.held[symbol]

    def _index(self, text: StoredText) -> None:
        if self.indexed != text.id:
            self.index.execute("INSERT INTO p(p) VALUES ('delete-all')")
            self.index.executemany(
                "INSERT INTO p (rowid, text) VALUES (?, ?)",
                [(p.id, p.text) for p in text.paragraphs if p.address],
            )
            self.indexed = text.id

    def scores(self, text: StoredText, words: list[str]) -> dict[int, float]:
        """Each paragraph's bm25 score for the words (higher is better), where it is above 0."""
        if not words:
            return {}
        self._index(text)
        query = " OR ".join(f'"{w}"' for w in words)
        return {
            rowid: -score
            for rowid, score in self.index.execute(
                "SELECT rowid, bm25(p) FROM p WHERE p MATCH ?", (query,)
            )
        }

    def having(self, text: StoredText, words: list[str], ids: list[int]) -> dict[str, set[int]]:
        """For each word, which of the paragraphs ``ids`` hold it (stemmed)."""
        self._index(text)
        held: dict[str, set[int]] = {word: set() for word in words}
        marks = ", ".join("?" * len(ids))
        for key, rowid in self.index.execute(
            f"SELECT j.key, p.rowid FROM {_EACH_WORD} WHERE p.rowid IN ({marks})",
            (_phrases(words), *ids),
        ):
            held[words[key]].add(rowid)
        return held

    def rarity(self, text: StoredText, words: list[str]) -> dict[str, int]:
        """How many of the text's paragraphs hold each word (stemmed)."""
        self._index(text)
        counts = dict.fromkeys(words, 0)
        for key, count in self.index.execute(
            f"SELECT j.key, count(*) FROM {_EACH_WORD} GROUP BY j.key", (_phrases(words),)
        ):
            counts[words[key]] = count
        return counts

    def close(self) -> None:
        self.indexed = None  # the next judgement empties the index before filling it


# Each word asked of the index in one statement, SQLite looping over them (``j.key`` is the
# word's place in the list): a statement per word costs more to run than to answer.
_EACH_WORD = "json_each(?) AS j JOIN p ON p MATCH j.value"


def _phrases(words: list[str]) -> str:
    """The words as a JSON list of FTS5 phrases, for :data:`_EACH_WORD`."""
    return json.dumps([f'"{word}"' for word in words])


def _pinpointed(footnote: Footnote) -> list[Citation]:
    """The footnote's citations of decisions whose pinpoints name paragraphs."""
    return [
        c
        for c in footnote.citations
        if pinpoints.read(c.pinpoint) is not None and _DECISION.match(c.symbol)
    ]


def _verdict(section: Section, footnote: Footnote, citation: Citation, status: str) -> Verdict:
    return Verdict(
        section.number,
        footnote.number,
        citation.symbol,
        citation.pinpoint,
        footnote.clause or footnote.sentence,
        status,
        span=citation.span,
    )


def _section(section: Section, texts: _Texts, judgement: Judgement) -> None:
    settled: set[tuple[str, str]] = set()
    for footnote in section.footnotes:
        for citation in footnote.citations:
            if texts.read(citation.pinpoint) is None:
                continue
            text = texts.get(citation.symbol)
            if text is None:
                if _DECISION.match(citation.symbol):
                    judgement.verdicts.append(_verdict(section, footnote, citation, "not-held"))
                continue
            verdict = _citation(section, footnote, citation, text, texts, judgement)
            judgement.verdicts.append(verdict)
        _sentence(section, footnote, texts, judgement, settled)
    _table(section, texts, judgement)


def _add(
    judgement: Judgement,
    severity: Severity,
    code: str,
    message: str,
    span: Span,
    footnote: int | None = None,
) -> None:
    judgement.findings.append(
        Finding(code, severity, message, max(span.line, 1), max(span.column, 1), footnote)
    )


def _citation(
    section: Section,
    footnote: Footnote,
    citation: Citation,
    text: StoredText,
    texts: _Texts,
    judgement: Judgement,
) -> Verdict:
    verdict = _verdict(section, footnote, citation, "supported")
    resolved = resolve(text, citation.pinpoint or "", texts.read(citation.pinpoint))
    assert resolved is not None  # the pinpoint names paragraphs
    cited, missing = resolved
    verdict.cited = [(_label(text, p), p.text) for p in cited]
    if missing:
        verdict.status = "missing"
        verdict.missing = missing
        verdict.message = (
            f"footnote {footnote.number}: {text.symbol} has no {_joined(missing)}"
            f"{_extent(text, missing)}"
        )
        _add(
            judgement, "error", "pinpoint-missing", verdict.message, citation.span, footnote.number
        )
        return verdict
    clause = footnote.clause or footnote.sentence
    if clause and cited:
        _support(verdict, clause, cited, text, texts, judgement, citation.span)
    return verdict


def _extent(text: StoredText, missing: list[str]) -> str:
    """What the text has instead: "(its operative paragraphs run 1 to 9)"."""
    part = "preamble" if "preambular" in missing[0] else "operative"
    if text.kind == "presidential_statement" and "preambular" not in missing[0]:
        part = "statement"
    if "annex" in missing[0]:
        return ""
    numbered = [p for p in text.numbered(part)]
    if not numbered:
        return " (it has no such paragraphs)"
    first, last = numbered[0], numbered[-1]
    what = {"preamble": "preambular paragraphs", "statement": "paragraphs"}.get(
        part, "operative paragraphs"
    )
    return (
        f" (its {what} run from {_label(text, first)} to {_label(text, last)})"
        if first is not last
        else f" (it has one: {_label(text, first)})"
    )


def _label(text: StoredText, paragraph: StoredParagraph) -> str:
    return pinpoints.label_of(paragraph.part, paragraph.address, text.kind)


def _joined(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def words_of(clause: str) -> list[str]:
    """The clause's words that may say what a paragraph is about, each once, in order."""
    seen: dict[str, None] = {}
    for found in _WORD.findall(clause):
        word = found.casefold().rstrip("'’-")
        if word not in seen and len(word) > 2 and word not in _STOP:
            seen[word] = None
    return list(seen)


def _family(a: str, b: str) -> bool:
    """Whether one paragraph is the other, or holds it as a sub-paragraph."""
    return a == b or a.startswith(b + " (") or b.startswith(a + " (")


def _support(
    verdict: Verdict,
    clause: str,
    cited: list[StoredParagraph],
    text: StoredText,
    texts: _Texts,
    judgement: Judgement,
    span: Span,
) -> None:
    words = words_of(clause)
    scores = texts.scores(text, words)
    if not scores:
        return
    cited_addresses = [p.address for p in cited if p.address]
    own = max((scores.get(p.id, 0.0) for p in cited), default=0.0)
    # Only a paragraph the words score can be the better one: the others are not looked at
    # (taken in the text's order, so that of equal scores the first in the text wins).
    placed = texts.placed(text)
    rivals = [
        p
        for _, p in sorted(placed[i] for i in scores if i in placed)
        if p.address
        and p.part not in ("heading", "intro")
        and not any(_family(p.address, a) for a in cited_addresses)
    ]
    best = max(rivals, key=lambda p: scores[p.id], default=None)
    if best is None or scores[best.id] < MARGIN * own or scores[best.id] <= 0:
        return
    having = texts.having(text, words, [best.id, *(p.id for p in cited)])
    cited_ids = {p.id for p in cited}
    in_best = [w for w in words if best.id in having[w]]
    in_cited = [w for w in words if having[w] & cited_ids]
    new = [w for w in in_best if w not in in_cited]
    if (
        len(new) < NEW_WORDS
        or 2 * len([w for w in in_best if w in in_cited]) >= len(in_best)
        or 2 * len(in_cited) > len(in_best)
    ):
        return
    verdict.status = "doubtful"
    verdict.better = (_label(text, best), best.text)
    # The words that tell the paragraph apart first: those fewest of the text's paragraphs hold.
    rarity = texts.rarity(text, new)
    named = ", ".join(f"“{w}”" for w in sorted(new, key=lambda w: rarity[w])[:5])
    cited_label = _joined([_label(text, p) for p in cited]).replace(" or ", " and ")
    verdict.message = (
        f"footnote {verdict.footnote}: {_label(text, best)} of {text.symbol} speaks of {named}; "
        f"{cited_label}, which the footnote cites, {'do' if len(cited) > 1 else 'does'} not"
    )
    _add(judgement, "warning", "pinpoint-support", verdict.message, span, verdict.footnote)


# --- what a text settles --------------------------------------------------------------


def _named_decision(footnote: Footnote, found: list[symbols.Found]) -> str | None:
    """The one decision a footnote's sentence names (``found`` in it), else the one it cites
    first; or None."""
    sentence = footnote.sentence or ""
    if "esolution" not in sentence and "S/" not in sentence:
        named = []
    else:
        named = list(dict.fromkeys(f.symbol for f in found if _DECISION.match(f.symbol)))
    if len(named) == 1:
        return named[0]
    if named:
        return None
    first = footnote.citations[0].symbol if footnote.citations else ""
    return first if _DECISION.match(first) else None


def _sentence(
    section: Section,
    footnote: Footnote,
    texts: _Texts,
    judgement: Judgement,
    settled: set[tuple[str, str]],
) -> None:
    sentence = footnote.sentence
    # A text is looked up only for a sentence that says something it settles, and that
    # one of the patterns below can match (else it can draw no finding).
    if not sentence or not (
        "Chapter VII" in sentence
        or "nanimously" in sentence
        or (sentence.startswith("On ") and _ON.match(sentence))
        or (" of " in sentence and ("esolution" in sentence or "S/" in sentence))
    ):
        return
    # A pattern that ignores case is tried over a sentence only when the sentence holds its
    # word in any case (no letter of "chapter" or "unan" has a twin but its capital): a
    # search letter by letter through every sentence costs more than the rest of the judging.
    lowered = sentence.lower()
    chapter = "chapter" in lowered
    unanimous = "unan" in lowered
    if not (
        (chapter and _CHAPTER_VII_ANY.search(sentence))
        or (unanimous and _UNANIMOUSLY.search(sentence))
        or _ON.match(sentence)
        or (_may_date(lowered) and _OF.search(sentence))
    ):
        return
    found = symbols.find(sentence)  # once for the decision named and the date stated
    symbol = _named_decision(footnote, found)
    if symbol is None or (sentence, symbol) in settled:
        return
    settled.add((sentence, symbol))
    text = texts.get(symbol)
    if text is None:
        return
    span = footnote.citations[0].span if footnote.citations else footnote.span
    name = _decision_name(symbol)
    if chapter and _NOT_CHAPTER_VII.search(sentence):
        if text.chapter_vii:
            _add(
                judgement,
                "warning",
                "text-chapter-vii",
                f"footnote {footnote.number}: the sentence says {name} was not adopted under "
                "Chapter VII; its text acts under Chapter VII",
                span,
                footnote.number,
            )
    elif (
        chapter
        and _CHAPTER_VII.search(sentence)
        and not text.chapter_vii
        and text.kind == "resolution"
    ):
        _add(
            judgement,
            "warning",
            "text-chapter-vii",
            f"footnote {footnote.number}: the sentence says {name} was adopted under Chapter "
            "VII; its text does not act under Chapter VII",
            span,
            footnote.number,
        )
    if unanimous and _UNANIMOUSLY.search(sentence) and text.unanimous is False:
        _add(
            judgement,
            "warning",
            "text-unanimous",
            f"footnote {footnote.number}: the sentence says {name} was adopted unanimously; "
            "its text records votes against or abstentions",
            span,
            footnote.number,
        )
    stated = _stated_date(sentence, symbol, section.year, found)
    if stated and text.date and stated[0] != text.date:
        _add(
            judgement,
            "warning",
            "text-date",
            f"footnote {footnote.number}: the sentence dates {name} {stated[1]}; its text was "
            f"adopted on {_written(text.date)}",
            span,
            footnote.number,
        )


def _decision_name(symbol: str) -> str:
    if symbol.startswith("S/RES/"):
        return "resolution " + symbol.removeprefix("S/RES/")
    return symbol


_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
_DAY = rf"(?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(_MONTHS)})(?:\s+(?P<year>\d{{4}}))?"
# "On 30 June, by resolution …", "On 3 May, in a statement by the President …".
_ON = re.compile(
    rf"(?i)^On\s+{_DAY}\s*,\s*(?:by|in|through)\s+(?:its\s+|a\s+)?(?:resolution|statement|presid)"
)
# "resolution 1234 (2099) of 30 June".
_OF = re.compile(rf"(?i)\s+of\s+{_DAY}\b")
# Where :data:`_OF` may match, found in the lowered sentence by its first letters (a search
# that starts with a letter skips to it; one that starts with a blank tries every place).
_OF_START = re.compile(r"of\s+\d")


def _may_date(lowered: str) -> bool:
    """Whether a blank, "of", blanks and a digit stand in the lowered sentence."""
    return any(m.start() and lowered[m.start() - 1].isspace() for m in _OF_START.finditer(lowered))


def _stated_date(
    sentence: str, symbol: str, year: int | None, found: list[symbols.Found]
) -> tuple[str, str] | None:
    """The adoption date a sentence states for ``symbol`` (ISO, as written), if it states one
    (``found``: the symbols in the sentence)."""
    match = _ON.match(sentence)
    if match is None:
        for one in found:
            if one.symbol == symbol:
                match = _OF.match(sentence, one.end)
                break
    if match is None:
        return None
    written = match.group().strip()
    stated_year = int(match.group("year") or 0) or _symbol_year(symbol) or year
    month = _MONTHS.get(match.group("month").casefold())
    if not stated_year or not month:
        return None
    try:
        day = dt.date(stated_year, month, int(match.group("day")))
    except ValueError:
        return None
    return day.isoformat(), written.removeprefix("On ").removeprefix("of ").split(",")[0]


def _symbol_year(symbol: str) -> int | None:
    match = re.search(r"\((\d{4})\)$|^S/PRST/(\d{4})/", symbol)
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def _written(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _table(section: Section, texts: _Texts, judgement: Judgement) -> None:
    """The meetings table's "(adopted under Chapter VII)" and date against each text."""
    for meeting in section.meetings:
        for decision in meeting.decisions:
            if not decision.symbol or not _DECISION.match(decision.symbol):
                continue
            text = texts.get(decision.symbol)
            if text is None:
                continue
            name = _decision_name(decision.symbol)
            if decision.chapter_vii is not None and decision.chapter_vii != text.chapter_vii:
                said = "adopted under" if decision.chapter_vii else "not adopted under"
                does = "does not act" if decision.chapter_vii else "acts"
                _add(
                    judgement,
                    "warning",
                    "text-chapter-vii",
                    f"the table says {name} was {said} Chapter VII; its text {does} under "
                    "Chapter VII",
                    decision.span,
                )
            if meeting.date and text.date and meeting.date.isoformat() != text.date:
                _add(
                    judgement,
                    "warning",
                    "text-date",
                    f"the table dates {name} {meeting.date_text or meeting.date.isoformat()}; "
                    f"its text was adopted on {_written(text.date)}",
                    decision.span,
                )
