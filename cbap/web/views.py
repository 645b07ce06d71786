"""The pages that bring several apps together: the home page, a person's work, the choice of
language and the accessibility statement."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from cbap.accounts.services import language_choose
from cbap.core.languages import in_language, remember_language
from cbap.plan import selectors
from cbap.plan.models import PlanVersion, Section
from cbap.web import selectors as work


def home(request):
    """What cbap is for, and the plan at a glance."""
    version = PlanVersion.objects.filter(is_current=True).first()
    goals = list(selectors.goals_with_elements(version)) if version else []
    sections = [(s, [g for g in goals if g.section == s.value]) for s in Section]
    counts = {
        "goals": len(goals),
        "key_areas": sum(len(g.key_areas.all()) for g in goals),
        "activities": sum(len(g.plan_activities.all()) for g in goals),
        "indicators": sum(len(g.indicators.all()) for g in goals),
    }
    return render(
        request, "web/home.html", {"version": version, "sections": sections, "counts": counts}
    )


@login_required
def my_work(request):
    """Where a signed-in person lands: what waits for their action, their Party's reports per
    cycle, what they changed lately; for the Secretariat, who has not reported and what is
    still unpublished."""
    user = request.user
    secretariat = user.is_secretariat
    return render(
        request,
        "web/my_work.html",
        {
            "waiting": work.waiting_for(user),
            "party_reports": work.party_reports(user),
            "recent": work.recent_changes(user),
            "unread": work.unread(user),
            "missing": work.missing_reports() if secretariat else [],
            "unpublished": work.unpublished_reports() if secretariat else [],
        },
    )


def choose_language(request, code: str):
    """The language switcher's links: the same page in the language chosen, and the choice kept
    (a cookie, and the account of a signed-in person). A link, not a form, so that it works on
    pages from the cache and without JavaScript; a change of language harms nobody."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    page = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        page = "/"
    if request.user.is_authenticated:
        language_choose(user=request.user, language=code)
    response = redirect(in_language(page, code))
    remember_language(response, code, request)
    return response


def accessibility(request):
    """The accessibility statement: what conforms to WCAG 2.1 AA, how it is tested, how to
    report a problem."""
    return render(request, "web/accessibility.html", {"contact": settings.CONTACT_EMAIL})
