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
