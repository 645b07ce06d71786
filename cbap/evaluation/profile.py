"""The country profile of one Party, the evaluation report's second type: built once from a
frozen snapshot, rendered as a page, a PDF, a Word document and a workbook of its numbers.

Its standing on each indicator at baseline and midterm (the Party scorecard, from the
snapshot's cycles), the capacity-building activities and materials that reached it, its
newest published self-assessment of needs (confidential lines counted, never shown) and the
matches of its needs with offers (those of confidential lines counted only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from cbap.activities.selectors import plan_texts
from cbap.core import downloads
from cbap.engine.capacity import Listing, PartyNeeds
from cbap.evaluation import report, word
from cbap.evaluation.models import Snapshot
from cbap.evaluation.selectors import frozen_capacity, frozen_cycles, government_coded
from cbap.indicators import selectors as indicators
from cbap.needs.models import Match
from cbap.needs.vocabularies import LEVELS


class UnknownParty(LookupError):
    """A profile asked of a code that names no government."""


@dataclass
class Profile:
    snapshot: Snapshot
    code: str
    name: str
    groups: list[str]  # the groupings it belongs to on the midterm deadline, by name
    cycles: list[dict]  # per cycle: number, deadline, party (None: unknown), reported, demo
    scorecard: dict
    capacity_kept: bool  # False: the snapshot kept no capacity-building records
    named: list[Listing] = field(default_factory=list)  # the records that name the country
    regional: int = 0  # the records that reach it through its region only
    by_goal: list[tuple[str, int, int]] = field(default_factory=list)  # goal, activities, materials
    needs: PartyNeeds | None = None
    need_rows: list[dict] = field(default_factory=list)  # the lines anyone may read
    matches: list[dict] = field(default_factory=list)  # of those lines
    hidden_matches: int = 0  # of confidential lines

    @property
    def confidential(self) -> int:
        return len(self.needs.confidential) if self.needs else 0


def build(snapshot: Snapshot, code: str) -> Profile:
    """The profile of the government of that code in the snapshot; UnknownParty names a code
    of no government."""
    government = government_coded(code)
    if government is None:
        raise UnknownParty(_("No government has the code %(code)s.") % {"code": code})
    code = government.code
    cycles = frozen_cycles(snapshot)
    capacity = frozen_capacity(snapshot)
    scorecard = indicators.party_scorecard(government, cycles)
    for row in scorecard["indicators"]:
        row["url"] = reverse("evaluation:indicator", args=[snapshot.name, row["code"]])
    midterm = cycles[max(cycles)].facts if cycles else None
    profile = Profile(
        snapshot=snapshot,
        code=code,
        name=government.name,
        groups=[
            indicators.group_label(name)
            for name, members in (midterm.groups.items() if midterm else ())
            if code in members
        ],
        cycles=[
            {
                "number": number,
                "deadline": cycle.facts.deadline,
                "party": _party(cycle.facts, code),
                "reported": code in cycle.facts.reports,
                "demo": code in cycle.synthetic,
            }
            for number, cycle in sorted(cycles.items())
        ],
        scorecard=scorecard,
        capacity_kept=capacity is not None,
    )
    if capacity is None:
        return profile
    reaching = capacity.reaching(code)
    profile.named = [listing for listing in reaching if code in listing.values("country")]
    profile.regional = len(reaching) - len(profile.named)
    goals = dict.fromkeys(goal for _area, goal in capacity.key_areas)
    profile.by_goal = [
        (
            goal,
            sum(goal in r.values("goal") for r in reaching if r.kind == "activity"),
            sum(goal in r.values("goal") for r in reaching if r.kind == "resource"),
        )
        for goal in goals
    ]
    profile.needs = capacity.needs_of(code)
    texts = plan_texts()
    shown = profile.needs.shown if profile.needs else {}
    profile.need_rows = [
        {"key_area": key_area, "text": texts.get(key_area, ""), "level": str(LEVELS[level])}
        for key_area, _goal in capacity.key_areas
        if (level := shown.get(key_area))
    ]
    states = dict(Match.State.choices)
    matches = capacity.matches_of(code)
    profile.matches = [
        {"key_area": m.key_area, "state": str(states.get(m.state, m.state)), "offer": m.offer}
        for m in matches
        if m.key_area in shown
    ]
    profile.hidden_matches = len(matches) - len(profile.matches)
    return profile


def _party(facts, code: str) -> bool | None:
    """Whether the government was a Party to the Cartagena Protocol on the deadline; None when
    the registry does not say."""
    if code in facts.unknown_members.get("cartagena_parties", ()):
        return None
    members = facts.populations.get("cartagena_parties")
    return None if members is None else code in members


# ------------------------------------------------------------------------------------------
# Renderers
# ------------------------------------------------------------------------------------------


def html_document(profile: Profile, site: str) -> str:
    return render_to_string(
        "evaluation/profile_print.html", {"profile": profile, "site": site, "printing": True}
    )


def xlsx(profile: Profile) -> bytes:
    scorecard = [
        [row["code"], *(cell["standing"] for cell in row["cycles"])]
        for row in profile.scorecard["indicators"]
    ]
    records = [
        [listing.kind, listing.id, listing.title, ", ".join(listing.values("key_area"))]
        for listing in profile.named
    ]
    sheets = [
        downloads.Sheet(
            title=_("Indicators"),
            header=["indicator", *(f"NR{c['number']}" for c in profile.cycles)],
            rows=scorecard,
        ),
        downloads.Sheet(
            title=_("By goal"),
            header=["goal", "activities", "materials"],
            rows=[list(row) for row in profile.by_goal],
        ),
        downloads.Sheet(
            title=_("Records naming it"),
            header=["kind", "id", "title", "key_areas"],
            rows=records,
            widths={"C": 80},
        ),
        downloads.Sheet(
            title=_("Needs"),
            header=["key_area", "level"],
            rows=[[row["key_area"], row["level"]] for row in profile.need_rows],
        ),
        downloads.Sheet(
            title=_("Matches"),
            header=["key_area", "state", "offer"],
            rows=[[m["key_area"], m["state"], m["offer"]] for m in profile.matches],
            widths={"C": 60},
        ),
    ]
    return downloads.xlsx_bytes(sheets, _about(profile))


def _about(profile: Profile) -> list[tuple[str, str]]:
    needs = profile.needs
    return [
        (_("Party"), f"{profile.name} ({profile.code})"),
        (_("Snapshot"), profile.snapshot.name),
        (_("Standing"), _("yes, no, no_answer, not_reported, no_record …: see the site's key.")),
        (
            _("Needs"),
            _("Self-assessment of %(day)s; %(n)s confidential lines not shown.")
            % {"day": needs.assessed_on.isoformat(), "n": profile.confidential}
            if needs
            else _("No self-assessment published: the Party's needs are unknown."),
        ),
        (
            _("Capacity-building"),
            _reach_sentence(profile) if profile.capacity_kept else str(report.NOT_KEPT),
        ),
    ]


def docx(profile: Profile) -> bytes:
    document = word.Document(
        _("Country profile: %(name)s (%(code)s)") % {"name": profile.name, "code": profile.code}
    )
    document.paragraph(
        _("From snapshot %(name)s of the midterm evaluation of the Capacity-building Action Plan.")
        % {"name": profile.snapshot.name}
    )
    if profile.groups:
        document.paragraph(", ".join(profile.groups))
    for cycle in profile.cycles:
        document.paragraph(_cycle_sentence(cycle), bullet=True)
    document.heading(_("Indicators: where the Party counts"), 1)
    document.table(
        _("Standing on each indicator at baseline and midterm"),
        [_("Indicator"), *(f"NR{c['number']}" for c in profile.cycles)],
        [
            [f"{row['code']} {row['text']}", *(cell["label"] for cell in row["cycles"])]
            for row in profile.scorecard["indicators"]
        ],
    )
    document.heading(_("Capacity-building activities and materials"), 1)
    if not profile.capacity_kept:
        document.paragraph(str(report.NOT_KEPT))
    else:
        document.paragraph(_reach_sentence(profile))
        document.table(
            _("Activities and materials that reached the Party, by goal"),
            [_("Goal"), _("Activities"), _("Materials")],
            profile.by_goal,
        )
        for listing in profile.named:
            document.paragraph(listing.title, bullet=True)
        document.heading(_("Needs"), 1)
        for text in _needs_sentences(profile):
            document.paragraph(text)
        if profile.need_rows:
            document.table(
                _("Needs by key area (lines not marked confidential)"),
                [_("Key area"), _("Level of need")],
                [[f"{r['key_area']} {r['text']}", r["level"]] for r in profile.need_rows],
            )
        document.heading(_("Matches with offers of support"), 1)
        if profile.matches:
            document.table(
                _("Matches"),
                [_("Key area"), _("State"), _("Offer")],
                [[m["key_area"], m["state"], m["offer"]] for m in profile.matches],
            )
        else:
            document.paragraph(_("None on the lines shown."))
    return document.bytes()


def _reach_sentence(profile: Profile) -> str:
    return _(
        "%(named)s activities and materials name the Party (listed below); %(regional)s more "
        "reached it through its region. Records are a floor: what nobody recorded is not "
        "counted."
    ) % {"named": len(profile.named), "regional": profile.regional}


def _cycle_sentence(cycle: dict) -> str:
    reported = (
        _("report published (demo data)")
        if cycle["demo"]
        else _("report published")
        if cycle["reported"]
        else _("no report published")
    )
    party = {True: _("a Party"), False: _("not a Party"), None: _("Party status unknown")}
    return _("NR%(number)s (deadline %(deadline)s): %(party)s; %(reported)s.") % {
        "number": cycle["number"],
        "deadline": cycle["deadline"].isoformat(),
        "party": party[cycle["party"]],
        "reported": reported,
    }


def _needs_sentences(profile: Profile) -> list[str]:
    needs = profile.needs
    if needs is None:
        return [_("No self-assessment of needs is published: the Party's needs are unknown.")]
    return [
        _(
            "Self-assessment of %(day)s: %(shown)s key areas rated; %(confidential)s lines are "
            "confidential (counted in the gap analysis, not shown)."
        )
        % {
            "day": needs.assessed_on.isoformat(),
            "shown": len(profile.need_rows),
            "confidential": profile.confidential,
        }
    ]


def render(profile: Profile, fmt: str, site: str) -> bytes:
    """The profile in one of `report.FORMATS`, as bytes."""
    if fmt == "xlsx":
        return xlsx(profile)
    if fmt == "docx":
        return docx(profile)
    if fmt == "pdf":
        return report.pdf_of(html_document(profile, site), site)
    return html_document(profile, site).encode("utf-8")
