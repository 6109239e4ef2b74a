"""The architecture's own rules, checked on the source so that docs/architecture.md stays true.

- A function-local import is an import like any other (import-linter counts it); one that stays local says why on
  its own line (`# lazy: ...`), except in `apps.py` (`AppConfig.ready()` runs before the registry is ready) and in
  migrations.
"""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _apps() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def local_imports_without_reason(source: str, filename: str = "<source>") -> list[str]:
    """Imports inside a function whose line carries no comment, as `file:line`."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import | ast.ImportFrom) and "#" not in lines[inner.lineno - 1]:
                found.append(f"{filename}:{inner.lineno}")
    return found


def test_the_check_finds_a_silent_local_import_and_accepts_a_reasoned_one():
    source = "def f():\n    import json\n\ndef g():\n    import csv  # lazy: only for exports\n"
    assert local_imports_without_reason(source) == ["<source>:2"]


def test_every_app_lists_its_function_local_imports_with_a_reason():
    found = []
    for app in _apps():
        for path in sorted((ROOT / app).rglob("*.py")):
            if path.name == "apps.py" or "migrations" in path.parts:
                continue
            found += local_imports_without_reason(path.read_text(), str(path.relative_to(ROOT)))
    assert found == [], "Move these imports to the top of their module, or say why on the line:\n" + "\n".join(found)


def _templates():
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        if ".venv" not in path.parts and "node_modules" not in path.parts:
            yield path


def test_template_comments_written_with_braces_and_hash_end_on_their_line():
    # Django's `{# ... #}` comment is one line only: one spread over two lines is printed on the page as it is
    # (`{% comment %}` is the one for longer notes).
    unclosed = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert list(_templates()) and unclosed == []
