"""Why a match's term earned what it did, in the reader's language: every reason code of the
engine has its words, the facts read as pages name them, and a match keeps the code with its
facts, so that its page says them in French to a French reader."""

import json
from datetime import date

from django.utils import translation

from cbap.engine import matching
from cbap.needs import reasons, services

NEED = matching.Need(
    "KEN:A.8.2",
    party="KEN",
    key_area="A.8.2",
    level="high",
    kinds=frozenset({"training", "funding"}),
    languages=frozenset({"en", "fr"}),
)
OFFER = matching.Offer(
    "1",
    provider="P",
    key_areas=frozenset({"A.8"}),
    kinds=frozenset({"training", "experts"}),
    languages=frozenset({"fr"}),
    start=date(2026, 1, 1),
    end=date(2026, 12, 31),
)


def test_every_reason_code_of_the_engine_has_the_same_words():
    assert reasons.REASONS.keys() == matching.REASONS.keys()
    with translation.override("en"):
        for code, english in matching.REASONS.items():
            assert str(reasons.REASONS[code]) == english, code


def test_a_reason_reads_its_facts_by_name_in_the_readers_language():
    [match] = matching.offers_for(NEED, [OFFER], today=date(2026, 3, 1))
    kind = match.term("kind")
    assert kind.reason == "covers 1 of 2 kinds wanted: training (not funding)"
    with translation.override("en"):
        assert reasons.said(kind) == "covers 1 of 2 kinds wanted: Training (not Funding)"
        assert reasons.said(match.term("language")) == "in Français"
    with translation.override("fr"):
        assert (
            reasons.said(kind)
            == "couvre 1 des 2 types de soutien voulus : Formation (pas Financement)"
        )
        assert (
            reasons.said(match.term("key_area"))
            == "offre le but A.8, pas le domaine clé A.8.2 par son nom"
        )


def test_a_match_keeps_the_code_and_its_facts_as_json():
    [match] = matching.offers_for(NEED, [OFFER], today=date(2026, 3, 1))
    timing = match.term("timing")
    kept = json.loads(json.dumps(reasons.kept(timing)))
    assert kept == {
        "name": "timing",
        "weight": 1,
        "value": 1.0,
        "why": "from_to",
        "facts": {"start": "2026-01-01", "end": "2026-12-31"},
        "reason": "offered from 2026-01-01 to 2026-12-31; no date stated by the Party",
    }
    with translation.override("en"):
        assert reasons.said(kept) == timing.reason
    older = {"name": "timing", "reason": "offered from 2026-01-01"}  # kept before the codes
    assert reasons.said(older) == "offered from 2026-01-01"


def test_the_match_page_gives_the_reasons_in_french(client, kenya_needs, offer, editor):
    match = services.match_propose(
        assessment=kenya_needs, key_area="A.8.2", offer=offer, actor=editor
    )
    client.force_login(editor)
    html = client.get("/fr" + match.get_absolute_url()).content.decode()
    assert "offre A.8.2" in html and "ouvert à toutes les Parties" in html
    assert "offers A.8.2" not in html
