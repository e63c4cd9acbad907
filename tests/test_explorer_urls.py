"""The explorer's addresses: one builder, quoting once, and no other module spelling them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("datasette")

from repertoire.web import urls
from repertoire.web.views import ROUTES

SRC = Path(__file__).resolve().parent.parent / "src" / "repertoire"
# An address of one of the explorer's own pages, as a literal.
SPELLED = re.compile(r"/-/(?:repertoire|section|meeting|state|decision|text|charts|disagreements)")


def test_no_module_but_the_builder_spells_the_explorers_addresses() -> None:
    spelled = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*"))
        if path.suffix in (".py", ".html", ".js", ".json", ".css") and path.name != "urls.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPELLED.search(line)
    ]
    # The package's docstring shows a request by its address; everything else asks urls.
    assert spelled == ["web/__init__.py:5"]


def test_the_description_links_to_the_explorer() -> None:
    from repertoire.web import metadata

    description = metadata()["description_html"]
    assert f'href="{urls.home()}"' in description and f'href="{urls.charts()}"' in description
    assert "{" not in description


def _route(path: str) -> str | None:
    matched = [view for pattern, view in ROUTES if re.match(pattern, path)]
    return getattr(matched[0], "__name__", "page") if matched else None


@pytest.mark.parametrize(
    "address",
    [
        urls.home(),
        urls.section(3),
        urls.section_markdown(3),
        urls.meeting("S/PV.1234"),
        urls.meeting("S/PV.1234 (Resumption 1)"),
        urls.state("Côte d'Ivoire"),
        urls.state("A/B"),
        urls.decision("S/RES/1 (2099)"),
        urls.text("S/PRST/2099/1"),
        urls.disagreements(),
        urls.charts(),
        urls.chart("votes-per-year", "svg"),
        urls.chart("votes-per-year", "json"),
    ],
)
def test_every_address_built_has_a_route(address: str) -> None:
    assert _route(address.split("?")[0].split("#")[0]) is not None, address


def test_keys_are_quoted_once() -> None:
    assert urls.state("A/B") == "/-/state/A%2FB"
    assert urls.meeting("S/PV.1234 (Resumption 1)") == "/-/meeting/S/PV.1234%20%28Resumption%201%29"
    assert urls.decision("S/RES/1 (2099)") == "/-/decision/S/RES/1%20(2099)"
    assert urls.text("S/RES/1 (2099)", "op-2") == "/-/text/S/RES/1%20(2099)#op-2"
    assert urls.chart("votes", "svg", "narrow") == "/-/charts/votes.svg?size=narrow"
    assert urls.disagreements("a&b", "") == "/-/disagreements?code=a%26b&page="
    assert urls.disagreements(page=2) == "/-/disagreements?page=2"
