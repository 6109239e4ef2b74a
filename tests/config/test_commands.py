"""The two README commands explain their failures in one line, not a traceback."""

import os
import socket
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def test_rundemo_refuses_a_port_already_in_use():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(CommandError, match="is already in use") as excinfo:
            call_command("rundemo", port=port, host="127.0.0.1")
    message = str(excinfo.value)
    assert f"Port {port}" in message and "already in use" in message and "\n" not in message


def test_find_python_explains_when_no_python_312_exists(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    old_python = bin_dir / "python3"
    old_python.write_text("#!/bin/sh\nexit 1\n")  # a python3 that is too old (fails the version probe)
    old_python.chmod(0o755)
    for tool in ("ls", "sort", "cat"):
        target = subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True, text=True).stdout.strip()
        (bin_dir / tool).symlink_to(target)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "scripts" / "find-python")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "No Python 3.12 or newer was found" in lines[0]


def test_find_python_finds_the_running_interpreter_when_given():
    import sys

    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run([str(ROOT / "scripts" / "find-python")], env=env, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == sys.executable


def test_rundemo_links_follow_the_port_served():
    from demo.management.commands.rundemo import demo_environment

    env = demo_environment("127.0.0.1", 8101, {"PATH": "/bin"})
    assert env["SITE_URL"] == "http://127.0.0.1:8101"
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.dev"
    assert demo_environment("0.0.0.0", 8102, {})["SITE_URL"] == "http://127.0.0.1:8102"


def test_rundemo_keeps_a_site_url_that_is_set():
    from demo.management.commands.rundemo import demo_environment

    env = demo_environment("127.0.0.1", 8101, {"SITE_URL": "https://formation.example.test"})
    assert env["SITE_URL"] == "https://formation.example.test"


def test_rundemo_serves_with_debug_off_so_refusals_show_the_product_pages():
    from demo.management.commands.rundemo import demo_environment

    assert demo_environment("127.0.0.1", 8101, {})["DEBUG"] == "False"
    assert demo_environment("127.0.0.1", 8101, {"DEBUG": "True"})["DEBUG"] == "True"
    assert demo_environment("192.0.2.10", 8101, {})["ALLOWED_HOSTS"] == "127.0.0.1,localhost,[::1],192.0.2.10"
    assert demo_environment("0.0.0.0", 8101, {})["ALLOWED_HOSTS"] == "*"


@pytest.mark.django_db
def test_with_debug_off_an_unknown_address_shows_the_french_product_page(client, settings):
    settings.DEBUG = False
    response = client.get("/selection/nexiste-pas/")
    assert response.status_code == 404
    assert "Cette page est introuvable" in response.content.decode()
    assert "URLconf" not in response.content.decode()


def test_the_readme_lists_every_account_make_run_prints_and_names_are_distinct(demo):
    """The `demo` fixture's rows come from a `seed_demo` run, which filled LAST_SEEDED (in this process, or in the
    run's template subprocess, which hands it over with the rows: tests/template_db.py)."""
    from io import StringIO

    from accounts.demo import LAST_SEEDED
    from accounts.models import User
    from demo.management.commands.rundemo import Command
    from internships.models import Tutor

    out = StringIO()
    command = Command(stdout=out)
    command._announce("127.0.0.1", 8101, "http://127.0.0.1:8101")
    printed = [line.split()[-1] for line in out.getvalue().splitlines() if line.strip().endswith(".test")]
    assert printed == [account.email for account in LAST_SEEDED] and len(printed) == 12
    readme = (ROOT / "README.md").read_text()
    assert [email for email in printed if f"`{email}`" not in readme] == []
    people = [user.full_name for user in User.objects.filter(email__endswith="@demo.pair-aidance.test")]
    people += [tutor.name for tutor in Tutor.objects.filter(user__isnull=True)]
    assert sorted({name for name in people if people.count(name) > 1}) == []


def test_every_screenshot_the_readme_links_is_committed():
    import re

    readme = (ROOT / "README.md").read_text()
    linked = set(re.findall(r"\(docs/screenshots/([\w-]+\.png)\)", readme))
    assert len(linked) >= 10
    assert sorted(name for name in linked if not (ROOT / "docs" / "screenshots" / name).exists()) == []
