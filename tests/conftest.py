"""Fixtures and set-up shared by the whole suite.

Reference data once per test database: the adopted plan and the reporting cycles with their
questionnaires are loaded right after the migrations (`django_db_setup`), and every test, run in a
transaction rolled back at its end, starts from them; `plan` and `cycles` only look them up. A test
about loading them, or one that builds its own plan or cycles, asks for `no_preloaded_plan` or
`no_preloaded_cycles`, which delete them inside its transaction. A transactional test (browser
tests) empties every table at its end, so the reference data is loaded again before the next
database test. Under pytest-xdist every worker has its own test database and does all this itself.

The Parties are not preloaded: most tests build a small world of their own governments (and the
registry tests test loading it); `tests/parties` loads the real registry where it needs it.

Passwords are hashed with MD5: Argon2 is slow by design, and nothing here tests its strength.

Django is imported inside the fixtures only, so that tests/indicators/test_definitions.py still runs
without Django (`-p no:django`).
"""

import os
from pathlib import Path

import pytest

from tests import personas

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# ------------------------------------------------------------------------------------------
# Reference data, loaded once per test database
# ------------------------------------------------------------------------------------------


class _TestDatabase:
    """What the hooks below need to know about this process's test database."""

    blocker = None  # pytest-django's database blocker, once the test database exists
    emptied = False  # a transactional test has flushed it since the reference data was loaded


def reference_data_load() -> None:
    """The adopted plan (made current) and every reporting cycle, as `cbap setup` loads them."""
    from cbap.plan import catalogue
    from cbap.plan import services as plan_services
    from cbap.reports import services as report_services

    plan_services.plan_version_load(data=catalogue.load_file())
    report_services.reference_data_load(specs=_cycle_specs())


def _cycle_specs():
    from cbap.bch import reference

    if not hasattr(_cycle_specs, "specs"):
        _cycle_specs.specs = reference.cycle_specs()
    return _cycle_specs.specs


@pytest.fixture(scope="session", autouse=True)
def no_warming():
    """Changes of data queue no warming of the public pages for the worker (tests/web/
    test_warmup.py asks for it): a test that runs the worker would compute them all."""
    from django.conf import settings

    if not settings.configured:
        yield
        return
    from cbap.core.dataversion import data_version_changed
    from cbap.web.apps import WARMING

    data_version_changed.disconnect(dispatch_uid=WARMING)
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, no_warming):
    """pytest-django's test database, migrated, with the reference data loaded."""
    with django_db_blocker.unblock():
        reference_data_load()
    _TestDatabase.blocker = django_db_blocker
    yield
    _TestDatabase.blocker = None


def _uses_database(item) -> bool:
    return "_django_db_helper" in item.fixturenames or bool(item.get_closest_marker("django_db"))


def _flushes_database(item) -> bool:
    """Whether pytest-django runs `item` as a TransactionTestCase (its rule, read off the same
    marker and fixtures), which deletes every row when the test ends."""
    marker = item.get_closest_marker("django_db")
    if marker:
        transaction = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        reset_sequences = marker.kwargs.get(
            "reset_sequences", marker.args[1] if len(marker.args) > 1 else False
        )
        if transaction or reset_sequences:
            return True
    flushing = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(flushing & set(item.fixturenames))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """Load the reference data again, before the test's own transaction begins, when a
    transactional test has emptied the database."""
    if _uses_database(item):
        if _TestDatabase.emptied and _TestDatabase.blocker is not None:
            with _TestDatabase.blocker.unblock():
                reference_data_load()
            _TestDatabase.emptied = False
        if _flushes_database(item):
            _TestDatabase.emptied = True
    return (yield)


@pytest.fixture(scope="session")
def cycle_specs():
    """cycles.csv with both question sets and the reviewed mapping, read and parsed once."""
    return _cycle_specs()


@pytest.fixture
def plan(db):
    """The adopted plan (CP-10/4), current, as loaded from the repository's data file."""
    from cbap.plan import catalogue
    from cbap.plan.models import PlanVersion

    return PlanVersion.objects.get(code=catalogue.load_file()["version"]["code"])


@pytest.fixture
def cycles(db):
    """The reporting cycles by number (4 and 5), as loaded from cycles.csv."""
    from cbap.reports.models import ReportingCycle

    return {c.number: c for c in ReportingCycle.objects.all()}


@pytest.fixture
def no_preloaded_plan(db):
    """No plan version at all, for tests that load or build the plan themselves."""
    from cbap.plan.models import PlanVersion

    PlanVersion.objects.update(previous=None)
    PlanVersion.objects.all().delete()


@pytest.fixture
def no_preloaded_cycles(db):
    """No reporting cycle at all, for tests that load or build the cycles themselves."""
    from cbap.reports.models import ReportingCycle

    ReportingCycle.objects.update(previous=None)
    ReportingCycle.objects.all().delete()


# ------------------------------------------------------------------------------------------
# Passwords
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """MD5 instead of Argon2 for every test: hundreds of users are made and sign in."""
    from django.conf import settings
    from django.test import override_settings

    if not settings.configured:  # run without Django (`-p no:django`)
        yield
        return

    # …and a demo site with 300 synthetic activities rather than 3,000: as many kinds, less wait.
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CBAP_DEMO_ACTIVITIES=300,
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def cache_per_test_process():
    """Each test process its own cache: the site's file cache is shared by the processes that
    run the tests in parallel, and one's `cache.clear()` would empty another's."""
    from django.conf import settings
    from django.test import override_settings

    if not settings.configured:
        yield
        return
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    caches = {"default": {"BACKEND": locmem}, "pages": {"BACKEND": locmem, "LOCATION": "pages"}}
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: the API's request counts (throttling), the sign-in
    waits and the pages of one test never reach the next."""
    from django.conf import settings

    if settings.configured:  # not when run without Django (`-p no:django`)
        import uuid

        from django.core.cache import cache, caches

        from cbap.core import dataversion

        for alias in caches:
            caches[alias].clear()
        # a data version of its own: what a process keeps per version never reaches another test
        cache.set(dataversion.KEY, f"test-{uuid.uuid4().hex}", None)
        # the site's language, as each request of a server sets its own: a French page read by
        # one test leaves no French behind for the next
        from django.utils import translation

        translation.activate(settings.LANGUAGE_CODE)
    yield


# ------------------------------------------------------------------------------------------
# People, Parties and organizations (see tests/personas.py)
# ------------------------------------------------------------------------------------------


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def kenya(db):
    return personas.government("KEN", "KE", "Kenya")


@pytest.fixture
def brazil(db):
    return personas.government("BRA", "BR", "Brazil")


@pytest.fixture
def regions(kenya, brazil):
    """The African Group with Kenya and GRULAC with Brazil, as the registry loads them."""
    from cbap.core.dataversion import data_changed
    from cbap.parties.models import Grouping, GroupingMembership

    for code, name, member in [
        ("african_group", "African Group", kenya),
        ("grulac", "Group of Latin American and Caribbean Countries", brazil),
    ]:
        grouping = Grouping.objects.create(code=code, name=name, kind=Grouping.Kind.REGION)
        GroupingMembership.objects.create(grouping=grouping, government=member)
    data_changed()


@pytest.fixture
def provider(db):
    return personas.organization("Demo provider (synthetic)", acronym="DPS")


@pytest.fixture
def other_provider(db):
    return personas.organization("Other demo provider (synthetic)")


@pytest.fixture
def kenya_focal_point(kenya):
    return personas.person("nfp@kenya.example.org", "national_focal_point", party=kenya)


@pytest.fixture
def kenya_user(kenya):
    return personas.person("user@kenya.example.org", "national_user", party=kenya)


@pytest.fixture
def brazil_focal_point(brazil):
    return personas.person("nfp@brazil.example.org", "national_focal_point", party=brazil)


@pytest.fixture
def brazil_user(brazil):
    return personas.person("user@brazil.example.org", "national_user", party=brazil)


@pytest.fixture
def analyst(db):
    return personas.person("analyst@secretariat.example.org", "secretariat_analyst")


@pytest.fixture
def secretariat_admin(db):
    return personas.person("admin@secretariat.example.org", "secretariat_admin")


@pytest.fixture
def editor(provider):
    return personas.person(
        "editor@provider.example.org", "organization_editor", organization=provider
    )


@pytest.fixture
def other_editor(other_provider):
    return personas.person(
        "editor@other.example.org", "organization_editor", organization=other_provider
    )


# ------------------------------------------------------------------------------------------
# Browser tests
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright; never Playwright's own browser download.

    One per test module: while Playwright runs, its event loop in this thread makes Django refuse
    database calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and neither may outlive the browser
    tests (under pytest-xdist other tests follow in the same process; the deploy checks refuse
    the variable)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") or os.environ.get("CBAP_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing, and CI must run the browser tests.")
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
