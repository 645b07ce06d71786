"""Pages render when the static files were not collected, and the deploy check says they must be."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "cbap.core.storage.StaticFilesStorage"},
    }
}


def test_pages_render_without_collected_static_files(client, plan, tmp_path):
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path, **PRODUCTION):
        for url in ("/", "/plan/", "/indicators/", "/parties/"):
            assert client.get(url).status_code == 200, url


def test_the_deploy_check_says_the_static_files_must_be_collected(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, **PRODUCTION):
        errors = [e for e in run_checks(include_deployment_checks=True) if e.id == "cbap.E001"]
        assert len(errors) == 1 and "collectstatic" in errors[0].hint
        (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
        assert not [e for e in run_checks(include_deployment_checks=True) if e.id == "cbap.E001"]
