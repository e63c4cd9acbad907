"""Which value of a fact the evidence supports, when its statements differ.

Every source is judged alike: no source is preferred for being the one it is. Each
statement of a fact is a :class:`Claim` (a source, a value, and the doubts its own record
casts on that value); :func:`choose` takes the value that survives, in this order:

- ``agreed`` / ``single``: every statement gives one value (from several sources, or one);
  ``doubted`` when that one value is all there is and a test below casts doubt on it;
- ``record``: consistency inside a record: a value its own record contradicts (a date
  outside the year of the resolution's symbol; a meeting named in the text against the
  record's symbol; a member listed twice) gives way to one that it does not;
- ``sequence``: consistency with the rest of the record: meeting and resolution numbers
  rise with the days (a meeting known elsewhere on another day, a number out of its
  neighbours' days);
- ``listed once``: a decision taken once is not listed at two meetings by one source:
  such listings give way to one that is listed once;
- ``audit``: what the Council's rules find in the statement (lists that do not add up to
  the tally; a tally counting fewer votes against than the permanent members named as
  vetoing the draft, a veto being a vote against);
- ``sources``: the value more independent sources state (a compiled copy counts as its source);
- ``undecided``: the evidence is tied; no value is chosen and the values stay side by side.

:func:`decide` applies it to every field of a decision as its listings state it (date,
meeting record, tally, outcome, Chapter VII, agenda item, vetoing members, each member's
vote), then gives every member sitting that day a vote where the decision had one: as
listed, inferred from a unanimous tally or an "adopted unanimously" (``basis`` says
which), absent where the lists add up to the tally, else ``unrecorded`` (a vote not
recorded by member). The judging of a ballot is :func:`repertoire.rules.council.judge`'s.
Items worded differently are compared by their words (:func:`wording`); the days of the
rest of the record come from :class:`repertoire.rules.order.Timeline`.

Why one module of this length: a decision's fields and its members' votes are chosen by
one :func:`choose` over one kind of claim, and the ways a merge of thousands of decisions
stays quick (a decision one listing states, a vote many members share, a ballot judged
once per Council) make the same claims and choices; split, each half would make the
other's values.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Final

from repertoire.records import Vote
from repertoire.reference import states
from repertoire.reference.lineage import witnesses
from repertoire.rules.council import Ballot, Sitting, judge, sitting
from repertoire.rules.official import outside_symbol_year
from repertoire.rules.order import Timeline, meeting_number, resolution_number

# The tests of :func:`choose`, in the order they are tried.
RECORD, SEQUENCE, REPEATED, AUDIT = "record", "sequence", "listed once", "audit"
TESTS: Final = (RECORD, SEQUENCE, REPEATED, AUDIT)
AGREED, SINGLE, DOUBTED, SOURCES, UNDECIDED = "agreed", "single", "doubted", "sources", "undecided"
# A member's vote worked out by the Council's rules from the decision's chosen values.
INFERRED: Final = "inferred"
# A member's vote the sources do not give member by member, though the decision was voted on.
UNRECORDED: Final = "unrecorded"


# Claims and choices are values, never changed once made, but not frozen: a merge makes
# them by the hundred thousand, and a frozen instance costs several times as much to make.
@dataclass(slots=True, unsafe_hash=True, init=False)
class Claim:
    """One statement of one fact: the source, its value, and the tests its own record fails."""

    source: str
    value: Hashable
    doubts: frozenset[str]
    where: str  # file and line, for a finding to cite

    # Written out: compiled, the class's own __init__ is a native constructor, where the
    # dataclass's is Python code (a merge makes claims by the hundred thousand).
    def __init__(
        self, source: str, value: Hashable, doubts: frozenset[str] = frozenset(), where: str = ""
    ) -> None:
        self.source = source
        self.value = value
        self.doubts = doubts
        self.where = where


@dataclass(slots=True, unsafe_hash=True, init=False)
class Choice:
    """The value chosen (``None`` when undecided or unstated), the rule that chose it, and
    every claim, to keep each source's value beside the choice."""

    value: Any
    rule: str | None
    claims: tuple[Claim, ...]

    def __init__(self, value: Any, rule: str | None, claims: tuple[Claim, ...] = ()) -> None:
        self.value = value
        self.rule = rule
        self.claims = claims

    @property
    def disputed(self) -> bool:
        """Whether the statements give more than one value (or one its record doubts)."""
        if self.rule == DOUBTED:
            return True
        claims = self.claims
        if len(claims) < 2:
            return False
        first = claims[0].value
        return any(c.value != first for c in claims)

    def values(self) -> dict[str, list[str]]:
        """Each value (as text) with the sources stating it, in the order met."""
        out: dict[str, list[str]] = {}
        for claim in self.claims:
            sources = out.setdefault(_text(claim.value), [])
            if claim.source not in sources:
                sources.append(claim.source)
        return out


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return "-".join(str(v) for v in value) if all(isinstance(v, int) for v in value) else (
            ", ".join(str(v) for v in value)
        )  # fmt: skip
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_NOTHING: Final = Choice(None, None)


def choose(claims: Iterable[Claim]) -> Choice:
    """The value the evidence supports among ``claims`` (see the module notes)."""
    stated = tuple([c for c in claims if c.value is not None])
    if not stated:
        return _NOTHING
    first = stated[0]
    value = first.value
    if len(stated) == 1:
        return Choice(value, DOUBTED if first.doubts else SINGLE, stated)
    # Most facts are stated alike by every source: one value, no grouping needed.
    if all(c.value == value for c in stated):
        if all(c.doubts for c in stated):
            return Choice(value, DOUBTED, stated)
        return Choice(value, AGREED if witnesses(c.source for c in stated) > 1 else SINGLE, stated)
    by_value: dict[Hashable, list[Claim]] = {}
    for claim in stated:
        by_value.setdefault(claim.value, []).append(claim)
    values = list(by_value)
    if len(values) == 1:
        only = by_value[values[0]]
        if all(c.doubts for c in only):
            return Choice(values[0], DOUBTED, stated)
        return Choice(value, AGREED if witnesses(c.source for c in only) > 1 else SINGLE, stated)
    candidates = values
    for test in TESTS:
        kept = [v for v in candidates if any(test not in c.doubts for c in by_value[v])]
        if len(kept) == 1:
            return Choice(kept[0], test, stated)
        if kept:
            candidates = kept

    def support(value: Hashable) -> tuple[int, int]:
        claims_of = by_value[value]
        trusted = witnesses(c.source for c in claims_of if not c.doubts)
        return trusted, witnesses(c.source for c in claims_of)

    ranked = sorted(candidates, key=support, reverse=True)
    if support(ranked[0]) > support(ranked[1]):
        return Choice(ranked[0], SOURCES, stated)
    return Choice(None, UNDECIDED, stated)


# -- a decision over its listings -------------------------------------------------------


@dataclass(slots=True, init=False)
class Listing:
    """A decision as one source states it, in the terms evidence compares.

    ``votes``: each member (as written) with every vote the listing gives it; ``also``:
    another value the same record states for a field ("record", "symbol").
    """

    source: str
    row: Hashable
    kind: str | None
    symbol: str | None
    record: str | None
    date: str | None
    tally: tuple[int, int, int] | None
    adopted: bool | None
    chapter_vii: bool | None
    agenda: str | None
    vetoed_by: tuple[str, ...]
    unanimous: bool
    voted: bool
    votes: dict[str, list[str]]
    inferred: dict[str, str]  # member -> vote worked out
    also: Mapping[str, str]
    where: str

    def __init__(
        self,
        source: str,
        row: Hashable,
        kind: str | None = None,
        symbol: str | None = None,
        record: str | None = None,
        date: str | None = None,
        tally: tuple[int, int, int] | None = None,
        adopted: bool | None = None,
        chapter_vii: bool | None = None,
        agenda: str | None = None,
        vetoed_by: tuple[str, ...] = (),
        unanimous: bool = False,
        voted: bool = False,
        votes: dict[str, list[str]] | None = None,
        inferred: dict[str, str] | None = None,
        also: Mapping[str, str] | None = None,
        where: str = "",
    ) -> None:
        self.source = source
        self.row = row
        self.kind = kind
        self.symbol = symbol
        self.record = record
        self.date = date
        self.tally = tally
        self.adopted = adopted
        self.chapter_vii = chapter_vii
        self.agenda = agenda
        self.vetoed_by = vetoed_by
        self.unanimous = unanimous
        self.voted = voted
        self.votes = {} if votes is None else votes
        self.inferred = {} if inferred is None else inferred
        self.also = {} if also is None else also
        self.where = where


def own_symbol(listing: Listing) -> Choice:
    """The symbol of the decision a listing states, where its record names two (a link's
    text and address): the one whose year agrees with the listing's date."""
    claims = [
        Claim(listing.source, symbol, _doubt(outside_symbol_year(symbol, listing.date), RECORD))
        for symbol in (listing.symbol, listing.also.get("symbol"))
        if symbol
    ]
    return choose(claims)


def spelling(symbols: Iterable[str | None]) -> str | None:
    """The spelling of one document's symbol most statements use (they differ only in
    spacing and case; the shortest, then the first in order, where they tie)."""
    counts: dict[str, int] = {}
    for symbol in symbols:
        if symbol:
            counts[symbol] = counts.get(symbol, 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda s: (-counts[s], len(s), s))


_NO_DOUBT: Final[frozenset[str]] = frozenset()
# A vote not recorded member by member, as every such member's choice (never changed).
_UNRECORDED: Final = Choice(UNRECORDED, INFERRED)


@cache
def _inferred(vote: str) -> Choice:
    """A vote worked out with no source working it out itself, one choice per vote."""
    return Choice(vote, INFERRED, ())


_RECORD_DOUBT: Final = frozenset((RECORD,))


def _doubt(condition: bool, test: str) -> frozenset[str]:
    return frozenset((test,)) if condition else frozenset()


@dataclass(slots=True, init=False)
class Member:
    """A member's vote on a decision in the merged record."""

    vote: str
    inferred: bool
    basis: str | None
    choice: Choice

    def __init__(self, vote: str, inferred: bool, basis: str | None, choice: Choice) -> None:
        self.vote = vote
        self.inferred = inferred
        self.basis = basis
        self.choice = choice


@dataclass(slots=True, init=False)
class Decided:
    """Every field of one decision as the evidence chose it (``members`` may be the very
    dict of another decision cast alike: never changed once made)."""

    fields: dict[str, Choice]
    members: dict[str, Member]
    voted: bool

    def __init__(self, fields: dict[str, Choice], members: dict[str, Member], voted: bool) -> None:
        self.fields = fields
        self.members = members
        self.voted = voted

    def value(self, name: str) -> Any:
        return self.fields[name].value

    @property
    def rules(self) -> dict[str, str]:
        """The rule that chose each field stated."""
        return {n: c.rule for n, c in self.fields.items() if c.rule is not None}

    @property
    def disputed(self) -> dict[str, dict[str, list[str]]]:
        """Each field the statements disagree on, with every value and its sources."""
        # Most fields have one claim, undoubted: told so before asking ``disputed``.
        return {
            n: c.values()
            for n, c in self.fields.items()
            if (len(c.claims) > 1 or c.rule == DOUBTED) and c.disputed
        }


def decide(
    listings: Sequence[Listing], meetings: Timeline, resolutions: Timeline | None = None
) -> Decided:
    """Each field of one decision, chosen over ``listings`` (its statements); ``meetings``
    and ``resolutions`` give the days of the rest of the record."""
    if len(listings) == 1 and not listings[0].also:
        return _decide_once(listings[0], meetings, resolutions)
    records_by_source: dict[str, set[str]] = {}
    for listing in listings:
        if listing.record:
            records_by_source.setdefault(listing.source, set()).add(_base(listing.record))
    # One source listing the decision at two meetings: each of those listings is in doubt.
    twice = {source for source, records in records_by_source.items() if len(records) > 1}
    chosen: dict[str, Choice] = {}
    if any(x.also.get("symbol") for x in listings):
        # A record naming two documents (a link's text and address): each source's symbols.
        chosen["symbol"] = choose(
            claim
            for x in listings
            for claim in (
                own_symbol(x).claims if x.also.get("symbol") else (Claim(x.source, x.symbol),)
            )
        )
    record_claims = []
    date_claims = []
    spelled: dict[str, list[str]] = {}
    for x in listings:
        # Out of the order of resolution numbers and days: the listing's day and meeting.
        out_of_order = not (
            resolutions is None
            or resolutions.fits(resolution_number(x.symbol), x.date, x.row, own=False)
        )
        repeated = x.source in twice
        records = [r for r in (x.record, x.also.get("record")) if r]
        fitting = [r for r in records if meetings.fits(meeting_number(r), x.date, x.row)]
        for record in records:
            base = _base(record)
            spelled.setdefault(base, []).append(record)
            # A record naming two meetings; out of order; listed twice by its source.
            doubts = _DOUBTS[len(records) > 1, out_of_order or record not in fitting, repeated]
            record_claims.append(Claim(x.source, base, doubts, x.where))
        if x.date:
            doubts = _DOUBTS[
                outside_symbol_year(x.symbol, x.date),
                out_of_order or bool(records and not fitting),
                repeated,
            ]
            date_claims.append(Claim(x.source, x.date, doubts, x.where))
    if len(record_claims) == 1:  # one record stated once (most decisions): as it is written
        claim = record_claims[0]
        meeting = Choice(
            spelled[str(claim.value)][0], DOUBTED if claim.doubts else SINGLE, (claim,)
        )
    else:
        meeting = choose(record_claims)
        if meeting.value is not None:
            # A resumed meeting's record and the meeting's are one meeting: the fuller
            # spelling.
            spellings = spelled[meeting.value]
            fullest = max(spellings, key=lambda s: (spellings.count(s), len(s), s))
            meeting = Choice(fullest, meeting.rule, meeting.claims)
    chosen["record"] = meeting
    chosen["date"] = _one(date_claims[0]) if len(date_claims) == 1 else choose(date_claims)
    # A source's listing at a meeting other than the one chosen, where it lists the decision
    # twice, is in doubt in every other field too.
    misplaced = {
        x.row
        for x in listings
        if x.source in twice and x.record and _base(x.record) != _base(meeting.value or "")
    }

    if len(listings) == 1:
        _listed_once(listings[0], chosen)
        voted = listings[0].voted
        return Decided(chosen, _members(listings, chosen, voted), voted)

    def weighed(x: Listing, audit: bool = False) -> frozenset[str]:
        return _WEIGHED[audit, x.row in misplaced]

    vetoing = _vetoing(listings)
    chosen["tally"] = choose(
        Claim(x.source, x.tally, weighed(x, _tally_doubted(x, vetoing)), x.where)
        for x in listings
        if x.tally is not None
    )
    for name in ("adopted", "chapter_vii"):
        chosen[name] = choose(
            Claim(x.source, getattr(x, name), weighed(x), x.where) for x in listings
        )
    chosen["agenda"] = _agenda(listings, misplaced)
    chosen["vetoed_by"] = choose(
        Claim(
            x.source, tuple(sorted({states.short_name(n) for n in x.vetoed_by})), weighed(x),
            x.where,
        )
        for x in listings
        if x.vetoed_by
    )  # fmt: skip
    voted = any(x.voted for x in listings)
    members = _members(listings, chosen, voted)
    return Decided(chosen, members, voted)


def _decide_once(x: Listing, meetings: Timeline, resolutions: Timeline | None) -> Decided:
    """What :func:`decide` makes of one listing whose record names no second value (most
    decisions), each choice made directly: one record and one day, neither listed twice."""
    date, record = x.date, x.record
    out_of_order = not (
        resolutions is None or resolutions.fits(resolution_number(x.symbol), date, x.row, own=False)
    )
    chosen: dict[str, Choice] = {}
    fitting = False
    if record:
        fitting = meetings.fits(meeting_number(record), date, x.row)
        claim = Claim(
            x.source, _base(record), _DOUBTS[False, out_of_order or not fitting, False], x.where
        )
        chosen["record"] = Choice(record, DOUBTED if claim.doubts else SINGLE, (claim,))
    else:
        chosen["record"] = _NOTHING
    if date:
        doubts = _DOUBTS[
            outside_symbol_year(x.symbol, date),
            out_of_order or bool(record and not fitting),
            False,
        ]
        chosen["date"] = Choice(
            date, DOUBTED if doubts else SINGLE, (Claim(x.source, date, doubts, x.where),)
        )
    else:
        chosen["date"] = _NOTHING
    _listed_once(x, chosen)
    voted = x.voted
    return Decided(chosen, _members((x,), chosen, voted), voted)


def _listed_once(x: Listing, chosen: dict[str, Choice]) -> None:
    """The other fields of a decision one listing states (most decisions): what
    :func:`decide` chooses over one listing, each choice made directly."""
    where = x.where
    chosen["tally"] = (
        _one(Claim(x.source, x.tally, _WEIGHED[_tally_doubted(x, _vetoing((x,))), False], where))
        if x.tally is not None
        else _NOTHING
    )
    no_doubt = _WEIGHED[False, False]
    chosen["adopted"] = _one(Claim(x.source, x.adopted, no_doubt, where))
    chosen["chapter_vii"] = _one(Claim(x.source, x.chapter_vii, no_doubt, where))
    agenda = x.agenda
    chosen["agenda"] = (
        _one(Claim(x.source, agenda, _NO_DOUBT, where))
        if isinstance(agenda, str) and agenda
        else _agenda((x,), set())
    )
    chosen["vetoed_by"] = (
        _one(
            Claim(
                x.source, tuple(sorted({states.short_name(n) for n in x.vetoed_by})), no_doubt,
                where,
            )
        )
        if x.vetoed_by
        else _NOTHING
    )  # fmt: skip


def _one(claim: Claim) -> Choice:
    """What :func:`choose` makes of a single claim."""
    if claim.value is None:
        return _NOTHING
    return Choice(claim.value, DOUBTED if claim.doubts else SINGLE, (claim,))


# The doubts of a record or a day (its own record, the sequence, listed twice) and of any
# other field (the audit, listed at another meeting than the one chosen), each set made once.
_DOUBTS: Final = {
    flags: frozenset(t for t, on in zip((RECORD, SEQUENCE, REPEATED), flags, strict=True) if on)
    for flags in itertools.product((False, True), repeat=3)
}
_WEIGHED: Final = {
    flags: frozenset(t for t, on in zip((AUDIT, REPEATED), flags, strict=True) if on)
    for flags in itertools.product((False, True), repeat=2)
}


def _base(record: str) -> str:
    """A meeting's record without a resumption's suffix, as one meeting is compared."""
    return record.split(" (", 1)[0].split("(", 1)[0].strip().upper()


_WORDS: Final = re.compile(r"\w+")


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    """A wording's words, case aside (a few thousand items worded a few hundred ways)."""
    return frozenset(_WORDS.findall(text.casefold()))


def _agenda(listings: Sequence[Listing], misplaced: set[Hashable]) -> Choice:
    """The agenda item over the listings (see :func:`wording`)."""
    return wording(
        Claim(
            x.source, x.agenda, frozenset((REPEATED,)) if x.row in misplaced else frozenset(),
            x.where,
        )
        for x in listings
        if x.agenda
    )  # fmt: skip


def wording(claims: Iterable[Claim]) -> Choice:
    """The words of an item (an agenda item, a meeting's topic) as the claims write them.

    Wordings are compared by their words, case and punctuation aside; one whose words all
    stand in a fuller wording states the same item less fully ("Angola", "The situation
    in Angola"), and counts for the fuller one where that is the only fuller one. The
    wording shown is the one most sources write of the item chosen."""
    claims = [c for c in claims if c.value]
    if not claims:
        return _NOTHING
    first = claims[0].value
    if isinstance(first, str) and all(c.value == first for c in claims):
        # One wording: the item is that wording, chosen as its claims' doubts and sources
        # choose it (what the comparison of words below comes to for a single wording).
        return Choice(first, choose(claims).rule, tuple(claims))
    words = {c.value: _words(str(c.value)) for c in claims}
    keys: dict[Any, str] = {}
    for text, own in words.items():
        fuller = {words[t] for t in words if own < words[t]}
        widest = [w for w in fuller if not any(w < other for other in fuller)]
        keys[text] = " ".join(sorted(widest[0] if len(widest) == 1 else own))
    choice = choose(Claim(c.source, keys[c.value], c.doubts, c.where) for c in claims)
    if choice.value is None:
        return Choice(None, choice.rule, tuple(claims))
    written = [str(c.value) for c in claims if keys[c.value] == choice.value]
    shown = max(written, key=lambda s: (written.count(s), len(words[s]), s))
    # Each source's wording is kept where the items differ; one item worded two ways is
    # no disagreement.
    if len({keys[c.value] for c in claims}) == 1:
        return Choice(
            shown, choice.rule, tuple(Claim(c.source, shown, c.doubts, c.where) for c in claims)
        )
    return Choice(shown, choice.rule, tuple(claims))


def _vetoing(listings: Sequence[Listing]) -> int:
    """The most permanent members any of a decision's listings names as vetoing it."""
    return max((len(set(x.vetoed_by)) for x in listings), default=0)


def _tally_doubted(listing: Listing, vetoing: int) -> bool:
    """Whether the Council's rules find a listing's tally wrong: its own lists of names do
    not add up to it, or it counts fewer votes against than the ``vetoing`` members its
    decision's listings name (a veto is a vote against)."""
    tally = listing.tally
    return tally is not None and (tally[1] < vetoing or _lists_disagree(listing))


def _lists_disagree(listing: Listing) -> bool:
    """Whether a listing's lists of names fail to add up to its own tally."""
    if listing.tally is None or not listing.votes:
        return False
    counts = {"Y": 0, "N": 0, "A": 0}
    for votes in listing.votes.values():
        for vote in votes:
            if vote in counts:
                counts[vote] += 1
    return (counts["Y"], counts["N"], counts["A"]) != listing.tally


def _votes_once(x: Listing) -> dict[str, Member] | None:
    """Each member's vote as one listing gives it (most decisions), where each member it
    names has one vote: what :func:`_listed` makes of it, a member made once per vote
    (values, shared); ``None`` otherwise."""
    members: dict[str, Member] = {}
    made: dict[str, Member] = {}
    short_name = states.short_name
    for name, votes in x.votes.items():
        if not votes:
            continue
        member = short_name(name)
        if len(votes) != 1 or member in members or not votes[0]:
            return None
        vote = votes[0]
        one = made.get(vote)
        if one is None:
            choice = Choice(vote, SINGLE, (Claim(x.source, vote, _NO_DOUBT, x.where),))
            one = made[vote] = Member(vote, False, None, choice)
        members[member] = one
    return members


def _listed(listings: Sequence[Listing]) -> dict[str, Member]:
    """Each member's vote as the listings' lists give it, chosen by evidence."""
    listed: dict[str, list[Claim]] = {}
    short_name = states.short_name
    for x in listings:
        source, where = x.source, x.where
        # One claim per vote of a listing, shared by the members casting it (claims are
        # values): a listing gives a handful of distinct votes for up to 15 members.
        said: dict[str, Claim] = {}
        for name, votes in x.votes.items():
            if not votes:
                continue
            claims = listed.setdefault(short_name(name), [])
            if len(votes) == 1:
                vote = votes[0]
                claim = said.get(vote)
                if claim is None:
                    claim = said[vote] = Claim(source, vote, _NO_DOUBT, where)
                claims.append(claim)
                continue
            unique = dict.fromkeys(votes)
            doubts = _RECORD_DOUBT if len(unique) > 1 else _NO_DOUBT  # in two lists of one record
            claims.extend(Claim(source, vote, doubts, where) for vote in unique)
    members: dict[str, Member] = {}
    # A claim that is a member's only one: its choice and vote, made once (values, shared).
    alone: dict[int, Member] = {}
    for member, claims in listed.items():
        one = claims[0]  # one vote from one listing (most members): what ``choose`` makes of it
        rule = (DOUBTED if one.doubts else SINGLE) if len(claims) == 1 and one.value else None
        if rule:
            made = alone.get(id(one))
            if made is None:
                choice = Choice(one.value, rule, (one,))
                made = alone[id(one)] = Member(choice.value, False, None, choice)
            members[member] = made
            continue
        choice = choose(claims)
        members[member] = Member(choice.value or UNDECIDED, False, None, choice)
    return members


def _members(
    listings: Sequence[Listing], chosen: dict[str, Choice], voted: bool
) -> dict[str, Member]:
    """Each member's vote: as the lists give it, chosen by evidence; then, where the
    decision was voted on, every member sitting that day (see the module notes)."""
    worked_out: dict[str, list[Claim]] = {}
    for x in listings:
        for name, vote in x.inferred.items():
            worked_out.setdefault(states.short_name(name), []).append(
                Claim(x.source, vote, where=x.where)
            )
    # One listing naming no member (most): no lists to go through again.
    once = _votes_once(listings[0]) if len(listings) == 1 else None
    members = once if once is not None else _listed(listings)
    if not voted:
        return members
    date = chosen["date"].value
    seats: Seats | None
    if date and isinstance(date, str):
        seated, seats = _seated_on(date)
    else:
        if date:
            seated = sitting(date)
        else:
            # With the day undecided, the year every statement gives says who sat.
            years = {str(c.value)[:4] for c in chosen["date"].claims}
            seated = sitting(year=int(years.pop()) if len(years) == 1 else None)
        seats = _seats(seated) if seated is not None else None
    # The members listed as voting, by vote, in one pass over the members.
    in_favour: list[str] = []
    against: list[str] = []
    abstaining: list[str] = []
    for member, listed in members.items():
        vote = listed.vote
        if vote == "Y":
            in_favour.append(member)
        elif vote == "N":
            against.append(member)
        elif vote == "A":
            abstaining.append(member)
    cast = bool(in_favour or against or abstaining)
    tally = chosen["tally"].value
    unanimous_words = tally is None and any(x.unanimous for x in listings)
    if unanimous_words and seated is not None and not cast:
        tally = (len(seated.seats), 0, 0)
    vetoed = chosen["vetoed_by"].value or ()
    council = seats[0] if seats is not None else None
    # No listing names a member or works a vote out (most decisions): every vote is worked
    # out, alike for each decision of one ballot and Council, and made once (values, shared).
    unlisted: tuple[Any, ...] | None = None
    if not members and not worked_out:
        unlisted = (tally, chosen["adopted"].value, vetoed, council, unanimous_words)
        found = _UNLISTED.get(unlisted)
        if found is not None:
            return found
    worked = _worked_out(
        tuple(tally) if tally else None,
        tuple(in_favour),
        tuple(against),
        tuple(abstaining),
        chosen["adopted"].value,
        tuple(vetoed),
        council,
        seated,
    )
    for member, vote in worked:
        if member in members:
            continue
        if vote == "Y":
            basis = "adopted unanimously" if unanimous_words else "unanimous tally"
        elif vote == "absent":
            basis = "lists add up to the tally"
        else:
            basis = "vetoed"
        # The listings that work it out themselves (an inferred vote of theirs) are its claims.
        own = worked_out.get(member)
        members[member] = (
            Member(vote, True, basis, Choice(vote, INFERRED, tuple(own)))
            if own
            else _worked_out_vote(vote, basis)
        )
    for member, claims in worked_out.items():
        if member not in members:  # as the sources themselves work it out
            choice = choose(claims)
            members[member] = Member(choice.value or UNDECIDED, True, "as its source", choice)
    if seats is not None:
        unrecorded = _unrecorded("tally not by member" if tally else "no tally")
        for member in seats[1]:
            if member not in members:
                members[member] = unrecorded
    if unlisted is not None:
        if len(_UNLISTED) >= _JUDGED_MAX:
            _UNLISTED.clear()
        _UNLISTED[unlisted] = members
    return members


# The members of decisions whose listings name none, by ballot and Council (see :func:`_members`).
_UNLISTED: Final[dict[tuple[Any, ...], dict[str, Member]]] = {}


# A Council's number (see :func:`_seats`), and its members in order.
Seats = tuple[int, list[str]]
# By year and the seats' mapping, which is held so that no other has its id meanwhile.
_SEATS: Final[dict[tuple[int, int], tuple[Mapping[str, bool], Seats]]] = {}
# A number for each Council met: ballots judged are kept under it (see :func:`_worked_out`).
_NUMBERS: Final = itertools.count()


def _seats(seated: Sitting) -> Seats:
    """A Council's number and its members in order, spelled out once per Council: its year
    and its seats, whose mapping :func:`repertoire.rules.council.sitting` shares among the
    days they hold (a Council met again once its number is let go is numbered anew)."""
    key = (seated.year, id(seated.seats))
    found = _SEATS.get(key)
    if found is None:
        if len(_SEATS) >= _JUDGED_MAX:
            _SEATS.clear()
        found = _SEATS[key] = (seated.seats, (next(_NUMBERS), seated.members))
    return found[1]


_SEATED: Final[dict[str, tuple[Sitting | None, Seats | None]]] = {}


def _seated_on(date: str) -> tuple[Sitting | None, Seats | None]:
    """The Council sitting on a day written as the sources write it, and its seats (see
    :func:`_seats`), found once per day: a merge asks for the same few thousand days for
    thousands of decisions, and a day's text is read as a date only the first time."""
    found = _SEATED.get(date)
    if found is None:
        if len(_SEATED) >= _JUDGED_MAX:
            _SEATED.clear()
        seated = sitting(date)
        found = _SEATED[date] = (seated, _seats(seated) if seated is not None else None)
    return found


# Votes worked out alike for many members, each made once (values, shared).
@cache
def _worked_out_vote(vote: str, basis: str) -> Member:
    return Member(vote, True, basis, _inferred(vote))


@cache
def _unrecorded(basis: str) -> Member:
    return Member(UNRECORDED, True, basis, _UNRECORDED)


_JUDGED: Final[dict[tuple[Any, ...], tuple[tuple[str, str], ...]]] = {}


def _worked_out(
    tally: tuple[int, ...] | None,
    in_favour: tuple[str, ...],
    against: tuple[str, ...],
    abstaining: tuple[str, ...],
    adopted: bool | None,
    vetoed: tuple[str, ...],
    council: int | None,
    seated: Sitting | None,
) -> tuple[tuple[str, str], ...]:
    """The votes the Council's rules work out for a ballot (member and vote, in the
    judgement's order), judged once per ballot and Council: most ballots of a year are
    alike (a unanimous tally, no lists), and ``council`` (the number of the year and the
    seats, see :func:`_seats`) stands for all of the sitting that the judging reads."""
    key = (tally, in_favour, against, abstaining, adopted, vetoed, council)
    worked = _JUDGED.get(key)
    if worked is None:
        ballot = Ballot(
            Vote(*tally) if tally else None,
            in_favour=list(in_favour),
            against=list(against),
            abstaining=list(abstaining),
            adopted=adopted,
            vetoed_by=list(vetoed),
        )
        verdict = judge(ballot, seated)
        worked = tuple((m, vote) for m, (vote, inferred) in verdict.votes.items() if inferred)
        if len(_JUDGED) >= _JUDGED_MAX:
            _JUDGED.clear()
        _JUDGED[key] = worked
    return worked


_JUDGED_MAX: Final = 8192
