"""Scale benchmark (issue #16): seed a national-size data set, serve it as in production, drive every page with wrk.

    python -m bench.scale [--learners 2000] [--applications 3000] [--duration 5] [--port 8301] [--no-write]

1. Recreates the PostgreSQL database named by --database-url (loopback only, and its name must contain "bench")
   and empties the Redis database of --redis-url (the cache), then migrates and seeds, with `bulk_create` in large
   batches and the Wagtail tree API for the few pages: one programme of 4 modules x 10 lessons with a cohort of
   2,000 learners and their completions and stored progress (bench.progress), that cohort's sessions with
   attendance and 2,000 placements with weeks of logged hours (bench.cohort), three more programmes with past and
   current cohorts, and one selection round of 3,000 applications with documents, history, jury assignments and
   scored reviews. Static files are collected meanwhile, in a second process.
2. Counts the SQL queries of one request to each page (Django's test client, after one warm-up request).
3. Serves the site with gunicorn (2 sync workers) under the production settings (bench.settings_scale: DEBUG off,
   a throwaway SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT off, Redis cache) on 127.0.0.1, and drives
   each page with wrk (`-t1 -c2`, --duration seconds, longer for slow pages up to --max-duration so that each
   gets a few requests), each page right after a run of the bare Django view and one of the anonymous Wagtail home
   page, so that its ratios compare figures taken a few seconds apart, the three in turn --rounds times (each figure
   the median of its rounds), each first loaded one second, not counted (warm in every server process). gunicorn is
   stopped at the end, even on error.
4. Then (not with --only) asks every export twice as the coordinator, each in a fresh process (bench.exports: the
   web request's time and added memory; --no-exports skips it), and sends --reminders reminders (10,000) through a
   real Celery worker on Redis in a database cloned from the migrated template, against a bare `send_mail` loop
   (bench.reminders; 0 skips it).
5. Prints the tables and issue #16's targets checked against them, and writes them, with the command, the date and
   the load average, to the section "Scale benchmark" of docs/benchmarks.md (unless --no-write).

While working on a page: `--reuse` keeps the database seeded by the previous run with the same arguments and
migrations (what the pages need is kept in bench/results/<database>.json), and `--only WORD` measures only the pages
whose label contains WORD (repeatable); either one implies --no-write, since the section must come from a whole run.

The pages and their URL names are listed once, in PAGES: when a view moves to another app, change its name there.
"""

import argparse
import datetime
import http.client
import json
import math
import os
import random
import secrets
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.cohort import seed_cohort_life
from bench.progress import seed, serve, session_for

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SETTINGS = "bench.settings_scale"


@dataclass(frozen=True, eq=False)
class Page:
    """A measured page: a URL name and its kwargs (each taken from the seed's data), or a seeded Wagtail page."""

    label: str
    url_name: str = ""
    kwargs: dict = field(default_factory=dict)  # URL kwarg -> key of the seed's data
    page: str = ""  # key of the seed's data holding a Wagtail page's URL, instead of a URL name
    who: str = "anonymous"  # anonymous, learner, coordinator, tutor, candidate or token (the API)


# Every page measured, in order. Labels are formatted with the seed's data.
BARE = Page("Bare Django view", url_name="bench-baseline")
HOME = Page("Wagtail home, anonymous", page="home_url")
PAGES = [
    Page("Lesson page, learner", page="lesson_url", who="learner"),
    Page("Learner dashboard", url_name="my_space:learning", who="learner"),
    Page(
        "Progress matrix, page of 50 ({learners:,} learners)",
        url_name="lms:progress_matrix",
        kwargs={"cohort_id": "cohort_id"},
        who="coordinator",
    ),
    Page(
        "Application list ({applications:,} in the round)",
        url_name="selection:manage_applications",
        kwargs={"round_id": "round_id"},
        who="coordinator",
    ),
    Page(
        "Cohort dashboard ({learners:,} learners)",
        url_name="cockpit:dashboard",
        kwargs={"cohort_id": "cohort_id"},
        who="coordinator",
    ),
    Page(
        "Internships overview ({placements:,} placements)",
        url_name="internships:overview",
        kwargs={"cohort_pk": "cohort_id"},
        who="coordinator",
    ),
    Page(
        "Final validation ({learners:,} learners)",
        url_name="final_validation:cohort",
        kwargs={"cohort_id": "cohort_id"},
        who="coordinator",
    ),
    Page("Tutor page ({tutor_placements} interns)", url_name="internships:tutor_home", who="tutor"),
    Page("API progress endpoint (token)", url_name="lms_api:progress", who="token"),
    Page("Mon espace, learner", url_name="my_space:home", who="learner"),
    Page("Mon espace, coordinator ({coordinator_cohorts} cohorts)", url_name="my_space:home", who="coordinator"),
    Page("Candidate's dossier", url_name="selection:dossier", kwargs={"pk": "application_id"}, who="candidate"),
]


def page_path(page: Page, data: dict) -> str:
    from django.urls import reverse

    if page.page:
        return data[page.page]
    return reverse(page.url_name, kwargs={arg: data[key] for arg, key in page.kwargs.items()})


def page_headers(page: Page, data: dict) -> dict:
    from django.conf import settings

    if page.who == "anonymous":
        return {}
    if page.who == "token":
        return {"Authorization": f"Token {data['token']}"}
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={data['sessions'][page.who]}"}


# --- Safety and environment -------------------------------------------------------------------------------------


def check_loopback(url: str, what: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"{what} must be on this machine (127.0.0.1), not {host!r}: the benchmark recreates it.")


def migrations_fingerprint() -> str:
    """What the migrated schema depends on: every migration on disk, by name and source."""
    import hashlib
    import inspect

    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    for key, migration in sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations.items()):
        digest.update(repr(key).encode())
        digest.update(inspect.getsource(sys.modules[migration.__module__]).encode())
    return digest.hexdigest()


def recreate_database(database_url: str, *, rebuild: bool = False) -> bool:
    """Drop and create the benchmark's own database (loopback, name containing "bench"), migrated.

    Migrating an empty database takes minutes on a busy machine, so a migrated copy is kept as the template
    `<name>_template`, labelled with the migrations' fingerprint, and cloned while they are unchanged. Returns True
    when the database was migrated here (the template then rebuilt), False when it was cloned.
    """
    import psycopg
    from django.core.management import call_command
    from django.db import connections
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not parts.scheme.startswith("postgres") or "bench" not in name:
        raise SystemExit(f"--database-url must name a PostgreSQL database whose name contains 'bench', not {name!r}.")
    template = f"{name}_template"
    fingerprint = migrations_fingerprint()
    admin_url = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin_url, autocommit=True) as admin:

        def run(statement: str, *names: str) -> None:
            admin.execute(sql.SQL(statement).format(*(sql.Identifier(n) for n in names)))

        label = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
        run("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
        if label and label[0] == fingerprint and not rebuild:
            run("CREATE DATABASE {} TEMPLATE {}", name, template)
            return False
        run("DROP DATABASE IF EXISTS {} WITH (FORCE)", template)
        run("CREATE DATABASE {}", name)
        call_command("migrate", verbosity=0)
        connections.close_all()  # a template must have no other connection
        run("CREATE DATABASE {} TEMPLATE {}", template, name)
        comment = sql.SQL("COMMENT ON DATABASE {} IS {}")
        admin.execute(comment.format(sql.Identifier(template), sql.Literal(fingerprint)))
        return True


def kept_seed_path(database_url: str) -> Path:
    return ROOT / "bench" / "results" / f"{urlsplit(database_url).path.lstrip('/')}.json"


def kept_seed(database_url: str, seed_args: dict) -> dict | None:
    """The previous run's seed, when its database still exists and was built by the same arguments and migrations."""
    import psycopg

    path = kept_seed_path(database_url)
    if not path.exists():
        return None
    kept = json.loads(path.read_text(encoding="utf-8"))
    if kept.get("args") != seed_args or kept.get("fingerprint") != migrations_fingerprint():
        return None
    parts = urlsplit(database_url)
    admin_url = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        name = parts.path.lstrip("/")
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return None
    return kept


def keep_seed(database_url: str, seed_args: dict, *, secret_key: str, data: dict, timings: dict) -> None:
    path = kept_seed_path(database_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = {
        "args": seed_args,
        "fingerprint": migrations_fingerprint(),
        "secret_key": secret_key,
        "data": data,
        "timings": timings,
    }
    path.write_text(json.dumps(kept, default=str), encoding="utf-8")


def server_environment(*, database_url: str, redis_url: str, workdir: str, secret_key: str) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secret_key,  # throwaway: sessions seeded now are signed with it
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": os.path.join(workdir, "static"),
        "MEDIA_ROOT": os.path.join(workdir, "media"),
        "LOG_LEVEL": "WARNING",
    }


def uptime() -> str:
    # In UTC: django.setup() sets TZ to TIME_ZONE for this process and its children.
    env = {**os.environ, "TZ": "UTC"}
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False, env=env).stdout.strip() + " (UTC)"


# --- Seed ---------------------------------------------------------------------------------------------------------


def lesson_body() -> list:
    from wagtail.rich_text import RichText

    paragraph = (
        "<p>La pair-aidance repose sur le savoir expérientiel : ce que l'on a appris en traversant soi-même "
        "la maladie, le rétablissement et les services. Cette leçon présente les repères du cadre d'intervention, "
        "la posture, et les limites de l'accompagnement entre pairs.</p>"
    )
    return [("text", RichText(f"<h2>Partie {n}</h2>{paragraph * 3}")) for n in range(1, 5)]


def seed_programmes(*, password: str, coordinator, other_coordinator) -> list:
    """Three more programmes of 2 modules x 3 lessons, each with a past and a current cohort of 25 learners."""
    from accounts.models import User
    from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage
    from cohorts.enums import EnrolmentStatus
    from cohorts.models import Cohort, Enrolment

    today = datetime.date.today()
    home = HomePage.objects.get(depth=2)
    titles = ["DU pair-aidance en santé mentale", "DU médiation en santé", "Certificat pair-aidance en addictologie"]
    cohorts = []
    for p, title in enumerate(titles):
        programme = home.add_child(instance=ProgrammePage(title=title, slug=f"programme-{p + 1}"))
        for m in range(2):
            module = programme.add_child(
                instance=ModulePage(title=f"Module {m + 1}", slug=f"module-{m + 1}", summary="Résumé.", order=m)
            )
            for n in range(3):
                module.add_child(instance=LessonPage(title=f"Leçon {m + 1}.{n + 1}", slug=f"lecon-{m + 1}-{n + 1}"))
        for label, start in (("2025-2026", today - datetime.timedelta(days=500)), ("2026-2027", today)):
            cohorts.append(
                Cohort.objects.create(
                    programme=programme,
                    label=label,
                    starts_on=start - datetime.timedelta(days=60),
                    ends_on=start + datetime.timedelta(days=300),
                )
            )
    users = User.objects.bulk_create(
        [
            User(
                email=f"apprenant{c}-{i}@programmes.bench.test",
                first_name="Prénom",
                last_name=f"Nom{c}{i:03d}",
                password=password,
            )
            for c in range(len(cohorts))
            for i in range(25)
        ],
        batch_size=1000,
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                cohort=cohorts[index // 25],
                learner=user,
                status=EnrolmentStatus.COMPLETED
                if cohorts[index // 25].label == "2025-2026"
                else EnrolmentStatus.ACTIVE,
            )
            for index, user in enumerate(users)
        ],
        batch_size=1000,
    )
    for index, cohort in enumerate(cohorts):
        cohort.coordinators.add(coordinator if index == 1 else other_coordinator)
    return cohorts


def seed_selection(*, cohort, coordinator, password: str, applications: int, rng: random.Random) -> dict:
    """One selection round with `applications` dossiers at every stage up to interviews, reviewed by a jury of 12."""
    from django.utils import timezone

    from accounts.models import User
    from selection.enums import ApplicationStatus as S
    from selection.enums import DocumentStatus
    from selection.models import (
        Application,
        ApplicationDocument,
        ApplicationTransition,
        JuryAssignment,
        RequiredDocument,
        Review,
        ReviewScore,
        RoundQuestion,
        ScoringCriterion,
        SelectionRound,
    )

    now = timezone.now()
    today = timezone.localdate()
    selection_round = SelectionRound.objects.create(
        cohort=cohort,
        title="Appel à candidatures 2027-2028",
        introduction="Candidatures ouvertes aux personnes concernées.",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=10),
        interviews_start_on=today + datetime.timedelta(days=5),
        interviews_end_on=today + datetime.timedelta(days=20),
        deliberation_on=today + datetime.timedelta(days=25),
        capacity=25,
        reviews_per_application=2,
        jury_president=coordinator,
    )
    jurors = User.objects.bulk_create(
        [
            User(email=f"jure{n}@jury.bench.test", first_name="Juré", last_name=f"Jury{n:02d}", password=password)
            for n in range(12)
        ]
    )
    selection_round.jury_members.add(*jurors)
    required = RequiredDocument.objects.bulk_create(
        [
            RequiredDocument(selection_round=selection_round, label=label, position=n)
            for n, label in enumerate(["Curriculum vitae", "Lettre de motivation", "Pièce d'identité"])
        ]
    )
    questions = RoundQuestion.objects.bulk_create(
        [
            RoundQuestion(selection_round=selection_round, label="Comment avez-vous connu le DU ?", position=0),
            RoundQuestion(selection_round=selection_round, label="Votre structure actuelle", identifying=True),
        ]
    )
    criteria = ScoringCriterion.objects.bulk_create(
        [
            ScoringCriterion(selection_round=selection_round, label=label, weight=weight, position=n)
            for n, (label, weight) in enumerate([("Savoir expérientiel", 2), ("Projet", 1), ("Disponibilité", 1)])
        ]
    )
    candidates = User.objects.bulk_create(
        [
            User(
                email=f"candidat{i}@candidats.bench.test",
                first_name="Candidat",
                last_name=f"Dossier{i:05d}",
                password=password,
            )
            for i in range(applications)
        ],
        batch_size=2000,
    )
    # Where each dossier stands, and the statuses it went through to get there.
    paths = {
        S.DRAFT: [],
        S.SUBMITTED: [S.SUBMITTED],
        S.INCOMPLETE: [S.SUBMITTED, S.INCOMPLETE],
        S.COMPLETE: [S.SUBMITTED, S.COMPLETE],
        S.UNDER_REVIEW: [S.SUBMITTED, S.COMPLETE, S.UNDER_REVIEW],
        S.INTERVIEW_INVITED: [S.SUBMITTED, S.COMPLETE, S.UNDER_REVIEW, S.INTERVIEW_INVITED],
        S.WITHDRAWN: [S.SUBMITTED, S.WITHDRAWN],
    }
    weights = {
        S.DRAFT: 4,
        S.SUBMITTED: 5,
        S.INCOMPLETE: 5,
        S.COMPLETE: 10,
        S.UNDER_REVIEW: 55,
        S.INTERVIEW_INVITED: 18,
        S.WITHDRAWN: 3,
    }
    statuses = rng.choices(list(weights), weights=list(weights.values()), k=applications)
    statuses[0] = S.UNDER_REVIEW  # the candidate whose dossier is measured
    rows = Application.objects.bulk_create(
        [
            Application(
                selection_round=selection_round,
                candidate=candidate,
                status=status,
                motivation="Je souhaite transmettre ce que mon parcours m'a appris. " * 6,
                lived_experience="Un parcours de rétablissement de plusieurs années. " * 4,
                professional_project="Travailler comme médiateur de santé pair en CMP.",
                availability="Deux jours par semaine.",
                departement=rng.choice(["69", "75", "13", "33", "59", "31", "44", "67", "2A", "971"]),
                answers={str(questions[0].pk): "Par une association d'usagers.", str(questions[1].pk): "GEM"},
                submitted_at=None if status == S.DRAFT else now - datetime.timedelta(days=rng.randint(11, 59)),
            )
            for candidate, status in zip(candidates, statuses, strict=True)
        ],
        batch_size=1000,
    )
    documents, transitions, assignments, reviews = [], [], [], []
    for application in rows:
        path = paths[application.status]
        previous = S.DRAFT
        for status in path:
            transitions.append(
                ApplicationTransition(
                    application=application,
                    by=coordinator if status not in (S.SUBMITTED, S.WITHDRAWN) else application.candidate,
                    from_status=previous,
                    to_status=status,
                )
            )
            previous = status
        if application.status == S.DRAFT:
            continue
        for n, requirement in enumerate(required):
            refused = application.status == S.INCOMPLETE and n == 2
            documents.append(
                ApplicationDocument(
                    application=application,
                    required_document=requirement,
                    file=f"selection/{selection_round.pk}/{uuid.UUID(int=rng.getrandbits(128)).hex}.pdf",
                    original_name=f"{requirement.label}.pdf",
                    size=rng.randint(80_000, 2_000_000),
                    status=DocumentStatus.REFUSED
                    if refused
                    else DocumentStatus.VALIDATED
                    if S.COMPLETE in path
                    else DocumentStatus.PENDING,
                    comment="Illisible, merci de la renvoyer." if refused else "",
                    checked_by=coordinator if S.COMPLETE in path or refused else None,
                    checked_at=now if S.COMPLETE in path or refused else None,
                )
            )
        if S.UNDER_REVIEW in path and application.status != S.WITHDRAWN:
            for n, juror in enumerate(rng.sample(jurors, 2)):
                assignments.append(JuryAssignment(application=application, reviewer=juror, assigned_by=coordinator))
                if application.status == S.INTERVIEW_INVITED or (n == 0 and rng.random() < 0.5):
                    reviews.append(
                        Review(application=application, reviewer=juror, comment="Dossier solide.", submitted_at=now)
                    )
    ApplicationTransition.objects.bulk_create(transitions, batch_size=2000)
    ApplicationDocument.objects.bulk_create(documents, batch_size=2000)
    JuryAssignment.objects.bulk_create(assignments, batch_size=2000)
    reviews = Review.objects.bulk_create(reviews, batch_size=2000)
    ReviewScore.objects.bulk_create(
        [
            ReviewScore(review=review, criterion=criterion, score=rng.randint(1, criterion.max_score))
            for review in reviews
            for criterion in criteria
        ],
        batch_size=2000,
    )
    candidate_application = rows[0]
    return {
        "round_id": selection_round.pk,
        "applications": len(rows),
        "documents": len(documents),
        "reviews": len(reviews),
        "application_id": candidate_application.pk,
        "candidate": candidate_application.candidate,
    }


def seed_scale(*, learners: int, applications: int, lessons: int, sessions: int) -> dict:
    """The whole data set; returns what the pages need (ids, URLs, sessions, token) and the row counts."""
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from cms.models import HomePage, LessonPage
    from cohorts.models import Cohort, Enrolment
    from internships.models import Tutor

    rng = random.Random(20261201)
    phases, clock = {}, time.perf_counter()

    def phase(name: str) -> None:
        nonlocal clock
        phases[name] = time.perf_counter() - clock
        clock = time.perf_counter()

    data = seed(
        learners=learners, lessons_per_module=max(1, lessons // 4), modules=4, migrate=False, lesson_body=lesson_body()
    )
    phase("programme pages, learners, completions (bench.progress)")
    with transaction.atomic():
        life = seed_cohort_life(cohort_id=data["cohort_id"], sessions=sessions)
        phase("sessions, attendance, placements, hours (bench.cohort)")
        data.update(life, sessions_count=life["sessions"])
        main = Cohort.objects.select_related("programme").get(pk=data["cohort_id"])
        coordinator = User.objects.get(email="coordination@bench.test")
        password = User.objects.filter(email__endswith="@bench.test").values_list("password", flat=True)[0]
        other_coordinator = User.objects.create(
            email="coordination2@bench.test", first_name="Karim", last_name="Bench", password=password
        )
        today = timezone.localdate()
        past = Cohort.objects.create(
            programme=main.programme,
            label="2025-2026",
            starts_on=today - datetime.timedelta(days=480),
            ends_on=today - datetime.timedelta(days=130),
        )
        upcoming = Cohort.objects.create(
            programme=main.programme,
            label="2027-2028",
            starts_on=today + datetime.timedelta(days=240),
            ends_on=today + datetime.timedelta(days=600),
        )
        past.coordinators.add(coordinator)
        upcoming.coordinators.add(coordinator)
        graduates = User.objects.bulk_create(
            [
                User(email=f"diplome{i}@promo.bench.test", first_name="Prénom", last_name=f"Ancien{i:03d}")
                for i in range(25)
            ]
        )
        Enrolment.objects.bulk_create([Enrolment(cohort=past, learner=user, status="completed") for user in graduates])
        others = seed_programmes(password=password, coordinator=coordinator, other_coordinator=other_coordinator)
        phase("other cohorts and programmes")
        data.update(
            seed_selection(
                cohort=upcoming, coordinator=coordinator, password=password, applications=applications, rng=rng
            )
        )
        phase("selection round")
        tutor = Tutor.objects.filter(placements__enrolment__cohort=main).order_by("pk").first()
        tutor.user = User.objects.create(email=tutor.email, first_name="Tutrice", last_name="Bench", password=password)
        tutor.save(update_fields=["user"])
    lesson = LessonPage.objects.live().descendant_of(main.programme).order_by("path")[lessons // 2]
    data["sessions"] = {
        "learner": data["learner_session"],
        "coordinator": data["coordinator_session"],
        "tutor": session_for(tutor.user),
        "candidate": session_for(data.pop("candidate")),
    }
    data.update(
        home_url=HomePage.objects.get(depth=2).get_url(),
        lesson_url=lesson.get_url(),
        tutor_placements=tutor.placements.count(),
        coordinator_cohorts=coordinator.coordinated_cohorts.count(),
        programmes=4,
        cohorts=Cohort.objects.count(),
        users=User.objects.count(),
        other_cohorts=len(others),
        seed_phases=phases,
    )
    return data


# --- Measure ------------------------------------------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "non_2xx": %d, "errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def count_queries(pages: list[Page], data: dict) -> dict:
    """SQL queries and response size of one request per page, after a first one (caches warm, as under load)."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # Collected by another process while this one seeded: read the manifest now that it is written.
    if hasattr(staticfiles_storage, "load_manifest"):
        staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = staticfiles_storage.load_manifest()
    counts = {}
    for page in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        headers = {}
        if page.who == "token":
            headers = {"Authorization": f"Token {data['token']}"}
        elif page.who != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = data["sessions"][page.who]
        path = page_path(page, data)
        client.get(path, headers=headers)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"{page.label}: {path} answered {response.status_code} to the test client")
        counts[page] = (len(queries), len(response.content))
    return counts


def probe(base: str, path: str, headers: dict) -> float:
    """GET the page twice without following redirects; it must answer 200. Returns the second time, in seconds."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    elapsed = 0.0
    for _ in range(2):
        connection = http.client.HTTPConnection(host, port, timeout=120)
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status} (expected 200) before the run")
    return elapsed


def run_wrk(url: str, headers: dict, *, duration: int, threads: int, connections: int, script: str) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "120s", "-s", script]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True, timeout=duration + 150).stdout
    result = json.loads(next(line for line in reversed(output.splitlines()) if line.startswith("{")))
    seconds = result["duration_us"] / 1e6
    return {
        "rps": result["requests"] / seconds if seconds else 0.0,
        "median": result["p50_us"] / 1000,
        "p99": result["p99_us"] / 1000,
        "requests": result["requests"],
        "seconds": seconds,
        "failed": result["non_2xx"] + result["errors"],
        "load": os.getloadavg()[0],
    }


def warm_up(url: str, headers: dict, *, threads: int, connections: int, script: str) -> None:
    """One second of load, not counted: each server process has loaded the page's templates, filled its own caches
    and compiled its queries before the measure. Without it, a page was measured cold in the process that had not
    served it yet, against a home page already warm from the pages before."""
    run_wrk(url, headers, duration=1, threads=threads, connections=connections, script=script)


def measure_all(base: str, data: dict, args, script: str, pages: list) -> list[dict]:
    """For each page: the bare view, the Wagtail home page, then the page; returns one row per run, in order."""
    from statistics import median

    runs = []
    bare_path, bare_headers = page_path(BARE, data), page_headers(BARE, data)
    home_path, home_headers = page_path(HOME, data), page_headers(HOME, data)
    probe(base, bare_path, bare_headers)
    probe(base, home_path, home_headers)
    options = {"threads": args.threads, "connections": args.connections, "script": script}
    warm_up(base + bare_path, bare_headers, **options)
    warm_up(base + home_path, home_headers, **options)
    for page in pages:
        path, headers = page_path(page, data), page_headers(page, data)
        seconds = probe(base, path, headers)
        warm_up(base + path, headers, **options)
        # Long enough for about --min-requests requests, within the bounds.
        wanted = math.ceil(args.min_requests * seconds / args.connections * 1.5)
        duration = max(args.duration, min(args.max_duration, wanted))
        # The three in turn, --rounds times: each figure is the median of its rounds, so that a moment of load on
        # the shared machine weighs on one round of one of them, not on the ratio.
        rounds = {"bare": [], "home": [], "row": []}
        for _round in range(args.rounds):
            rounds["bare"].append(run_wrk(base + bare_path, bare_headers, duration=args.duration, **options))
            rounds["home"].append(run_wrk(base + home_path, home_headers, duration=args.duration, **options))
            rounds["row"].append(run_wrk(base + path, headers, duration=duration, **options))
        bare, home, row = (_median_row(rounds[key]) for key in ("bare", "home", "row"))
        runs.append({"page": page, "row": row, "bare": bare, "home": home})
        print(
            f"{page.label.format(**data)}: {row['rps']:.2f} req/s, median {row['median']:.0f} ms "
            f"(bare {bare['rps']:.0f} req/s, home {home['rps']:.1f} req/s, load {row['load']:.2f})",
            flush=True,
        )
    runs.insert(0, {"page": BARE, "row": _median_row([r["bare"] for r in runs]), "reference": True})
    runs.insert(1, {"page": HOME, "row": _median_row([r["home"] for r in runs[1:]]), "reference": True})
    # Ratios of the references: medians over all their pairs.
    pairs = [(r["bare"], r["home"]) for r in runs[2:]]
    runs[0]["ratios"] = (
        1.0,
        median(b["rps"] / h["rps"] for b, h in pairs),
        median(b["median"] / h["median"] for b, h in pairs),
    )
    runs[1]["ratios"] = (median(h["rps"] / b["rps"] for b, h in pairs), 1.0, 1.0)
    for run in runs[2:]:
        row, bare, home = run["row"], run["bare"], run["home"]
        run["ratios"] = (row["rps"] / bare["rps"], row["rps"] / home["rps"], row["median"] / home["median"])
    return runs


def _median_row(rows: list[dict]) -> dict:
    return {key: statistics.median(row[key] for row in rows) for key in ("rps", "median", "p99", "load")} | {
        "requests": sum(row["requests"] for row in rows),
        "seconds": sum(row["seconds"] for row in rows),
        "failed": sum(row["failed"] for row in rows),
    }


# --- Reminders and exports ----------------------------------------------------------------------------------------


def measure_reminders(database_url: str, redis_url: str, count: int) -> dict:
    """`bench.reminders` (a real Celery worker through Redis, against a bare `send_mail` loop) in a database cloned
    from the migrated template, dropped afterwards; returns its JSON result."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    clone = f"{name}_reminders"
    admin_url = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))

    def run(statement: str, *names: str) -> None:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL(statement).format(*(sql.Identifier(n) for n in names)))

    run("DROP DATABASE IF EXISTS {} WITH (FORCE)", clone)
    run("CREATE DATABASE {} TEMPLATE {}", clone, f"{name}_template")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "STATIC_ROOT", "MEDIA_ROOT", "SECURE_SSL_REDIRECT"}
    }
    env.update(DATABASE_URL=urlunsplit(parts._replace(path=f"/{clone}", query="")), REDIS_URL=redis_url)
    try:
        output = subprocess.run(
            [sys.executable, "-m", "bench.reminders", "--count", str(count), "--concurrency", "2"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        run("DROP DATABASE IF EXISTS {} WITH (FORCE)", clone)
    if output.returncode != 0:
        raise RuntimeError(output.stderr[-3000:])
    return json.loads(output.stdout.strip().splitlines()[-1])


def reminders_table(result: dict) -> str:
    dispatch, baseline = result["dispatch"], result["baseline"]
    return "\n".join(
        [
            "| reminders | mails/s | vs bare `send_mail` loop | received / duplicates / losses | claim and queue |",
            "|---|---:|---:|---|---:|",
            f"| {result['count']:,} through the outbox, {result['workers']} Celery worker x {result['concurrency']}, "
            f"Redis | {dispatch['per_second']:.0f} | {dispatch['per_second'] / baseline['per_second']:.2f} "
            f"| {dispatch['received']:,} / {dispatch['duplicates']} / {dispatch['losses']} "
            f"| {dispatch['claim_seconds']:.1f} s |",
            f"| bare `send_mail` loop, same SMTP sink | {baseline['per_second']:.0f} | 1 "
            f"| {baseline['received']:,} / {baseline['duplicates']} / {baseline['losses']} | — |",
        ]
    )


def exports_table(results: list[dict]) -> str:
    from bench.exports import answer

    lines = [
        "| export (coordinator) | web request answers | size | 1st request | memory added | 2nd request "
        "| memory added |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        first, second = result["runs"]
        lines.append(
            f"| {result['label']} | {answer(result)} | {size(result['bytes'])} | {first['seconds'] * 1000:,.0f} ms "
            f"| {first['added_mib']:.1f} MiB | {second['seconds'] * 1000:,.0f} ms | {second['added_mib']:.1f} MiB |"
        )
    return "\n".join(lines)


LEARNER_PAGES = ("Lesson page, learner", "Learner dashboard")


def targets(runs: list[dict], data: dict, timings: dict, reminders: dict | None, exports: list | None) -> str:
    """Issue #16's targets, each checked against this run's figures."""

    def verdict(held: bool) -> str:
        return "**holds**" if held else "**missed**"

    lines = []
    measured = runs[2:]
    learner = [run for run in measured if run["page"].label in LEARNER_PAGES]
    if learner:
        worst = min(run["ratios"][1] for run in learner)
        lines.append(
            f"- Lesson page and learner dashboard at least the Wagtail home page's req/s: {verdict(worst >= 1)} "
            f"(the lower of the two: {ratio(worst)})."
        )
    others = [run for run in measured if run["page"].label not in LEARNER_PAGES]
    if others:
        worst = max(others, key=lambda run: run["ratios"][2])
        lines.append(
            f"- Every other page's median within 2 x the Wagtail home page's: {verdict(worst['ratios'][2] <= 2)} "
            f"(the highest: {worst['ratios'][2]:.1f} x, {worst['page'].label.format(**data)})."
        )
    if reminders:
        dispatch = reminders["dispatch"]
        rate = dispatch["per_second"] / reminders["baseline"]["per_second"]
        held = rate >= 0.5 and dispatch["duplicates"] == 0 and dispatch["losses"] == 0 and reminders["count"] >= 10_000
        lines.append(
            f"- Reminders at least half the bare loop's rate, 0 duplicates and 0 losses over 10,000: {verdict(held)} "
            f"({rate:.2f}; {dispatch['duplicates']} duplicates, {dispatch['losses']} losses over "
            f"{reminders['count']:,})."
        )
    if exports:
        seconds = max(run["seconds"] for result in exports for run in result["runs"])
        mib = max(run["added_mib"] for result in exports for run in result["runs"])
        lines.append(
            f"- No export or PDF holds a web worker more than 2 s nor adds more than 50 MiB to it: "
            f"{verdict(seconds <= 2 and mib <= 50)} (the longest request {seconds * 1000:,.0f} ms, the most memory "
            f"added {mib:.1f} MiB)."
        )
    seed = timings["seed"]
    lines.append(f"- The scale seed builds in under 5 minutes: {verdict(seed < 300)} ({seed:.0f} s).")
    return "\n".join(lines)


# --- Report -------------------------------------------------------------------------------------------------------


def ratio(value: float) -> str:
    """A req/s ratio as the issue writes it: "1/68" below one, "19 x" above."""
    if value >= 1:
        return "1" if round(value, 1) == 1 else f"{value:.1f} x" if value < 10 else f"{value:.0f} x"
    inverse = 1 / value
    return f"1/{inverse:.1f}" if inverse < 10 else f"1/{inverse:,.0f}"


def size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def milliseconds(value: float) -> str:
    return f"{value:.1f} ms" if value < 10 else f"{value:,.0f} ms"


def table(runs: list[dict], counts: dict, data: dict) -> str:
    lines = [
        "| page | req/s | median | p99 | vs bare Django (req/s) | vs Wagtail home (req/s) | median vs Wagtail home "
        "| queries | size | requests | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        row, page = run["row"], run["page"]
        queries, body = counts[page]
        by_bare, by_home, median_by_home = run["ratios"]
        failed = f", **{row['failed']} failed**" if row["failed"] else ""
        lines.append(
            f"| {page.label.format(**data)} | {row['rps']:,.2f} | {milliseconds(row['median'])} "
            f"| {milliseconds(row['p99'])} | {ratio(by_bare)} | {ratio(by_home)} | {median_by_home:,.1f} x "
            f"| {queries} | {size(body)} | {row['requests']:,} in {row['seconds']:.0f} s{failed} | {row['load']:.2f} |"
        )
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replace the "Scale benchmark" section of the file (up to the next "## " heading), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    heading = "## Scale benchmark"
    start = text.find(f"\n{heading}")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[: start + 1] + section + (text[end:] if end != -1 else "")
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def render_section(
    *,
    command: str,
    data: dict,
    timings: dict,
    loads: tuple,
    runs: list,
    counts: dict,
    args,
    reminders: dict | None = None,
    exports: list | None = None,
) -> str:
    how = "created and migrated" if timings["migrated_here"] else "cloned from its migrated template"
    phases = "\n".join(f"  - {name}: {seconds:.0f} s" for name, seconds in data["seed_phases"].items())
    return f"""## Scale benchmark (issue #16, `bench/scale.py`)

Produced by `{command}` on {datetime.datetime.now(datetime.UTC):%d %B %Y} (the section is rewritten by each run).

- Data: {data["programmes"]} programmes, {data["cohorts"]} cohorts, {data["users"]:,} accounts. The measured cohort
  has **{data["learners"]:,} learners x {data["lessons"]} lessons** ({data["completions"]:,} completions with
  their stored progress), {data["sessions_count"]} sessions with attendance, **{data["placements"]:,} placements**
  with {data["time_entries"]:,} days of logged hours; one selection round holds **{data["applications"]:,}
  applications** ({data["documents"]:,} documents, {data["reviews"]:,} submitted reviews with scores).
- Build, on PostgreSQL: database {how} in {timings["migrate"]:.0f} s, **seed {timings["seed"]:.0f} s**
  ({timings["seed_cpu"]:.0f} s of CPU in the seeding process; the rest is waiting for the database and for the
  shared cores), static files collected meanwhile by a second process; {timings["total"]:.0f} s from the start to
  the first request, {timings["run"]:.0f} s for the whole run. Seed by part:
{phases}
- Server: gunicorn, {args.workers} sync workers, production settings (`bench.settings_scale`: DEBUG off, a
  throwaway SECRET_KEY, `ALLOWED_HOSTS=127.0.0.1`, `SECURE_SSL_REDIRECT` off, Redis cache), on 127.0.0.1;
  logged in with sessions created in the database, the API with a token.
- Load: `wrk -t{args.threads} -c{args.connections} -d{args.duration}s` per page (slow pages longer, up to
  {args.max_duration} s, for about {args.min_requests} requests). Each page runs right after the bare Django
  view and the anonymous Wagtail home page, the three in turn {args.rounds} times; each figure is the median of its
  rounds, and the page's ratios use its two neighbours' figures; each of the three is first loaded for one second,
  not counted, so that every server process serves it warm. The two reference rows give the medians of all
  their runs. The seeded database is vacuumed, analysed and checkpointed before the first request. Ratios "vs" are
  on req/s (1/68: 68 times fewer requests per second); "median vs Wagtail home" divides the medians. Queries: one
  request through Django's test client after a warm-up request. With few requests, p99 is close to the slowest one.
- Machine: 2 CPU cores shared with other engineers' work. `uptime` before: `{loads[0]}`; after: `{loads[1]}`.
  The last column is the 1-minute load average at the end of each page's run.

{table(runs, counts, data)}
{extras(reminders, exports)}
### Targets of issue #16 in this run

{targets(runs, data, timings, reminders, exports)}
"""


def extras(reminders: dict | None, exports: list | None) -> str:
    """The reminders' and the exports' figures of the run, when measured (not with --only)."""
    parts = []
    if reminders:
        planning = reminders["planning"]
        parts.append(
            "\n### Reminders (`bench/reminders.py`, run by this command)\n\n"
            f"{reminders['count']:,} learners inactive for 20 days, in a database cloned from the migrated template: "
            f"the real planner made {planning['planned']:,} reminders in {planning['seconds']:.1f} s "
            f"({planning['peak_mib']:.1f} MiB of peak Python memory), then one dispatcher tick claimed and queued "
            "them, and a real Celery worker (2 processes) on Redis sent them in batches to a local SMTP sink, which "
            "counts duplicates and losses by Message-ID. The bare loop sends the same number of plain messages "
            "with `send_mail` to the same kind of sink, in one process, right after.\n\n" + reminders_table(reminders)
        )
    if exports:
        parts.append(
            "\n### Exports (`bench/exports.py`, run by this command)\n\n"
            "Each export asked by the coordinator twice in a fresh process (Django's test client, production "
            "settings, after a warm-up page): the whole request with its body read, and the growth of the process's "
            "peak resident memory. A file built in the background answers with a redirect to the page where it is "
            "prepared (its build, in the worker, is measured by `python -m bench.exports --build`). Before them, 1,000 "
            "decisions of the round are published (for the letters' bundle).\n\n" + exports_table(exports)
        )
    return "\n".join(parts) + ("\n" if parts else "")


# --- Main ---------------------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_scale"),
        help="PostgreSQL database to recreate (loopback, name containing 'bench')",
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"))
    parser.add_argument("--port", type=int, default=8301)
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--lessons", type=int, default=40, help="lessons in all (4 modules)")
    parser.add_argument("--applications", type=int, default=3000)
    parser.add_argument("--sessions", type=int, default=12, help="past sessions of the cohort, with attendance")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections")
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per page and round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of bare view, home page and page, per page")
    parser.add_argument("--max-duration", type=int, default=40, help="seconds of wrk at most for a slow page")
    parser.add_argument("--min-requests", type=int, default=8, help="requests wanted from a slow page")
    parser.add_argument(
        "--reminders", type=int, default=10_000, help="reminders sent through a real worker after the pages (0: none)"
    )
    parser.add_argument("--no-exports", action="store_true", help="skip the exports' requests after the pages")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--rebuild-template", action="store_true", help="migrate again, even if unchanged")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--reuse", action="store_true", help="keep the previous run's seeded database (no write)")
    parser.add_argument(
        "--only", action="append", default=[], metavar="WORD", help="measure only pages whose label has WORD (no write)"
    )
    args = parser.parse_args(argv)

    check_loopback(args.database_url, "--database-url")
    check_loopback(args.redis_url, "--redis-url")
    if args.reuse or args.only:
        args.no_write = True
    pages = [page for page in PAGES if not args.only or any(word in page.label for word in args.only)]
    if not pages:
        raise SystemExit(f"No page's label contains any of {args.only}.")
    seed_args = {key: getattr(args, key) for key in ("learners", "applications", "lessons", "sessions")}
    loads = [uptime()]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as workdir:
        path = kept_seed_path(args.database_url)
        previous = json.loads(path.read_text(encoding="utf-8")) if args.reuse and path.exists() else {}
        secret_key = previous.get("secret_key") or secrets.token_urlsafe(64)
        env = server_environment(
            database_url=args.database_url, redis_url=args.redis_url, workdir=workdir, secret_key=secret_key
        )
        os.environ.update(env)
        # Seeding only: commits need not wait for the disk (the database is thrown away with the next run).
        os.environ["DATABASE_URL"] = args.database_url + "?options=-c%20synchronous_commit%3Doff"
        import django

        django.setup()
        from django.conf import settings

        kept = kept_seed(args.database_url, seed_args) if args.reuse else None
        if previous and not kept:  # the kept seed no longer fits: a new throwaway key for the new seed
            secret_key = env["SECRET_KEY"] = os.environ["SECRET_KEY"] = settings.SECRET_KEY = secrets.token_urlsafe(64)
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env={**os.environ, **env},
        )
        try:
            from django.core.cache import cache
            from django.db import connection

            cache.clear()
            if kept:
                print("Reusing the database seeded by the previous run (--reuse).", flush=True)
                data, timings = kept["data"], kept["timings"]
            else:
                migrated_here = recreate_database(args.database_url, rebuild=args.rebuild_template)
                migrated, cpu = time.perf_counter(), time.process_time()
                data = seed_scale(
                    learners=args.learners, applications=args.applications, lessons=args.lessons, sessions=args.sessions
                )
                with connection.cursor() as cursor:
                    # Planner statistics and visibility maps, as a production database has them: no autovacuum of
                    # the freshly seeded tables during the first pages' measures.
                    cursor.execute("VACUUM (ANALYZE)")
                    # The seed's pages written out now, not by the checkpointer during the first pages' measures.
                    cursor.execute("CHECKPOINT")
                seeded, seed_cpu = time.perf_counter(), time.process_time() - cpu
                phases = data["seed_phases"].items()
                print(", ".join(f"{name}: {seconds:.0f} s" for name, seconds in phases), flush=True)
                how = "migrated" if migrated_here else "cloned from the migrated template"
                print(f"Database {how} in {migrated - started:.0f} s, seeded in {seeded - migrated:.0f} s.", flush=True)
            if collect.wait(timeout=600) != 0:
                raise RuntimeError("collectstatic failed")
            collected = time.perf_counter()
            if not kept:
                timings = {
                    "migrate": migrated - started,
                    "migrated_here": migrated_here,
                    "seed": seeded - migrated,
                    "seed_cpu": seed_cpu,
                    "total": collected - started,
                }
                keep_seed(args.database_url, seed_args, secret_key=secret_key, data=data, timings=timings)
            counts = count_queries([BARE, HOME, *pages], data)  # pages need the static files' manifest
            connection.close()
        finally:
            if collect.poll() is None:
                collect.kill()
                collect.wait()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=workdir, delete=False) as script:
            script.write(WRK_SCRIPT)
        with serve(port=args.port, env=env, workers=args.workers) as base:
            runs = measure_all(base, data, args, script.name, pages)
        exports = reminders = None
        if not args.only and not args.no_exports:
            from bench.exports import measure_exports

            print("Exports: each asked twice by the coordinator, in a fresh process...", flush=True)
            exports = measure_exports(args.database_url, log=lambda line: print(line, flush=True))
        if not args.only and args.reminders:
            print(f"Reminders: {args.reminders:,} through a Celery worker, then the bare loop...", flush=True)
            reminders = measure_reminders(args.database_url, args.redis_url, args.reminders)
    loads.append(uptime())
    timings["run"] = time.perf_counter() - started
    given = shlex.join(sys.argv[1:] if argv is None else argv)
    if os.environ.get("MAKELEVEL"):
        command = "make bench" + (f" BENCH_ARGS={shlex.quote(given)}" if given else "")
    else:
        command = "python -m bench.scale" + (f" {given}" if given else "")
    section = render_section(
        command=command,
        data=data,
        timings=timings,
        loads=tuple(loads),
        runs=runs,
        counts=counts,
        args=args,
        reminders=reminders,
        exports=exports,
    )
    print("\n" + table(runs, counts, data))
    for extra in (reminders and reminders_table(reminders), exports and exports_table(exports)):
        if extra:
            print("\n" + extra)
    print("\n" + targets(runs, data, timings, reminders, exports))
    if not args.no_write:
        write_section(Path(args.output), section)
        print(f"\nWritten to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
