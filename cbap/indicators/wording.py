"""Indicator definitions in plain words: conditions as sentences, questions with their titles.

Plain functions over the engine's definitions and the questionnaire, so a page, an export and a
test all get the same sentence; its words are in the reader's language (Django's gettext), the
question keys and option titles as the questionnaire gives them.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from cbap.bch.questionnaire import Question, Questionnaire
from cbap.bch.text import plain_option_title
from cbap.engine.definitions import Source
from cbap.engine.records import INDEXED

MEMBER_OF = {
    "cartagena_parties": gettext_lazy(
        "the government is a Party to the Cartagena Protocol on the deadline"
    ),
    "supplementary_protocol_parties": gettext_lazy(
        "the government is a Party to the Supplementary Protocol on the deadline"
    ),
}
"""`member_of` a population, in words (another population reads by its name)."""


def _joined(parts: list[str], word: str) -> str:
    """`parts` joined by a word of the conditions ("and", "or", "plus"), spaced."""
    return f" {word} ".join(parts)


def question_title(question: Question | None, key: str) -> str:
    """A sub-question's title with its parent's ("Number of people trained … — Risk
    assessment"), without HTML; the key alone when the questionnaire does not know it."""
    if question is None:
        return key
    return question.plain_title.rstrip(":").strip() or key


def full_title(questionnaire: Questionnaire, key: str) -> str:
    question = questionnaire.questions.get(key)
    title = question_title(question, key)
    if question is not None and question.parent_key:
        parent = questionnaire.questions.get(question.parent_key)
        if parent is not None and parent.plain_title:
            return f"{question_title(parent, parent.key)} — {title}"
    return title


def option_title(questionnaire: Questionnaire, key: str, value: str) -> str:
    question = questionnaire.questions.get(key)
    option = question.option(value) if question else None
    return plain_option_title(option.title) if option and option.title else value


def describe(condition: Mapping, questionnaire: Questionnaire) -> str:
    """The condition as one sentence naming question keys and option titles."""
    return _describe(condition, questionnaire, top=True)


def describe_sum(source: Source, questionnaire: Questionnaire, unit: str) -> str:
    """What a sum adds up, band by band: "the {unit} of Q076 (“None” 0, “1 to 4” 1–4, …) plus
    …"; a Party must answer every question to count."""
    parts = []
    for key in source.sum_of:
        bands = source.bands.get(key)
        if not bands:
            parts.append(_("the number given in %(key)s") % {"key": key})
            continue
        spans = ", ".join(
            f"“{option_title(questionnaire, key, value)}” "
            + (
                _("%(low)s or more") % {"low": low}
                if high is None
                else str(low)
                if low == high
                else f"{low}–{high}"
            )
            for value, (low, high) in bands.items()
        )
        parts.append(f"{key} ({spans})")
    # Translators: "the cases of Q076 (…) plus Q146 (…), for the Parties that answered all of them"
    return _("the %(unit)s of %(parts)s, for the Parties that answered all of them") % {
        "unit": unit,
        "parts": _joined(parts, pgettext("a sum of answers", "plus")),
    }


def _describe(condition: Mapping, qn: Questionnaire, *, top: bool = False) -> str:
    if "q" in condition:
        return _leaf(condition, qn)
    ((operator, argument),) = condition.items()
    if operator in ("all", "any"):
        word = pgettext("condition", "and") if operator == "all" else pgettext("condition", "or")
        parts = [_describe(child, qn) for child in argument]
        sentence = _joined(parts, word)
        return sentence if top or len(parts) == 1 else f"({sentence})"
    if operator == "not":
        return _("not (%(condition)s)") % {"condition": _describe(argument, qn, top=True)}
    if operator == "member_of":
        if argument in MEMBER_OF:
            return str(MEMBER_OF[argument])
        return _("the government is %(population)s") % {"population": argument}
    raise ValueError(f"unknown operator {operator!r}")


def _leaf(condition: Mapping, qn: Questionnaire) -> str:
    key = condition["q"]
    question = qn.questions.get(key)
    multiple = bool(question and question.multiple)
    if "answered" in condition:
        return _("%(key)s is answered") % {"key": key}
    if "min" in condition:
        return _("%(key)s is at least %(min)s") % {"key": key, "min": condition["min"]}
    values = condition.get("in") or condition.get("not_in") or condition.get("text_on")
    titles = _joined(
        [f"“{option_title(qn, key, value)}”" for value in values], pgettext("condition", "or")
    )
    words = {"key": key, "titles": titles}
    if "in" in condition:
        # Translators: "Q119 includes “Training” or “Awareness”": options of a multiple choice
        return (
            _("%(key)s includes %(titles)s") if multiple else _("%(key)s is %(titles)s")
        ) % words
    if "not_in" in condition:
        if multiple:
            return _("%(key)s includes none of %(titles)s") % words
        return _("%(key)s is not %(titles)s") % words
    return _("%(key)s is %(titles)s with an explanation given") % words


# ------------------------------------------------------------------------------------------
# Records sources: conditions on the facets of published activities and resources
# ------------------------------------------------------------------------------------------


def facet_label(name: str, records: str = "activities") -> str:
    """A facet's name as the lists of activities and resources show it, or as the needs pages
    name a need's or a match's."""
    # Imported here: this module is imported without Django's settings (tests/purity.py).
    from cbap.activities.models import Activity
    from cbap.activities.selectors import FACET_LABELS

    if records not in INDEXED and name in NEEDS_FACETS:
        return str(NEEDS_FACETS[name])
    if name in FACET_LABELS:
        return str(FACET_LABELS[name])
    fields = {"actor": "actors", "funding": "funding_types", "cb_area": "cb_areas"}
    field = Activity._meta.get_field(fields.get(name, "organizations"))
    return capfirst(str(field.verbose_name))


NEEDS_FACETS = {
    "level": gettext_lazy("Level of need"),
    "kind": gettext_lazy("Kind of support"),
    "audience": gettext_lazy("Audience"),
    "outcome": gettext_lazy("Outcome"),
    "provider": gettext_lazy("Provider"),
}
"""The names of the facets of needs and matches (`engine.records.FACETS`) but their plan codes."""


def _needs_value_labels(name: str, values) -> dict[str, str]:
    from cbap.needs import vocabularies
    from cbap.needs.models import Match

    terms = {
        "level": vocabularies.LEVELS,
        "kind": vocabularies.KINDS,
        "audience": vocabularies.audiences(),
        "outcome": {**dict(Match.Outcome.choices), "pending": _("Delivered, not yet closed")},
        "provider": {"party": _("A Party"), "organization": _("An organization")},
    }[name]
    return {value: str(terms.get(value, value)) for value in values}


def describe_where(where: Mapping, records: str = "activities") -> str:
    """A condition on the facets of records (`engine.records`) as one sentence, with each
    value as the lists show it ("Plan activity includes “A.5.v Establish relations …”")."""
    return _describe_where(where, records, top=True)


def _describe_where(where: Mapping, records: str, *, top: bool = False) -> str:
    from cbap.activities.selectors import value_labels

    if "facet" in where:
        name = where["facet"]
        values = where["in"] if "in" in where else where["other_than"]
        if records not in INDEXED and name in NEEDS_FACETS:
            labels = _needs_value_labels(name, values)
        else:
            labels = value_labels(name, values)
        titles = _joined([f"“{labels.get(v, v)}”" for v in values], pgettext("condition", "or"))
        words = {"key": facet_label(name, records), "titles": titles}
        if "in" in where:
            return _("%(key)s includes %(titles)s") % words
        return _("%(key)s includes something other than %(titles)s") % words
    ((operator, argument),) = where.items()
    if operator == "not":
        condition = _describe_where(argument, records, top=True)
        return _("not (%(condition)s)") % {"condition": condition}
    word = pgettext("condition", "and") if operator == "all" else pgettext("condition", "or")
    parts = [_describe_where(child, records) for child in argument]
    sentence = _joined(parts, word)
    return sentence if top or len(parts) == 1 else f"({sentence})"


def describe_records(source: Source, window: Mapping, where: str) -> str:
    """What a records source counts, in one sentence: which records, in which window, and how
    they count for Parties (or what is counted of them)."""
    words = {"since": window["since"], "until": window["until"], "where": where}
    activities = source.kind == "activities"
    if source.count in ("views", "downloads"):
        count = _("downloads") if source.count == "downloads" else _("views")
        return _(
            "The %(count)s, in the months from %(since)s to %(until)s, of the published "
            "library resources, whatever their date, for which: %(where)s"
        ) % {**words, "count": count}
    if source.kind == "needs":
        return (
            _(
                "A Party counts when its newest published self-assessment dated between %(since)s "
                "and %(until)s has a line (not marked confidential) for which: %(where)s"
            )
            % words
        )
    if source.kind == "matches":
        if source.party == "owner":
            return (
                _(
                    "A Party counts when it gave support through a match (a national offer), "
                    "delivered by a published activity that took place (ongoing or completed) "
                    "between %(since)s and %(until)s, for which: %(where)s"
                )
                % words
            )
        return (
            _(
                "A Party counts when it received support through a match, delivered by a "
                "published activity that took place (ongoing or completed) between %(since)s and "
                "%(until)s, for which: %(where)s"
            )
            % words
        )
    if activities:
        records = _(
            "the published activities that took place (ongoing or completed) between "
            "%(since)s and %(until)s"
        )
    else:
        records = _("the published library resources dated between %(since)s and %(until)s")
    words["records"] = records % words
    if source.count == "records":
        return _("The number of %(records)s for which: %(where)s") % words
    if source.party == "owner":
        return (
            _(
                "A Party counts when it recorded (a national record) one of %(records)s for "
                "which: %(where)s"
            )
            % words
        )
    return (
        _(
            "A Party counts when one of %(records)s covers it (names the country, or a region it "
            "is in) and: %(where)s"
        )
        % words
    )
