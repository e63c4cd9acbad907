"""AKN4UN XML of drafts not adopted (and adopted resolutions): votes, workflow, broken XML."""
# ruff: noqa: E501  (fixtures are copies of real lines, kept whole)

from __future__ import annotations

from repertoire import official

DRAFT = b"""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:akn4un="http://un.org/akn4un">
  <statement name="draftResolution">
    <meta>
      <identification source="#DGACM"><FRBRWork><FRBRdate date="2099-03-27" name="voting"/></FRBRWork></identification>
      <classification source="DHLAUTH">
        <keyword refersTo="agenda" value="X" showAs="The situation in Freedonia." dictionary="S/"/>
      </classification>
      <workflow source="#un">
        <step date="2099-03-27" outcome="draftResolution" by="Freedonia and Sylvania" />
        <step date="2099-03-27" outcome="veto" as="S/PV.9999" by="The draft resolution was not adopted due to the negative vote of 2 permanent members of the Security Council (China and Russian Federation) (S/PV.9999)." />
      </workflow>
      <analysis source="#un"><parliamentary><voting>
        <count value="013" refersTo="inFavour"><akn4un:voters>
          <organization refersTo="memberState">FRANCE</organization>
        </akn4un:voters></count>
        <count value="02" refersTo="against"><akn4un:voters>
          <organization refersTo="memberState">CHINA</organization>
          <organization refersTo="memberState">RUSSIAN FEDERATION</organization>
        </akn4un:voters></count>
        <count value="0" refersTo="abstaining"/>
      </voting></parliamentary></analysis>
    </meta>
    <coverPage><p><docNumber refersTo="#symbol">S/2099/12</docNumber></p>
      <p><docDate date="2099-03-27">27 March 2099</docDate></p></coverPage>
  </statement>
</akomaNtoso>
"""


def test_a_vetoed_draft():
    found = official.read_bytes(DRAFT, "d.xml")
    assert found.kind == "akn4un"
    assert found.findings == []
    (decision,) = found.decisions
    assert decision.kind == "draft_resolution"
    assert decision.draft == decision.symbol == "S/2099/12"
    assert decision.adopted is False
    assert decision.record == "S/PV.9999"
    assert decision.date == "2099-03-27"
    assert decision.vetoed_by == ["China", "Russian Federation"]
    assert decision.sponsors == ["Freedonia", "Sylvania"]
    assert decision.against == ["CHINA", "RUSSIAN FEDERATION"]
    assert decision.tally is not None and decision.tally.text == "013-02-0"
    assert decision.agenda == "The situation in Freedonia."
    assert decision.attestation.where.endswith("/voting")


def test_a_draft_with_no_recorded_vote_has_no_tally():
    data = DRAFT.replace(b"<count", b"<ignored").replace(b"</count>", b"</ignored>")
    (decision,) = official.read_bytes(data, "d.xml").decisions
    assert decision.tally is None
    assert decision.vetoed_by == ["China", "Russian Federation"]


def test_truncated_xml_is_a_finding_and_what_came_before_is_read():
    found = official.read_bytes(DRAFT[: DRAFT.index(b"<coverPage>") + 60], "d.xml")
    assert found.kind == "akn4un"
    assert any(f.code == "official-xml" for f in found.findings)
    assert [d.symbol for d in found.decisions] == ["S/2099/12"]


def test_a_document_cut_before_its_symbol_gives_findings_only():
    found = official.read_bytes(DRAFT[:400], "d.xml")
    assert found.decisions == []
    assert {f.code for f in found.findings} == {"official-xml"}


def test_an_adopted_resolution_in_the_same_schema():
    data = DRAFT.replace(b"S/2099/12", b"S/RES/1234 (2099)").replace(
        b'outcome="veto"', b'outcome="adopted"'
    )
    (decision,) = official.read_bytes(data, "r.xml").decisions
    assert decision.kind == "resolution"
    assert decision.adopted is True
    assert decision.vetoed_by == []


def test_the_voting_date_when_the_workflow_gives_none():
    undated = DRAFT.replace(b'<step date="2099-03-27" outcome="veto"', b'<step outcome="veto"')
    (decision,) = official.read_bytes(undated, "d.xml").decisions
    assert decision.date == "2099-03-27"
