"""The plan catalogue: loading it (first time and idempotent reload) and exporting it."""

from cbap.plan import catalogue, exports, selectors, services


def run(measure):
    data = catalogue.load_file()
    services.plan_version_load(data=data)
    measure("plan reload (unchanged)", lambda: services.plan_version_load(data=data))
    version = selectors.plan_version()
    for fmt, render in exports.RENDERERS.items():
        measure(f"plan export {fmt}", lambda render=render: render(selectors.plan_as_dict(version)))
