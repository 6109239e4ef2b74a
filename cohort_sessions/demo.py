"""Demo calendar: past and future sessions of the seeded cohort, a few more (invented) learners, attendance.

Called at the end of cohorts/demo.py: seed(). Idempotent: every row is found by a natural key first.
Dates are relative to the day of the first seeding, so the demo always has a past and a future.
"""

import datetime

from django.utils import timezone

from accounts.demo import get_or_create_demo_user
from cohort_sessions.enums import AttendanceStatus, SessionMode
from cohort_sessions.models import Attendance, CohortSession
from cohorts.models import Enrolment

P, L, A, E = AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED

# (days from today, title, mode, start, end, speakers)
SESSIONS = [
    (
        -63,
        "Regroupement 1 — Accueil et histoire de la pair-aidance",
        SessionMode.IN_PERSON,
        (9, 30),
        (17, 0),
        "Claire Moreau\nJulien Bernard",
    ),
    (-42, "Regroupement 2 — Écoute active", SessionMode.IN_PERSON, (9, 30), (17, 0), "Julien Bernard"),
    (
        -21,
        "Regroupement 3 — Rétablissement et savoirs expérientiels",
        SessionMode.REMOTE,
        (14, 0),
        (17, 30),
        "Dr Hélène Vasseur",
    ),
    (-7, "Regroupement 4 — Gestion de crise", SessionMode.HYBRID, (9, 0), (16, 30), "Marc Olivier\nNadia Rousseau"),
    (
        12,
        "Regroupement 5 — Éthique et posture du pair-aidant",
        SessionMode.IN_PERSON,
        (9, 30),
        (17, 0),
        "Julien Bernard",
    ),
    (33, "Regroupement 6 — Préservation de soi et intervision", SessionMode.REMOTE, (14, 0), (17, 0), "Claire Moreau"),
    (61, "Regroupement 7 — Le système de santé mentale", SessionMode.IN_PERSON, (9, 30), (17, 0), "Dr Hélène Vasseur"),
]
PLACE = "Salle 2.14, Maison de la recherche, 5 avenue Pierre Mendès-France, Lyon"
VIDEO = "https://visio.demo.pair-aidance.test/du-pair-aidance"

# Invented learners: (key, first name, last name, statuses for the four past sessions)
EXTRA_LEARNERS = [
    ("apprenant-camille", "Camille", "Fabre", [P, P, L, P]),
    ("apprenant-yanis", "Yanis", "Morel", [P, A, P, L]),
    ("apprenant-ines", "Inès", "Garnier", [E, P, A, A]),
    ("apprenant-thomas", "Thomas", "Lefèvre", [P, P, P, E]),
    ("apprenant-maelle", "Maëlle", "Roussel", [A, L, A, P]),
]
LEA_STATUSES = [P, L, P, P]
EXCUSE = "Rendez-vous médical prévu de longue date"


def weekday_on_or_before(day: datetime.date) -> datetime.date:
    """Sessions of the demo fall on working days (a Saturday or Sunday moves back to the Friday)."""
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def seed_calendar(ctx) -> None:
    cohort = ctx.objects["cohort"]
    coordinator = ctx.users["coordinator"]
    today = timezone.localdate()
    sessions = []
    for offset, title, mode, start, end, speakers in SESSIONS:
        session, _created = CohortSession.objects.get_or_create(
            cohort=cohort,
            title=title,
            defaults={
                "date": weekday_on_or_before(today + datetime.timedelta(days=offset)),
                "starts_at": datetime.time(*start),
                "ends_at": datetime.time(*end),
                "mode": mode,
                "place": "" if mode == SessionMode.REMOTE else PLACE,
                "video_url": "" if mode == SessionMode.IN_PERSON else VIDEO,
                "speakers": speakers,
                "notes": "Pensez à apporter votre carnet de bord. Un déjeuner partagé est prévu sur place."
                if mode != SessionMode.REMOTE
                else "Connexion possible dix minutes avant le début. Caméra facultative.",
            },
        )
        sessions.append(session)

    learners = [(ctx.users["learner"], LEA_STATUSES)]
    for key, first_name, last_name, statuses in EXTRA_LEARNERS:
        person = get_or_create_demo_user(key, first_name, last_name)
        Enrolment.objects.get_or_create(cohort=cohort, learner=person)
        learners.append((person, statuses))

    past = [s for s in sessions if s.date < today]
    for person, statuses in learners:
        for session, status in zip(past, statuses, strict=False):
            Attendance.objects.get_or_create(
                session=session,
                learner=person,
                defaults={"status": status, "reason": EXCUSE if status == E else "", "recorded_by": coordinator},
            )
    ctx.objects["cohort_sessions"] = sessions
    ctx.log(f"  demo: calendar of {cohort}: {len(sessions)} sessions, attendance of {len(learners)} learners")
