"""Benchmark of the reminder engine: planning and dispatch of N due reminders, end to end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pa_tasks_bench REDIS_URL=redis://127.0.0.1:6379/4 \
        .venv/bin/python -m bench.reminders --count 10000 --concurrency 4

What it does, in one run:
1. creates N learners of a running cohort, last seen 20 days ago (bulk inserts);
2. **planning**: runs the real planner of ``cohorts.learner_inactive`` (streamed, in batches) and
   measures its time and its peak Python memory (tracemalloc);
3. **dispatch**: starts real Celery worker subprocesses on Redis, runs the dispatcher tick
   (claim with skip_locked, one ``tasks.send_reminder_batch`` per claimed batch, on commit) and waits until the local
   SMTP sink has received every message; counts duplicates and losses *at the sink* (by Message-ID);
4. **baseline**: the same N messages sent to the same kind of sink by a bare Django loop
   (``send_mail`` in a for loop, one process, no queue, no bookkeeping).
Prints a Markdown table (for docs/benchmarks.md) and a JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
MESSAGE_ID = re.compile(r"<reminder\.(\d+)\.")


def _ensure_postgres_database(url: str) -> None:
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _setup(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'bench.sqlite3'}")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/4")
    os.environ["BENCH_QUEUE"] = f"reminders-bench-{uuid.uuid4().hex[:8]}"
    os.environ["BENCH_KEY_PREFIX"] = f"pa-bench-{uuid.uuid4().hex[:8]}"
    _ensure_postgres_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _reset_and_populate(count: int):
    import datetime

    from django.utils import timezone

    from accounts.models import User
    from cms.models import HomePage, ProgrammePage
    from cohorts.models import Cohort, Enrolment
    from tasks.models import Outbox, OutboxEvent
    from tasks.services import rules_sync

    OutboxEvent.objects.all().delete()
    Outbox.objects.all().delete()
    Enrolment.objects.filter(learner__email__endswith="@bench.example.test").delete()
    User.objects.filter(email__endswith="@bench.example.test").delete()
    rules_sync()
    programme = ProgrammePage.objects.filter(slug="du-bench").first()
    if programme is None:
        home = HomePage.objects.first()
        programme = home.add_child(instance=ProgrammePage(title="DU banc d'essai", slug="du-bench"))
    today = timezone.localdate()
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        label="bench",
        defaults={"starts_on": today - datetime.timedelta(days=60), "ends_on": today + datetime.timedelta(days=200)},
    )
    last_login = timezone.now() - datetime.timedelta(days=20)
    users = [
        User(
            email=f"learner{n}@bench.example.test",
            first_name="Camille",
            last_name=f"Essai {n}",
            password="!",
            last_login=last_login,
        )
        for n in range(count)
    ]
    User.objects.bulk_create(users, batch_size=2000)
    ids = User.objects.filter(email__endswith="@bench.example.test").values_list("pk", flat=True)
    Enrolment.objects.bulk_create((Enrolment(cohort=cohort, learner_id=pk) for pk in ids.iterator()), batch_size=2000)


def _plan() -> dict:
    from tasks.models import Outbox, ReminderRule
    from tasks.reminders import LEARNER_INACTIVE
    from tasks.services import plan_rule

    rule = ReminderRule.objects.get(code=LEARNER_INACTIVE)
    # 1. timed, untraced
    started = time.perf_counter()
    created = plan_rule(rule)
    elapsed = time.perf_counter() - started
    # 2. the same planning again, under tracemalloc, to measure peak Python memory (tracing slows it down)
    Outbox.objects.all().delete()
    tracemalloc.start()
    plan_rule(rule)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # 3. planning once more creates nothing
    started = time.perf_counter()
    again = plan_rule(rule)
    second = time.perf_counter() - started
    return {
        "planned": created,
        "rows": Outbox.objects.count(),
        "seconds": elapsed,
        "peak_mib": peak / 2**20,
        "replanned": again,
        "replan_seconds": second,
    }


def _start_workers(count: int, concurrency: int, smtp_port: int, log_dir: Path) -> list[subprocess.Popen]:
    processes = []
    for index in range(count):
        env = {**os.environ, "SMTP_SINK_PORT": str(smtp_port)}
        log = open(log_dir / f"bench-worker-{index}.log", "wb")  # noqa: SIM115 - closed at the end
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tasks.celery:app",
                "worker",
                "-Q",
                os.environ["BENCH_QUEUE"],
                "-c",
                str(concurrency),
                "-P",
                "prefork",
                "-n",
                f"bench{index}-{uuid.uuid4().hex[:6]}@127.0.0.1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "WARNING",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = log  # type: ignore[attr-defined]
        processes.append(process)
    return processes


def _dispatch(count: int, workers: int, concurrency: int, timeout: float, log_dir: Path) -> dict:
    from bench.smtp_sink import SmtpSink
    from tasks.enums import OutboxState
    from tasks.models import Outbox
    from tasks.services import dispatch_tick

    with SmtpSink() as sink:
        processes = _start_workers(workers, concurrency, sink.port, log_dir)
        try:
            time.sleep(3)  # let the workers boot (Django + Wagtail import) so the clock measures sending
            started = time.perf_counter()
            tick = dispatch_tick()
            queued_at = time.perf_counter()
            deadline = started + timeout
            while time.perf_counter() < deadline and sink.count() < count:
                time.sleep(0.2)
            at_sink = time.perf_counter()
            while time.perf_counter() < deadline and Outbox.objects.filter(state=OutboxState.SENT).count() < count:
                time.sleep(0.2)
            all_marked = time.perf_counter()
            time.sleep(2)  # anything sent twice would arrive now
        finally:
            for process in processes:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                process.log.close()  # type: ignore[attr-defined]
        ids = [match.group(1) for mid in sink.message_ids() if (match := MESSAGE_ID.search(mid))]
        expected = {str(pk) for pk in Outbox.objects.values_list("pk", flat=True)}
        states = dict.fromkeys(OutboxState.values, 0)
        for state in Outbox.objects.values_list("state", flat=True):
            states[state] += 1
        return {
            "queued": tick.get("queued", 0),
            "claim_seconds": queued_at - started,
            "received": sink.count(),
            "duplicates": len(ids) - len(set(ids)),
            "losses": len(expected - set(ids)),
            "seconds_to_sink": at_sink - started,
            "seconds_all_marked_sent": all_marked - started,
            "per_second": sink.count() / (at_sink - started),
            "states": states,
        }


def _baseline(count: int) -> dict:
    from django.core.mail import send_mail

    from bench.smtp_sink import SmtpSink

    with SmtpSink() as sink:
        from django.conf import settings

        settings.MAILERS["default"]["OPTIONS"]["port"] = sink.port
        from django.core.mail import mailers

        mailers.__dict__.pop("settings", None)  # re-read the port
        started = time.perf_counter()
        for n in range(count):
            send_mail(
                "Votre formation vous attend",
                "Bonjour,\n\nVotre parcours vous attend.",
                None,
                [f"learner{n}@bench.example.test"],
            )
        elapsed = time.perf_counter() - started
        ids = sink.message_ids()
        return {
            "received": sink.count(),
            "duplicates": len(ids) - len(set(ids)),
            "losses": count - sink.count(),
            "seconds": elapsed,
            "per_second": sink.count() / elapsed,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="worker processes")
    parser.add_argument("--concurrency", type=int, default=4, help="pool size of each worker")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    _setup(args)
    from django.db import connection

    log_dir = BASE_DIR / "var"
    log_dir.mkdir(exist_ok=True)
    started = time.perf_counter()
    _reset_and_populate(args.count)
    populate = time.perf_counter() - started
    planning = _plan()
    dispatch = _dispatch(args.count, args.workers, args.concurrency, args.timeout, log_dir)
    baseline = _baseline(args.count)
    result = {
        "count": args.count,
        "database": connection.vendor,
        "workers": args.workers,
        "concurrency": args.concurrency,
        "populate_seconds": populate,
        "planning": planning,
        "dispatch": dispatch,
        "baseline": baseline,
    }
    planning_rate = planning["planned"] / planning["seconds"] if planning["seconds"] else 0
    d, b = dispatch, baseline
    rows = [
        ("Planning: rows created", f"{planning['planned']} in {planning['seconds']:.2f} s ({planning_rate:.0f}/s)"),
        ("Planning: peak Python memory", f"{planning['peak_mib']:.1f} MiB"),
        ("Planning again: rows created", f"{planning['replanned']} in {planning['replan_seconds']:.2f} s"),
        ("Dispatch: claim + queue (one tick)", f"{d['queued']} rows in {d['claim_seconds']:.2f} s"),
        ("Dispatch: all received by the SMTP sink", f"{d['seconds_to_sink']:.1f} s ({d['per_second']:.0f} mails/s)"),
        ("Dispatch: all rows marked sent", f"{d['seconds_all_marked_sent']:.1f} s"),
        (
            "Dispatch: received / duplicates / losses at the sink",
            f"{d['received']} / {d['duplicates']} / {d['losses']}",
        ),
        ("Bare Django loop (send_mail, same sink): time", f"{b['seconds']:.1f} s ({b['per_second']:.0f} mails/s)"),
        ("Bare Django loop: received / duplicates / losses", f"{b['received']} / {b['duplicates']} / {b['losses']}"),
    ]
    title = f"Measure ({args.count} reminders, {connection.vendor}, {args.workers} worker x {args.concurrency})"
    print(f"\n| {title} | Value |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
