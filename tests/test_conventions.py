"""The test suite's own rules, checked on its source with `ast` so that new code cannot slip back.

- A browser check waits: `expect(locator).to_be_visible()`, never `assert locator.is_visible()` (nor any other
  one-shot read of the page inside an `assert`: it checks once, without waiting, and is flaky under load).
- `pytest.raises` says which message it expects (`match=`): the type alone can pass for the wrong reason.
- A query count is pinned: `django_assert_num_queries(<n>)` with the number written in the test (a literal, or a
  name that holds one), never a ceiling (`django_assert_max_num_queries`) nor a count computed while testing (a
  constant but high count would pass).
"""

import ast
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent

# Playwright reads of the page's current state: inside an `assert` they do not wait for the page to settle.
ONE_SHOT_READS = {
    "is_visible",
    "is_hidden",
    "is_checked",
    "is_enabled",
    "is_disabled",
    "is_editable",
    "inner_text",
    "inner_html",
    "text_content",
    "input_value",
    "get_attribute",
}


def _is_pytest_raises(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Attribute) and func.attr == "raises" and _name(func.value) == "pytest") or (
        isinstance(func, ast.Name) and func.id == "raises"
    )


def _called(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else _name(func)


def _unpinned_count(call: ast.Call) -> bool:
    """A query-count assertion that does not pin a number written in the test."""
    if _called(call) == "django_assert_max_num_queries":
        return True
    if _called(call) != "django_assert_num_queries":
        return False
    count = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "num"), None)
    return not (isinstance(count, ast.Name) or (isinstance(count, ast.Constant) and isinstance(count.value, int)))


def _name(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


def violations(source: str, filename: str = "<source>") -> list[str]:
    """Every place in `source` that breaks one of the rules above, as `file:line: what`."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Assert):
            for inner in ast.walk(node.test):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute)
                    and inner.func.attr in ONE_SHOT_READS
                ):
                    found.append(
                        f"{filename}:{node.lineno}: assert on .{inner.func.attr}(), use playwright's expect(...)"
                    )
        elif (
            isinstance(node, ast.Call)
            and _is_pytest_raises(node)
            and not any(keyword.arg == "match" for keyword in node.keywords)
        ):
            found.append(f"{filename}:{node.lineno}: pytest.raises without match=")
        elif isinstance(node, ast.Call) and _unpinned_count(node):
            found.append(f"{filename}:{node.lineno}: query count not pinned, use django_assert_num_queries(<n>)")
    return found


def _test_sources():
    for path in sorted(TESTS_DIR.rglob("*.py")):
        if path != Path(__file__).resolve():
            yield path


def test_the_suite_follows_its_rules():
    found = []
    for path in _test_sources():
        found += violations(path.read_text(encoding="utf-8"), str(path.relative_to(TESTS_DIR.parent)))
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("assert page.get_by_text('Bonjour').is_visible()\n", "assert on .is_visible()"),
        ("assert not page.locator('main').is_hidden()\n", "assert on .is_hidden()"),
        ("assert 'Bonjour' in page.locator('main').inner_text()\n", "assert on .inner_text()"),
        ("with pytest.raises(ValueError):\n    pass\n", "pytest.raises without match="),
        ("with raises(ValueError):\n    pass\n", "pytest.raises without match="),
        ("pytest.raises(ValueError, int, 'x')\n", "pytest.raises without match="),
        ("with django_assert_max_num_queries(12):\n    pass\n", "query count not pinned"),
        ("with django_assert_num_queries(len(before)):\n    pass\n", "query count not pinned"),
    ],
)
def test_a_breach_is_reported_with_its_line(source, expected):
    [found] = violations(source, "sample.py")
    assert found.startswith("sample.py:1: ") and expected in found


@pytest.mark.parametrize(
    "source",
    [
        "expect(page.get_by_text('Bonjour')).to_be_visible()\n",
        "with pytest.raises(ValueError, match='invalid literal'):\n    pass\n",
        "text = page.locator('main').inner_text()\n",
        "assert response.status_code == 200\n",
        "with django_assert_num_queries(14):\n    pass\n",
        "with django_assert_num_queries(COCKPIT_QUERIES):\n    pass\n",
    ],
)
def test_what_the_rules_allow_is_not_reported(source):
    assert violations(source) == []
