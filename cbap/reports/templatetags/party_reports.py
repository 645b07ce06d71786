"""The national reports and contacts section of a Party's profile page."""

from django import template

from cbap.accounts.permissions import Action, can
from cbap.reports.models import ReportingCycle
from cbap.reports.selectors import as_seen, reports_visible_to

register = template.Library()


@register.inclusion_tag("reports/_party_reports.html", takes_context=True)
def party_reports(context, government):
    user = context["request"].user
    rows = []
    for cycle in ReportingCycle.objects.defer("questionnaire").order_by("-number"):
        report = reports_visible_to(user, cycle).filter(government=government).first()
        if report is not None:
            [report] = as_seen(user, [report])
        rows.append({"cycle": cycle, "report": report})
    return {
        "government": government,
        "rows": rows,
        "can_edit": can(user, Action.EDIT, party=government),
    }
