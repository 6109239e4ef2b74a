"""Accessibility and phone checks shared by the browser journeys.

`assert_no_serious_axe_violations(page)` runs axe-core (axe-playwright-python) on the page as it is and fails
on any serious or critical violation, listing each rule, its help and the first elements concerned.
`assert_no_sideways_scroll(page)` checks that the page fits the width of a 360 px phone.
"""

from __future__ import annotations

from functools import cache

BLOCKING = ("serious", "critical")
PHONE = {"width": 360, "height": 740}


@cache
def _axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


# axe gives each rule its impact; a rule whose impact is minor or moderate cannot find a serious or critical
# violation, so it is not run: the check fails on the same pages, for less of the browser's time.
_RUN_BLOCKING_RULES = """() => axe.run(document, {
    resultTypes: ["violations"],
    rules: Object.fromEntries(axe._audit.rules.filter(rule => ["minor", "moderate"].includes(rule.impact))
        .map(rule => [rule.id, {enabled: false}])),
})"""


def serious_axe_violations(page) -> list[dict]:
    page.evaluate(_axe_script())
    results = page.evaluate(_RUN_BLOCKING_RULES)
    return [v for v in results["violations"] if v.get("impact") in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {'; '.join(targets)}")
    return "\n".join(lines)


def missing_descriptions(page) -> list[str]:
    """aria-describedby ids that name no element of the page (a help text or an error a screen reader loses)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("[aria-describedby]")).flatMap(element =>
            element.getAttribute("aria-describedby").split(/\\s+/).filter(id => id && !document.getElementById(id))
                .map(id => `${element.tagName.toLowerCase()}#${element.id || "?"} -> ${id}`))"""
    )


def assert_no_serious_axe_violations(page) -> None:
    page.wait_for_load_state()
    violations = serious_axe_violations(page)
    assert violations == [], f"axe on {page.url}:\n{describe(violations)}"
    if "/admin/" not in page.url:  # Wagtail's and Django's own admin markup is theirs
        missing = missing_descriptions(page)
        assert missing == [], f"aria-describedby pointing at nothing on {page.url}: {missing}"


def sideways_overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def assert_no_sideways_scroll(page) -> None:
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide at {page.viewport_size['width']} px"


def check_page(page) -> None:
    """Both checks, for a page a candidate, a learner or a tutor may open on a phone."""
    assert_no_serious_axe_violations(page)
    assert_no_sideways_scroll(page)
