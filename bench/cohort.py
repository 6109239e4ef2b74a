"""Benchmark of the coordinator's cohort pages (issue #8) over HTTP, beside a bare-Django baseline, in one run.

    python -m bench.cohort [--learners 300] [--lessons 40] [--sessions 12] [--requests 20] [--port 8198]

Seeds what bench.progress seeds (a programme of 4 modules, one cohort, learners with a spread of completions
and stored progress), then adds what the cohort's life holds: past sessions with an attendance row for every
learner, and a placement for every learner with weeks of logged hours (approved or waiting for the tutor) and,
for a third of them, a counter-signed final evaluation. A real DU cohort has 20-30 learners; the default 300
is a stress size. Then gunicorn serves, and each page gets a bounded number of sequential requests: the
baseline view, the cohort dashboard (every learner on one page), the final validation page (every learner
with the three criteria explained) and the final results CSV.
"""

import argparse
import datetime
import os
import random
import shutil
import tempfile
import time
from decimal import Decimal

from bench.progress import print_table, seed, serve_and_measure, setup_django


def _siret(n: int) -> str:
    body = f"{n:013d}"
    for check in range(10):
        digits = body + str(check)
        total = 0
        for index, char in enumerate(reversed(digits)):
            digit = int(char) * (2 if index % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        if total % 10 == 0:
            return digits
    raise ValueError(n)


def seed_cohort_life(*, cohort_id: int, sessions: int) -> dict:
    from django.utils import timezone

    from accounts.models import User
    from cohort_sessions.enums import AttendanceStatus
    from cohort_sessions.models import Attendance, CohortSession
    from cohorts.models import Enrolment
    from internships.enums import EvaluationKind, EvaluationStatus, HostKind, PlacementStatus, WeekStatus
    from internships.models import Evaluation, HostOrganisation, Placement, TimeEntry, Tutor, WeekSignoff

    rng = random.Random(20261121)
    today = timezone.localdate()
    coordinator = User.objects.get(email="coordination@bench.test")
    enrolments = list(Enrolment.objects.filter(cohort_id=cohort_id).order_by("pk"))
    past = [
        CohortSession.objects.create(
            cohort_id=cohort_id,
            title=f"Regroupement {index + 1}",
            date=today - datetime.timedelta(days=7 * (sessions - index)),
            starts_at=datetime.time(9, 30),
            ends_at=datetime.time(17, 0),
            place="Salle 204",
        )
        for index in range(sessions)
    ]
    statuses = [AttendanceStatus.PRESENT] * 8 + [
        AttendanceStatus.LATE,
        AttendanceStatus.ABSENT,
        AttendanceStatus.EXCUSED,
    ]
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                learner_id=enrolment.learner_id,
                status=(status := rng.choice(statuses)),
                reason="Rendez-vous médical" if status == AttendanceStatus.EXCUSED else "",
                recorded_by=coordinator,
            )
            for session in past
            for enrolment in enrolments
        ],
        batch_size=2000,
    )
    hosts = HostOrganisation.objects.bulk_create(
        [
            HostOrganisation(name=f"Structure {n}", siret=_siret(7390000000000 + n), kind=HostKind.ASSOCIATION)
            for n in range(max(1, len(enrolments) // 3))
        ],
        batch_size=1000,
    )
    tutors = Tutor.objects.bulk_create(
        [
            Tutor(host=host, name=f"Tutrice {host.pk}", email=f"tutrice{host.pk}@bench.test", role="Cadre")
            for host in hosts
        ],
        batch_size=1000,
    )
    placements = Placement.objects.bulk_create(
        [
            Placement(
                enrolment=enrolment,
                host=tutors[index % len(tutors)].host,
                tutor=tutors[index % len(tutors)],
                starts_on=today - datetime.timedelta(days=70),
                ends_on=today + datetime.timedelta(days=20),
                weekly_schedule="Lundi et mardi",
                planned_hours=140,
                max_weekly_hours=21,
                tasks_and_objectives="Accueillir, co-animer un groupe.",
                proposed_by_id=enrolment.learner_id,
                status=PlacementStatus.IN_PROGRESS,
            )
            for index, enrolment in enumerate(enrolments)
        ],
        batch_size=1000,
    )
    placements = list(Placement.objects.filter(enrolment__cohort_id=cohort_id).order_by("pk"))
    entries, weeks, evaluations = [], [], []
    first_monday = today - datetime.timedelta(days=70 + today.weekday())
    for placement in placements:
        for week in range(rng.randint(4, 9)):
            start = first_monday + datetime.timedelta(days=7 * week)
            weeks.append(
                WeekSignoff(
                    placement=placement,
                    week_start=start,
                    status=WeekStatus.APPROVED if week < 6 else WeekStatus.PENDING,
                )
            )
            for day in range(2):
                entries.append(
                    TimeEntry(
                        placement=placement,
                        date=start + datetime.timedelta(days=day),
                        week_start=start,
                        hours=Decimal("7.5"),
                        activity="Accueil et groupe de parole",
                    )
                )
        if placement.pk % 3 == 0:
            evaluations.append(
                Evaluation(placement=placement, kind=EvaluationKind.FINAL, status=EvaluationStatus.COUNTERSIGNED)
            )
    TimeEntry.objects.bulk_create(entries, batch_size=2000)
    WeekSignoff.objects.bulk_create(weeks, batch_size=2000)
    Evaluation.objects.bulk_create(evaluations, batch_size=2000)
    return {"sessions": len(past), "placements": len(placements), "time_entries": len(entries)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--lessons", type=int, default=40, help="lessons in all (4 modules)")
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--requests", type=int, default=20, help="measured requests per page")
    parser.add_argument("--port", type=int, default=8198)
    args = parser.parse_args(argv)

    workdir = tempfile.mkdtemp(prefix="bench-cohort-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{os.path.join(workdir, 'bench.sqlite3')}"
    setup_django(database_url)
    from django.db import connection

    started = time.perf_counter()
    data = seed(learners=args.learners, lessons_per_module=max(1, args.lessons // 4), modules=4)
    data.update(seed_cohort_life(cohort_id=data["cohort_id"], sessions=args.sessions))
    seeded_in = time.perf_counter() - started
    connection.close()
    vendor = connection.vendor

    cohort = data["cohort_id"]
    coordinator = {"Cookie": f"sessionid={data['coordinator_session']}"}
    learners = data["learners"]
    try:
        results = serve_and_measure(
            database_url=database_url,
            port=args.port,
            requests=args.requests,
            pages=[
                ("Baseline (bare Django view)", "/bench/baseline/", {}),
                (
                    f"Cohort dashboard ({learners} learners on one page)",
                    f"/promotions/{cohort}/tableau-de-bord/",
                    coordinator,
                ),
                (f"Final validation ({learners} learners)", f"/validation/promotions/{cohort}/", coordinator),
                ("Final results CSV", f"/validation/promotions/{cohort}/resultats.csv", coordinator),
            ],
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\nDatabase: {vendor}; one cohort of {data['learners']} learners x {data['lessons']} lessons, "
        f"{data['completions']} completions, {data['sessions']} sessions with attendance, {data['placements']} "
        f"placements with {data['time_entries']} days of hours (seeded in {seeded_in:.0f} s); gunicorn, 1 worker, "
        f"{args.requests} sequential requests per page after 3 warm-up requests.\n"
    )
    print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
