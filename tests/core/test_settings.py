import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from smcportal.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_accepts_only_clear_answers(monkeypatch):
    monkeypatch.setenv("FLAG", "False")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "1")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG", True)


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("NUMBER", "12")
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_int("NUMBER", 0) == 12
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("NUMBER", 0)


def test_env_int_refuses_a_number_below_its_minimum(monkeypatch):
    monkeypatch.setenv("REPORT_HIDE_THRESHOLD", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("REPORT_HIDE_THRESHOLD", 3, minimum=1)
    monkeypatch.setenv("REPORT_HIDE_THRESHOLD", "1")
    assert env_int("REPORT_HIDE_THRESHOLD", 3, minimum=1) == 1


UNSET = ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")


def _manage(*args, **env):
    clean = {key: value for key, value in os.environ.items() if key not in UNSET}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="false", ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", DEBUG="false", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="false",
        SECRET_KEY="k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2,
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
