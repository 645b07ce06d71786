"""Demo national contacts for Kenya and Brazil."""

from cbap.accounts.permissions import SYSTEM
from cbap.contacts.models import NationalContact
from cbap.parties.models import Government
from cbap.records import services

# Clearly synthetic contacts for the demo site: names say so, addresses use example.org.
DEMO_CONTACTS = {
    "KEN": [
        {
            "role": "focal_point",
            "name": "Demo contact (synthetic) – Kenya focal point",
            "designation": "Demo officer",
            "organization": "Demo ministry of environment (synthetic)",
            "city": "Nairobi",
            "emails": ["ken-focal-point@example.org"],
            "phones": ["+000 0000 0001"],
            "status": "published",
        },
        {
            "role": "competent_authority",
            "name": "Demo contact (synthetic) – Kenya biosafety authority",
            "organization": "Demo biosafety authority (synthetic)",
            "city": "Nairobi",
            "emails": ["ken-cna@example.org"],
            "websites": ["https://example.org/ken-cna"],
            "responsible_for_all": True,
            "status": "published",
        },
        {
            "role": "article_17",
            "name": "Demo contact (synthetic) – Kenya emergency contact",
            "organization": "Demo plant health service (synthetic)",
            "city": "Nairobi",
            "emails": ["ken-article17@example.org"],
            "status": "draft",
        },
    ],
    "BRA": [
        {
            "role": "focal_point",
            "name": "Demo contact (synthetic) – Brazil focal point",
            "designation": "Demo officer",
            "organization": "Demo ministry of foreign affairs (synthetic)",
            "city": "Brasília",
            "emails": ["bra-focal-point@example.org"],
            "status": "published",
        },
        {
            "role": "competent_authority",
            "name": "Demo contact (synthetic) – Brazil biosafety commission",
            "organization": "Demo biosafety commission (synthetic)",
            "city": "Brasília",
            "emails": ["bra-cna@example.org"],
            "responsible_for_all": False,
            "responsibilities": "Demo text (synthetic): risk assessment of LMOs.",
            "status": "published",
        },
    ],
}


def demo_contacts_load(out) -> None:
    """A few synthetic contacts for Kenya and Brazil, created through the record services
    (so they have revisions and audit entries); contacts already there are left alone."""
    created = 0
    for code, contacts in DEMO_CONTACTS.items():
        party = Government.objects.filter(code=code).first()
        if party is None:
            out.write(f"contacts: no government {code} (load the Parties first); skipped.")
            continue
        for item in contacts:
            data = {k: v for k, v in item.items() if k != "status"}
            if NationalContact.objects.filter(owner_party=party, name=data["name"]).exists():
                continue
            contact = services.record_create(
                model=NationalContact, actor=SYSTEM, data=data, owner_party=party
            )
            if item["status"] == "published":
                services.record_transition(
                    record=contact,
                    actor=SYSTEM,
                    action="publish",
                    message="Demo data (synthetic).",
                )
            created += 1
    out.write(f"contacts: {created} demo contact(s) created.")
