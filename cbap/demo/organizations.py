"""Demo organizations' public profiles: one published, one waiting for validation."""

from cbap.accounts.models import Organization
from cbap.accounts.permissions import SYSTEM
from cbap.demo.accounts import DEMO_ORGANIZATION
from cbap.organizations.models import OrganizationProfile
from cbap.parties.models import Government
from cbap.records import services

# A second synthetic organization, whose profile waits for the Secretariat's validation.
DEMO_SECOND_ORGANIZATION = "Demo biosafety training network (synthetic)"


def demo_profiles_load(out) -> None:
    """Profiles of the demo organizations, through the record services (with revisions and
    audit entries): the demo editor's, published; another one submitted, for the Secretariat
    to validate. Each says it is demo data; profiles already there are left alone."""
    demos = [
        (
            DEMO_ORGANIZATION,
            "publish",
            {
                "name": DEMO_ORGANIZATION,
                "acronym": "DEMO",
                "organization_type": "Demo data (synthetic): capacity-building provider",
                "country": "KEN",
                "city": "Nairobi",
                "emails": ["demo-provider@example.org"],
                "websites": ["https://example.org/demo-provider"],
                "profile": "Demo data (synthetic), not a real organization: it runs "
                "training courses on risk assessment of living modified organisms.",
            },
        ),
        (
            DEMO_SECOND_ORGANIZATION,
            "submit",
            {
                "name": DEMO_SECOND_ORGANIZATION,
                "acronym": "DBTN",
                "organization_type": "Demo data (synthetic): network of universities",
                "country": "BRA",
                "city": "Brasília",
                "emails": ["demo-network@example.org"],
                "profile": "Demo data (synthetic), not a real organization: a network "
                "offering courses on the detection of living modified organisms.",
            },
        ),
    ]
    created = 0
    for name, step, data in demos:
        if not Government.objects.filter(code=data["country"]).exists():
            out.write(f"organizations: no government {data['country']}; {name} skipped.")
            continue
        organization, _ = Organization.objects.get_or_create(
            name=name,
            defaults={"acronym": data["acronym"], "kind": "Demo data (synthetic)"},
        )
        if not organization.is_demo:
            organization.is_demo = True
            organization.save(update_fields=["is_demo"])
        if OrganizationProfile.objects.filter(owner_organization=organization).exists():
            continue
        profile = services.record_create(
            model=OrganizationProfile,
            actor=SYSTEM,
            data=data,
            owner_organization=organization,
        )
        services.record_transition(
            record=profile, actor=SYSTEM, action=step, message="Demo data (synthetic)."
        )
        created += 1
    out.write(f"organizations: {created} demo organization profile(s) created.")
