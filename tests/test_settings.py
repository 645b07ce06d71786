"""Production settings refuse to start unsafe, and `cbap check --deploy` is clean when configured."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

SAFE = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "cbap.example.org"}


# Settings the test decides itself, never inherited from the shell or the suite's own run.
NOT_INHERITED = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CBAP_DEMO", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE",
    "EMAIL_HOST", "DEFAULT_FROM_EMAIL",
}  # fmt: skip


def run_cbap(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "cbap.cli", *args], capture_output=True, text=True, env=environment
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_cbap("check", DEBUG="0", ALLOWED_HOSTS="cbap.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_without_allowed_hosts_when_debug_is_off():
    result = run_cbap("check", DEBUG="0", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_it_rejects_a_bad_boolean():
    result = run_cbap("check", DEBUG="maybe")
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    # A fresh, empty database: the checks (incl. the API schema) must not need data. The static
    # files must be collected first, and the check says so until they are; mail needs a server.
    env = {**SAFE, "CBAP_DATA_DIR": str(tmp_path)}
    result = run_cbap("check", "--deploy", "--fail-level", "WARNING", **env)
    assert "cbap.W002" in result.stderr and "cbap.W003" in result.stderr
    env |= {"EMAIL_HOST": "smtp.cbap.example.org", "DEFAULT_FROM_EMAIL": "cbap@cbap.example.org"}
    result = run_cbap("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0 and "cbap.E001" in result.stderr
    assert run_cbap("collectstatic", "--no-input", **env).returncode == 0
    result = run_cbap("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_demo_data():
    result = run_cbap("setup", "--demo", **SAFE, DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "Demo data is refused" in result.stderr


def env_example() -> dict[str, str]:
    """The variables `.env.example` sets, as `set -a; . ./.env.example` would."""
    text = (Path(__file__).resolve().parents[1] / ".env.example").read_text()
    pairs = (line.split("=", 1) for line in text.splitlines() if re.match(r"^[A-Z_]+=", line))
    return {name: value for name, value in pairs}


def data_dir(**env) -> str:
    result = run_cbap(
        "shell", "-c", "from django.conf import settings; print(settings.DATA_DIR)", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # after the shell's own banner


def test_an_empty_variable_counts_as_unset():
    default = str(Path(__file__).resolve().parents[1] / "var")
    assert data_dir(CBAP_DATA_DIR="") == default
    result = run_cbap("check", CBAP_LOGIN_FREE_FAILURES="", SECURE_HSTS_SECONDS="", LOG_LEVEL="")
    assert result.returncode == 0, result.stderr


def test_it_rejects_a_number_that_is_not_one():
    result = run_cbap("check", CBAP_LOGIN_FREE_FAILURES="five")
    assert "CBAP_LOGIN_FREE_FAILURES='five' is not a whole number" in result.stderr


def test_env_example_is_a_working_development_setup(tmp_path):
    env = env_example()
    assert env["DEBUG"] == "1"
    assert env["CBAP_DATA_DIR"] == "" and env["DATABASE_URL"] == ""
    result = run_cbap("check", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
