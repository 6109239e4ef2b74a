"""The scale benchmark's own pieces: its page list resolves, its seed builds pages that answer, its report."""

import pytest
from django.urls import resolve

from bench import scale


def test_check_loopback_refuses_a_remote_database():
    with pytest.raises(SystemExit, match="must be on this machine"):
        scale.check_loopback("postgres://postgres@db.example.org:5432/bench_scale", "--database-url")


def test_recreate_database_refuses_a_database_not_named_bench():
    with pytest.raises(SystemExit, match="whose name contains 'bench'"):
        scale.recreate_database("postgres://postgres@127.0.0.1:5432/pairaidance")


@pytest.mark.urls("bench.urls")
def test_every_page_resolves_by_name():
    data = {"cohort_id": 7, "round_id": 8, "application_id": 9, "home_url": "/", "lesson_url": "/du/m/l/"}
    names = [resolve(scale.page_path(page, data)).view_name for page in [scale.BARE, *scale.PAGES] if page.url_name]

    assert names == [
        "bench-baseline",
        "my_space:learning",
        "lms:progress_matrix",
        "selection:manage_applications",
        "cockpit:dashboard",
        "internships:overview",
        "final_validation:cohort",
        "internships:tutor_home",
        "lms_api:progress",
        "my_space:home",
        "my_space:home",
        "selection:dossier",
    ]


@pytest.mark.parametrize(
    ("value", "written"),
    [(1.0, "1"), (19.4, "19 x"), (2.5, "2.5 x"), (1 / 3.5, "1/3.5"), (1 / 68.2, "1/68"), (1 / 3367, "1/3,367")],
)
def test_ratio_is_written_as_in_the_issue(value, written):
    assert scale.ratio(value) == written


def test_each_page_runs_in_turn_with_the_references_and_its_figures_are_the_medians_of_the_rounds(monkeypatch):
    """The bare view, the home page and the page, in turn, --rounds times: a moment of load weighs on one round."""
    import argparse

    order = []
    rates = {"/bench/": [3000, 1000], "/": [150, 50], "/du/m/l/": [120, 40]}

    def fake_wrk(url, headers, *, duration, **options):
        path = url.removeprefix("http://127.0.0.1:8301")
        order.append(path)
        rps = rates[path][sum(1 for seen in order if seen == path) - 1]
        return {
            "rps": rps,
            "median": 1000 / rps,
            "p99": 2000 / rps,
            "load": 1.0,
            "requests": rps,
            "seconds": 1,
            "failed": 0,
        }

    monkeypatch.setattr(scale, "run_wrk", fake_wrk)
    monkeypatch.setattr(
        scale,
        "warm_up",
        lambda url, headers, **options: order.append("warm " + url.removeprefix("http://127.0.0.1:8301")),
    )
    monkeypatch.setattr(scale, "probe", lambda base, path, headers: 0.01)
    monkeypatch.setattr(
        scale, "page_path", lambda page, data: {"bare": "/bench/", "home": "/"}.get(page.who, "/du/m/l/")
    )
    monkeypatch.setattr(scale, "page_headers", lambda page, data: {})
    monkeypatch.setattr(scale, "BARE", scale.Page("Bare", who="bare"))
    monkeypatch.setattr(scale, "HOME", scale.Page("Home", who="home"))
    args = argparse.Namespace(threads=1, connections=2, duration=5, max_duration=40, min_requests=8, rounds=2)
    lesson = scale.Page("Lesson", page="lesson_url", who="learner")

    runs = scale.measure_all("http://127.0.0.1:8301", {}, args, "script.lua", [lesson])

    # Each warmed up (not counted) before its first measure.
    assert order == ["warm /bench/", "warm /", "warm /du/m/l/", "/bench/", "/", "/du/m/l/", "/bench/", "/", "/du/m/l/"]
    page = runs[2]
    assert (page["row"]["rps"], page["home"]["rps"], page["row"]["requests"]) == (80, 100, 160)
    assert page["ratios"][1] == pytest.approx(0.8)


def _run(label: str, by_home: float, median_by_home: float) -> dict:
    return {"page": scale.Page(label), "ratios": (0.05, by_home, median_by_home)}


def _reminders(sent_per_second: float, *, duplicates: int = 0, losses: int = 0) -> dict:
    return {
        "count": 10_000,
        "workers": 1,
        "concurrency": 2,
        "planning": {"planned": 10_000, "seconds": 8.0, "peak_mib": 2.4},
        "dispatch": {
            "per_second": sent_per_second,
            "received": 10_000 - losses + duplicates,
            "duplicates": duplicates,
            "losses": losses,
            "claim_seconds": 12.5,
        },
        "baseline": {"per_second": 120.0, "received": 10_000, "duplicates": 0, "losses": 0},
    }


def _export(label: str, seconds: float, mib: float) -> dict:
    runs = [{"seconds": seconds, "added_mib": mib}, {"seconds": seconds / 2, "added_mib": mib}]
    return {"label": label, "status": 302, "prepared": "abc", "bytes": 0, "runs": runs}


def test_targets_are_checked_against_the_runs_figures():
    runs = [
        _run("Bare", 1, 1),
        _run("Home", 1, 1),
        _run("Lesson page, learner", 1.1, 0.9),
        _run("Learner dashboard", 1.2, 0.8),
        _run("Cohort dashboard", 0.7, 1.5),
    ]
    held = scale.targets(runs, {}, {"seed": 31}, _reminders(61.0), [_export("Roster, XLSX", 0.1, 0.0)])
    assert held.count("**holds**") == 5 and "**missed**" not in held
    assert "(the lower of the two: 1.1 x)" in held and "(the highest: 1.5 x, Cohort dashboard)" in held

    runs[2] = _run("Lesson page, learner", 1 / 1.1, 1.1)
    runs[4] = _run("Cohort dashboard", 0.4, 2.4)
    missed = scale.targets(
        runs, {}, {"seed": 400}, _reminders(61.0, duplicates=1), [_export("Letters, PDF", 2.5, 60.0)]
    )
    assert missed.count("**missed**") == 5 and "**holds**" not in missed
    assert "(the lower of the two: 1/1.1)" in missed and "1 duplicates, 0 losses over 10,000" in missed
    assert "the longest request 2,500 ms, the most memory added 60.0 MiB" in missed
    assert "**missed** (0.42;" in scale.targets(runs, {}, {"seed": 31}, _reminders(50.0), None)


def test_the_reminders_and_exports_tables_give_the_ratio_and_each_request():
    assert "| 61 | 0.51 | 10,000 / 0 / 0 | 12.5 s |" in scale.reminders_table(_reminders(61.0))
    table = scale.exports_table([_export("Roster, XLSX", 0.1, 0.0)])
    assert "| Roster, XLSX | 302 to the page | 0 B | 100 ms | 0.0 MiB | 50 ms | 0.0 MiB |" in table


def test_write_section_replaces_only_its_own_section(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        "# Benchmarks\n\n## Reminders\n\nkept\n\n## Scale benchmark (old)\n\nold table\n\n## Later\n\nalso kept\n"
    )

    scale.write_section(doc, "## Scale benchmark (new)\n\nnew table\n")

    assert doc.read_text() == (
        "# Benchmarks\n\n## Reminders\n\nkept\n\n## Scale benchmark (new)\n\nnew table\n\n## Later\n\nalso kept\n"
    )


def test_write_section_appends_when_absent(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n## Reminders\n\nkept\n")

    scale.write_section(doc, "## Scale benchmark\n\ntable\n")

    assert doc.read_text() == "# Benchmarks\n\n## Reminders\n\nkept\n\n## Scale benchmark\n\ntable\n"


@pytest.mark.django_db
@pytest.mark.urls("bench.urls")
def test_small_seed_serves_every_page(settings):
    from cohorts.models import Cohort
    from internships.models import Placement
    from selection.models import Application

    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    data = scale.seed_scale(learners=4, applications=6, lessons=8, sessions=2)

    counts = scale.count_queries([scale.BARE, scale.HOME, *scale.PAGES], data)

    assert (Application.objects.count(), Placement.objects.count(), Cohort.objects.count()) == (6, 4, 9)
    assert data["coordinator_cohorts"] == 4
    assert counts[scale.BARE] == (0, 2)
    assert all(queries > 0 and size > 0 for queries, size in (counts[page] for page in scale.PAGES))
