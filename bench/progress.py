"""Benchmark of the learning-records pages over HTTP, beside a bare-Django baseline, in one run.

    python -m bench.progress [--learners 2000] [--lessons 40] [--requests 30] [--port 8197]

Seeds (bulk_create) a programme of 4 modules x 10 lessons, one cohort of 2,000 learners with realistic
completions (a spread from nothing to everything, some long inactive) and their stored progress, into a fresh
database (a temporary SQLite file, or DATABASE_URL when set: use an empty database of your own). Then starts
gunicorn on 127.0.0.1 and measures, with a bounded number of sequential requests each: the baseline view, the
learner dashboard, the API progress endpoint, and the coordinator's progress matrix (all 2,000 rows).
"""

import argparse
import contextlib
import datetime
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_progress"
    import django

    django.setup()


def session_for(user) -> str:
    """A logged-in session for `user`, stored by the configured engine (the server started later reads it)."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "accounts.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    _pass_second_factor(store, user)
    store.create()
    return store.session_key


def _pass_second_factor(store, user) -> None:
    """Staff must have passed a second factor (accounts.SecondFactorMiddleware): record it as allauth does."""
    import time

    from allauth.account.internal.flows import login as login_flow
    from allauth.account.internal.userkit import user_id_to_str
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.security import is_privileged

    if not is_privileged(user):
        return
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        authenticator = TOTP.activate(user, generate_totp_secret()).instance
    now = time.time()
    store[login_flow.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": authenticator.type, "id": authenticator.pk},
    ]
    store[login_flow._AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)


def seed(*, learners: int, lessons_per_module: int, modules: int, migrate: bool = True, lesson_body=None) -> dict:
    """Seed one programme and one cohort; `lesson_body` (a StreamField value) fills every lesson when given."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from cms.enums import CompletionRule
    from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage
    from cohorts.models import Cohort, Enrolment
    from lms.models import LearnerProgress, LessonCompletion, ModuleProgress

    if migrate:
        call_command("migrate", verbosity=0)
    rng = random.Random(20261121)
    home = HomePage.objects.get(depth=2)
    programme = home.add_child(instance=ProgrammePage(title="DU banc d'essai", slug="du-banc-essai"))
    outline = []
    for m in range(modules):
        module = programme.add_child(
            instance=ModulePage(title=f"Module {m + 1}", slug=f"module-{m + 1}", summary="Résumé.", order=m)
        )
        lessons = []
        for n in range(lessons_per_module):
            rule = [CompletionRule.VIEWED, CompletionRule.MARKED_DONE, CompletionRule.QUIZ_PASSED][n % 3]
            lessons.append(
                module.add_child(
                    instance=LessonPage(
                        title=f"Leçon {m + 1}.{n + 1}",
                        slug=f"lecon-{m + 1}-{n + 1}",
                        completion_rule=rule,
                        body=lesson_body or [],
                    )
                )
            )
        outline.append((module, lessons))
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        label="banc",
        starts_on=today - datetime.timedelta(days=120),
        ends_on=today + datetime.timedelta(days=200),
    )
    password = make_password("bench")
    User.objects.bulk_create(
        [
            User(email=f"apprenant{i}@bench.test", first_name="Prénom", last_name=f"Nom{i:05d}", password=password)
            for i in range(learners)
        ],
        batch_size=1000,
    )
    users = list(User.objects.filter(email__endswith="@bench.test").order_by("pk"))
    Enrolment.objects.bulk_create([Enrolment(cohort=cohort, learner=user) for user in users], batch_size=1000)
    enrolments = list(Enrolment.objects.filter(cohort=cohort).order_by("pk"))
    coordinator = User.objects.create(email="coordination@bench.test", first_name="Claire", last_name="Bench")
    cohort.coordinators.add(coordinator)

    all_lessons = [(module, lesson) for module, lessons in outline for lesson in lessons]
    now = timezone.now()
    completions, module_rows, progress_rows = [], [], []
    for enrolment in enrolments:
        done = min(len(all_lessons), int(rng.betavariate(2, 2) * (len(all_lessons) + 1)))
        last = now - datetime.timedelta(days=rng.choice([0, 1, 2, 3, 5, 8, 13, 21, 34]), hours=rng.randint(0, 23))
        per_module: dict[int, list[int]] = {}
        for position, (module, lesson) in enumerate(all_lessons[:done]):
            completions.append(
                LessonCompletion(
                    learner_id=enrolment.learner_id,
                    lesson_id=lesson.pk,
                    module_id=module.pk,
                    completed_at=last - datetime.timedelta(days=done - position),
                    how=lesson.completion_rule,
                )
            )
            counts = per_module.setdefault(module.pk, [0, 0])
            counts[0] += 1
            counts[1] += lesson.completion_rule == CompletionRule.QUIZ_PASSED
        for module_id, (lessons_done, quizzes_done) in per_module.items():
            module_rows.append(
                ModuleProgress(
                    enrolment=enrolment,
                    module_id=module_id,
                    lessons_done=lessons_done,
                    quizzes_done=quizzes_done,
                    last_activity_at=last,
                )
            )
        progress_rows.append(
            LearnerProgress(
                enrolment=enrolment,
                lessons_done=done,
                quizzes_done=sum(counts[1] for counts in per_module.values()),
                last_activity_at=last if done else None,
                completed_at=last if done == len(all_lessons) else None,
            )
        )
    LessonCompletion.objects.bulk_create(completions, batch_size=2000)
    ModuleProgress.objects.bulk_create(module_rows, batch_size=2000)
    LearnerProgress.objects.bulk_create(progress_rows, batch_size=2000)

    learner = users[len(users) // 2]
    return {
        "cohort_id": cohort.pk,
        "learner_session": session_for(learner),
        "coordinator_session": session_for(coordinator),
        "token": Token.objects.create(user=learner).key,
        "completions": len(completions),
        "learners": len(users),
        "lessons": len(all_lessons),
    }


def measure(url: str, *, requests: int, headers: dict) -> dict:
    timings = []
    size = 0
    for index in range(requests + 3):
        request = urllib.request.Request(url, headers=headers)
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"{url}: HTTP {response.status}")
        elapsed = (time.perf_counter() - started) * 1000
        if index >= 3:  # the first requests warm the worker
            timings.append(elapsed)
        size = len(body)
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
        "mean": statistics.fmean(timings),
        "bytes": size,
    }


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer at {url}")


@contextlib.contextmanager
def serve(*, port: int, env: dict, workers: int = 1, timeout: float = 60):
    """Run gunicorn on 127.0.0.1:`port` (sync workers, one thread each) until the block ends, even on error.

    `env` is added to this process's environment (DATABASE_URL, DJANGO_SETTINGS_MODULE, ...). Yields the base URL
    once the baseline view answers.
    """
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(workers), "--threads", "1", "--timeout", "120", "--log-level", "warning"),
        ],
        env={**os.environ, **env},
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/bench/baseline/", timeout=timeout)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def serve_and_measure(*, database_url: str, port: int, requests: int, pages: list[tuple[str, str, dict]]) -> dict:
    """Serve the site with gunicorn (1 worker, 1 thread) on 127.0.0.1 and time each (label, path, headers)."""
    env = {"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bench.settings_progress"}
    with serve(port=port, env=env) as base:
        return {label: measure(base + path, requests=requests, headers=headers) for label, path, headers in pages}


def print_table(results: dict) -> None:
    print("| Page | median (ms) | p95 (ms) | mean (ms) | response size |")
    print("|---|---:|---:|---:|---:|")
    for label, row in results.items():
        print(
            f"| {label} | {row['median']:.1f} | {row['p95']:.1f} | {row['mean']:.1f} | {row['bytes'] / 1024:.0f} KiB |"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--lessons", type=int, default=40, help="lessons in all (4 modules)")
    parser.add_argument("--requests", type=int, default=30, help="measured requests per page")
    parser.add_argument("--port", type=int, default=8197)
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="bench-progress-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{os.path.join(workdir, 'bench.sqlite3')}"
    setup_django(database_url)
    from django.db import connection

    started = time.perf_counter()
    data = seed(learners=args.learners, lessons_per_module=max(1, args.lessons // 4), modules=4)
    seeded_in = time.perf_counter() - started
    connection.close()
    vendor = connection.vendor

    learner = {"Cookie": f"sessionid={data['learner_session']}"}
    coordinator = {"Cookie": f"sessionid={data['coordinator_session']}"}
    try:
        results = serve_and_measure(
            database_url=database_url,
            port=args.port,
            requests=args.requests,
            pages=[
                ("Baseline (bare Django view)", "/bench/baseline/", {}),
                ("Learner dashboard /apprendre/", "/apprendre/", learner),
                ("API /api/v1/progress/ (token)", "/api/v1/progress/", {"Authorization": f"Token {data['token']}"}),
                (
                    f"Progress matrix ({data['learners']} learners, first page of 50)",
                    f"/apprendre/cohortes/{data['cohort_id']}/progression/",
                    coordinator,
                ),
            ],
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\nDatabase: {vendor}; {data['learners']} learners x {data['lessons']} lessons, "
        f"{data['completions']} completions (seeded in {seeded_in:.0f} s); gunicorn, 1 worker, "
        f"{args.requests} sequential requests per page after 3 warm-up requests.\n"
    )
    print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
