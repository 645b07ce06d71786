"""`cbap setup --demo`: every kind of demo data, in the order each needs the one before."""

from cbap.demo.accounts import demo_accounts_load
from cbap.demo.activities import demo_activities_load
from cbap.demo.contacts import demo_contacts_load
from cbap.demo.evaluation import demo_evaluation_load
from cbap.demo.needs import demo_needs_load
from cbap.demo.organizations import demo_profiles_load
from cbap.demo.reports import demo_reports_load
from cbap.demo.review import demo_review_load


def demo_data_load(*, out) -> None:
    """Accounts, contacts, organization profiles, reports, work waiting on the demo accounts,
    then capacity-building activities and resources, needs, offers and matches, and last a
    snapshot of it all for the evaluation; idempotent, like each part."""
    demo_accounts_load(out)
    demo_contacts_load(out)
    demo_profiles_load(out)
    for line in demo_reports_load():
        out.write(line)
    demo_review_load(out)
    demo_activities_load(out)
    demo_needs_load(out)
    demo_evaluation_load(out)
