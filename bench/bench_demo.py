"""Demo data: the synthetic generator writes NR4 then NR5 reports for two hundred governments
(target: under 2 s together, so that `cbap setup --demo` stays quick)."""

from cbap.demo.synthetic import GovernmentProfile, generate_reports
from cbap.reports import services
from cbap.reports.selectors import cycle_by_number, mappings_of, questionnaire_for

REGIONS = ["African Group", "Asia-Pacific Group", "Eastern European Group", "GRULAC", "WEOG"]


def run(measure):
    services.reference_data_load()
    nr4, nr5 = cycle_by_number(4), cycle_by_number(5)
    profiles = [
        GovernmentProfile(code_iso2=f"{chr(97 + i // 26)}{chr(97 + i % 26)}", region=REGIONS[i % 5])
        for i in range(200)
    ]
    mapping = {
        m.key: {"previous": m.previous_key, "valueMapping": m.value_mapping}
        for m in mappings_of(nr5).values()
    }

    def both_cycles():
        old = generate_reports(questionnaire_for(nr4), profiles, seed=7)
        previous = {item["government"]["identifier"]: item for item in old}
        generate_reports(
            questionnaire_for(nr5), profiles, seed=7, previous=previous, mapping=mapping
        )

    measure("generate NR4 and NR5 demo reports for 200 governments", both_cycles)
