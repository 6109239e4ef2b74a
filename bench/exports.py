"""What each export and PDF costs a web worker at scale (issue #16): time and memory of one request, in-process.

    python -m bench.exports --database-url postgres://postgres@127.0.0.1:5432/bench_scale [--only WORD] [--build]

Runs against a database seeded by `python -m bench.scale` (use `--reuse --only Lesson` to seed once; the seed's
ids and the coordinator's session are read from bench/results/<database>.json). Each export is requested in a fresh
Python process, through Django's test client under the production settings (bench.settings_scale), after one
warm-up request to a light coordinator page, so that what is measured is what the export adds to a web worker that
already serves pages: the wall time of the request (its whole body read) and the growth of the process's peak
resident memory (`ru_maxrss`, which also counts WeasyPrint's and Pango's C allocations that tracemalloc misses).
The first request of a process also loads openpyxl or WeasyPrint; a second identical request is measured too.

When an export answers with a redirect to "Préparation du fichier" (built in the background), `--build` also runs
that build in another fresh process, as a Celery worker would, and reports its time and memory (the worker's cost,
not the web worker's). Nothing is sent to a broker: the web process's queueing is replaced by a no-op.

The decision letters' bundle needs published decisions: when the round has none, `--publish N` publishes N
decisions (admitted) first, in the bench database only.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

SHEET = "cohort_sessions:attendance-sheet"
# label, URL name, URL kwargs (from the context below), query string
EXPORTS = [
    (
        "Attendance sheet, CSV (streamed)",
        "cohort_sessions:attendance-sheet",
        {"session_id": "session", "fmt": "csv"},
        "",
    ),
    ("Attendance sheet, XLSX", SHEET, {"session_id": "session", "fmt": "xlsx"}, ""),
    ("Attendance sheet, PDF", SHEET, {"session_id": "session", "fmt": "pdf"}, ""),
    ("Roster, XLSX", "cohort_sessions:roster", {"cohort_id": "cohort", "fmt": "xlsx"}, ""),
    ("Progress, XLSX", "lms:progress_xlsx", {"cohort_id": "cohort"}, ""),
    ("Internships overview, XLSX", "internships:overview_export", {"cohort_pk": "cohort", "fmt": "xlsx"}, ""),
    ("Final results, XLSX", "final_validation:results", {"cohort_id": "cohort", "fmt": "xlsx"}, ""),
    (
        "Applications, XLSX",
        "selection:manage_export",
        {"round_id": "round"},
        "format=xlsx&columns=reference&columns=last_name&columns=first_name&columns=email&columns=status",
    ),
    ("Decision letters bundle, PDF", "selection:letters_bundle", {"round_id": "round"}, ""),
    ("Programme figures, XLSX", "figures:export", {"programme_id": "programme", "fmt": "xlsx"}, ""),
    ("Programme figures, PDF", "figures:export", {"programme_id": "programme", "fmt": "pdf"}, ""),
]
MIB = 1024  # ru_maxrss is in KiB on Linux


def environment(database_url: str, seed: dict) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_scale",
        "DATABASE_URL": database_url,
        "SECRET_KEY": seed["secret_key"],
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "False",
        "REDIS_URL": "",
        "REDIS_CACHE_URL": "",
        "SITE_URL": "http://127.0.0.1",
    }


def context() -> dict:
    """The ids the exports need, read from the bench database."""
    from cohort_sessions.models import CohortSession
    from cohorts.models import Cohort

    seed = json.loads(os.environ["BENCH_SEED"])
    cohort = Cohort.objects.get(pk=seed["cohort_id"])
    session = CohortSession.objects.filter(cohort=cohort, attendances__isnull=False).order_by("-date", "-pk").first()
    return {"cohort": cohort.pk, "programme": cohort.programme_id, "round": seed["round_id"], "session": session.pk}


def publish(count: int, round_id: int) -> int:
    from django.utils import timezone

    from selection.models import Application, Decision

    if Decision.objects.filter(application__selection_round_id=round_id, published_at__isnull=False).exists():
        return 0
    ids = list(
        Application.objects.filter(selection_round_id=round_id, decision__isnull=True).values_list("pk", flat=True)[
            :count
        ]
    )
    Decision.objects.bulk_create(
        [Decision(application_id=pk, outcome="admitted", published_at=timezone.now()) for pk in ids]
    )
    return len(ids)


def _rss_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / MIB


def measure_one(index: int) -> dict:
    """In a fresh process: the export's request twice, after a warm-up page."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    try:
        import tasks.prepared

        tasks.prepared.enqueue_on_commit = lambda name, *args: None  # no broker: the build is measured apart
    except ImportError:
        pass
    seed = json.loads(os.environ["BENCH_SEED"])
    ids = context()
    label, name, kwargs, query = EXPORTS[index]
    url = reverse(name, kwargs={key: ids.get(value, value) for key, value in kwargs.items()})
    url = f"{url}?{query}" if query else url
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = seed["sessions"]["coordinator"]
    warm = client.get(reverse("cohort_sessions:cohort", args=[ids["cohort"]]))
    assert warm.status_code == 200, warm.status_code
    base = _rss_peak_mib()
    runs = []
    for _ in range(2):
        started = time.perf_counter()
        response = client.get(url)
        size = sum(len(chunk) for chunk in response) if response.streaming else len(response.content)
        runs.append({"seconds": time.perf_counter() - started, "added_mib": _rss_peak_mib() - base})
        if response.status_code not in (200, 302):
            break
    location = response.get("Location", "")
    return {
        "label": label,
        "url": url,
        "status": response.status_code,
        "bytes": size,
        "runs": runs,
        "prepared": urlsplit(location).path.strip("/").split("/")[1] if "/fichiers/" in location else "",
    }


def build_one(file_id: str) -> dict:
    """In a fresh process: the build of a prepared file, as the Celery worker runs it."""
    import django

    django.setup()
    from tasks.models import PreparedFile
    from tasks.prepared import prepared_file_build

    base = _rss_peak_mib()
    started = time.perf_counter()
    status = prepared_file_build(file_id)
    row = PreparedFile.objects.get(pk=file_id)
    result = {
        "status": status,
        "seconds": time.perf_counter() - started,
        "added_mib": _rss_peak_mib() - base,
        "bytes": row.file.size if row.file else 0,
        "error": row.error,
    }
    if row.file:
        row.file.storage.delete(row.file.name)
    row.delete()
    return result


def child(args: list[str], env: dict) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "bench.exports", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if output.returncode != 0:
        raise RuntimeError(output.stderr[-3000:])
    return json.loads(output.stdout.strip().splitlines()[-1])


def answer(result: dict) -> str:
    """What the web request answered: the file, or a redirect to the page where the file is prepared."""
    if result["status"] == 200:
        return "file"
    return f"{result['status']} to the page" if result["prepared"] else str(result["status"])


def measure_exports(database_url: str, *, only=(), build: bool = False, publish_count: int = 1000, log=print) -> list:
    """Each export's two requests, each in a fresh process (and its background build with `build`), on the
    database seeded by bench.scale (its ids and sessions read from bench/results/<database>.json)."""
    name = urlsplit(database_url).path.strip("/")
    kept = json.loads((ROOT / "bench" / "results" / f"{name}.json").read_text(encoding="utf-8"))
    seed = {**kept["data"], "secret_key": kept["secret_key"]}
    env = {**environment(database_url, seed), "BENCH_SEED": json.dumps(seed)}
    log(f"Published {child(['--publish-only', '--publish', str(publish_count)], env)['published']} decisions.")
    results = []
    for index, (label, *_rest) in enumerate(EXPORTS):
        if only and not any(word.lower() in label.lower() for word in only):
            continue
        result = child(["--one", str(index)], env)
        result["runs"] += [{"seconds": 0, "added_mib": 0}] * (2 - len(result["runs"]))
        if result["prepared"] and build:
            result["built"] = child(["--build-one", result["prepared"]], env)
        results.append(result)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_scale")
    parser.add_argument("--only", action="append", default=[], metavar="WORD")
    parser.add_argument("--build", action="store_true", help="also build the prepared files, as a worker would")
    parser.add_argument("--publish", type=int, default=1000, help="decisions to publish when the round has none")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--build-one", help=argparse.SUPPRESS)
    parser.add_argument("--publish-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure_one(args.one)))
        return 0
    if args.build_one:
        print(json.dumps(build_one(args.build_one)))
        return 0
    if args.publish_only:
        import django

        django.setup()
        print(json.dumps({"published": publish(args.publish, json.loads(os.environ["BENCH_SEED"])["round_id"])}))
        return 0
    results = measure_exports(args.database_url, only=args.only, build=args.build, publish_count=args.publish)
    print("| export | answer | size | 1st request | added | 2nd request | added | worker build | worker memory |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        runs = result["runs"]
        build = ("", "")
        if "built" in result:
            built = result["built"]
            build = (f"{built['seconds']:.1f} s ({built['bytes'] / 1024:,.0f} KiB)", f"{built['added_mib']:.0f} MiB")
        print(
            f"| {result['label']} | {answer(result)} | {result['bytes'] / 1024:,.0f} KiB "
            f"| {runs[0]['seconds'] * 1000:,.0f} ms | {runs[0]['added_mib']:.1f} MiB "
            f"| {runs[1]['seconds'] * 1000:,.0f} ms | {runs[1]['added_mib']:.1f} MiB | {build[0]} | {build[1]} |",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
