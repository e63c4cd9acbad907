"""States reference list and name matching."""

from __future__ import annotations

import pycountry
import pytest

from repertoire.reference import states


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian Federation", "russian federation"),
        ("  the   Russian\u00a0Federation ", "russian federation"),
        ("*United Kingdom*", "united kingdom"),
        ("**Japan**", "japan"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("TÜRKIYE", "turkiye"),
        ("São Tomé and Príncipe", "sao tome and principe"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert states.normalise(text) == expected


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
        ("Turkey", "Türkiye"),
        ("Slovak Republic", "Slovakia"),
        ("Libyan Arab Jamahiriya", "Libya"),
        ("Netherlands (Kingdom of the)", "Netherlands"),
        ("UNITED STATES", "United States"),
        ("United States of America", "United States"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("the Russian Federation", "Russian Federation"),
        ("USSR", "Union of Soviet Socialist Republics"),
        ("Soviet Union", "Union of Soviet Socialist Republics"),
        ("Zaire", "Democratic Republic of the Congo"),
        ("Congo", "Congo"),
        ("Byelorussian Soviet Socialist Republic", "Belarus"),
        ("United Arab Republic", "Egypt"),
        ("Ceylon", "Sri Lanka"),
        ("Upper Volta", "Burkina Faso"),
        ("Cape Verde", "Cabo Verde"),
        ("Czech Republic", "Czechia"),
        ("Bolivarian Republic of Venezuela", "Venezuela (Bolivarian Republic of)"),
        ("Venezuela", "Venezuela (Bolivarian Republic of)"),
        ("Islamic Republic of Iran", "Iran (Islamic Republic of)"),
        ("Republic Of Korea", "Republic of Korea"),
        ("Swaziland", "Eswatini"),
        ("The former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Palestine", "State of Palestine"),
        ("European Union", "European Union"),
    ],
)
def test_aliases(alias: str, name: str) -> None:
    assert states.canonical(alias) == name
    assert states.is_known(alias)


def test_lookup_returns_the_record() -> None:
    state = states.lookup("united kingdom of great britain and northern ireland")
    assert state is not None
    assert state.name == "United Kingdom"
    assert state.official_name == "United Kingdom of Great Britain and Northern Ireland"
    assert state.iso3 == "GBR"
    assert state.kind == "member"


def test_ussr_and_russian_federation_are_two_entries() -> None:
    ussr = states.lookup("Union of Soviet Socialist Republics")
    russia = states.lookup("Russian Federation")
    assert ussr is not None and russia is not None
    assert ussr != russia
    assert ussr.kind == "historical"
    assert russia.kind == "member"


@pytest.mark.parametrize(("typo", "hint"), [("Brasil", "Brazil"), ("Swizerland", "Switzerland")])
def test_near_miss_is_suggested_not_accepted(typo: str, hint: str) -> None:
    assert states.lookup(typo) is None
    assert states.canonical(typo) is None
    assert not states.is_known(typo)
    assert states.suggest(typo) == hint


@pytest.mark.parametrize("text", ["Atlantis", "", "Security Council", "Mr. Smith"])
def test_nothing_close_suggests_nothing(text: str) -> None:
    assert states.lookup(text) is None
    assert states.suggest(text) is None


def test_known_name_needs_no_suggestion() -> None:
    assert states.suggest("Brazil") is None


def test_counts_by_kind() -> None:
    kinds = [s.kind for s in states.all_states()]
    assert kinds.count("member") == 193
    assert kinds.count("observer") == 2
    assert {"historical", "organization"} <= set(kinds)


def test_names_are_unique() -> None:
    names = [s.name for s in states.all_states()]
    assert len(names) == len(set(names))


def test_every_name_resolves_to_its_own_entry() -> None:
    # The index refuses a key shared by two entries, so this also checks that.
    for state in states.all_states():
        for name in state.names():
            assert states.lookup(name) is state, name


def test_iso3_codes_agree_with_iso_3166() -> None:
    current = {c.alpha_3 for c in pycountry.countries}
    former = {c.alpha_3 for c in pycountry.historic_countries}
    codes: list[str] = []
    for state in states.all_states():
        if state.kind in ("member", "observer"):
            assert state.iso3 in current, state
        elif state.kind == "historical":
            assert state.iso3 is None or state.iso3 in former, state
        else:
            assert state.iso3 is None, state
        if state.iso3:
            codes.append(state.iso3)
    assert len(codes) == len(set(codes))


def test_by_iso3() -> None:
    assert states.by_iso3("civ") is states.lookup("Côte d'Ivoire")
    assert states.by_iso3("SUN") is states.lookup("USSR")
    assert states.by_iso3("XXX") is None


def test_every_member_state_of_iso_3166_matching_by_code() -> None:
    # Each Member State's ISO short name (e.g. "Korea, Republic of") is reachable too.
    for state in states.all_states():
        if state.kind != "member":
            continue
        country = pycountry.countries.get(alpha_3=state.iso3)
        assert country is not None
        assert states.lookup(country.name) is state, country.name
