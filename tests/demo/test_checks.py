"""`cbap check --deploy` warns when a production site (DEBUG off) has active demo accounts."""

import io

import pytest
from django.core.management import call_command

from cbap.demo.checks import demo_accounts_in_production
from tests.personas import person

pytestmark = pytest.mark.django_db


def test_no_warning_without_demo_accounts(settings, kenya_user):
    settings.DEBUG = False
    assert demo_accounts_in_production() == []


def test_a_demo_account_with_debug_off_is_a_warning_naming_it(settings):
    settings.DEBUG = False
    person("admin@demo.cbap.example", "secretariat_admin")
    [warning] = demo_accounts_in_production()
    assert warning.id == "cbap.W001"
    assert "admin@demo.cbap.example" in warning.msg


def test_a_deactivated_demo_account_is_no_warning(settings):
    settings.DEBUG = False
    person("admin@demo.cbap.example", "secretariat_admin", is_active=False)
    assert demo_accounts_in_production() == []


def test_in_development_demo_accounts_are_expected(settings):
    settings.DEBUG = True
    person("admin@demo.cbap.example", "secretariat_admin")
    assert demo_accounts_in_production() == []


def test_cbap_check_deploy_runs_it(settings):
    settings.DEBUG = False
    person("nfp.kenya@demo.cbap.example")
    err = io.StringIO()
    call_command("check", "--deploy", stdout=io.StringIO(), stderr=err)
    assert "cbap.W001" in err.getvalue() and "nfp.kenya@demo.cbap.example" in err.getvalue()
