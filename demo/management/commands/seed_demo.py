"""Seed the realistic demo. Idempotent: running it twice changes nothing. `--reset` starts from empty.

Each app that has demo data has a `demo` module with `seed(ctx)`; this command, above every app, runs them in
an order that follows what each one needs and they share a `DemoContext` (the demo users, the objects so far).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from accounts import demo as accounts_demo
from accounts.demo import DEMO_PASSWORD, LAST_SEEDED, SECOND_FACTOR_HELP, DemoContext, enrol_demo_second_factor
from alumni import demo as alumni_demo
from cms import demo as cms_demo
from cohort_sessions import demo as cohort_sessions_demo
from cohorts import demo as cohorts_demo
from competencies import demo as competencies_demo
from final_validation import demo as final_validation_demo
from internships import demo as internships_demo
from lms import demo as lms_demo
from selection import demo as selection_demo
from tasks import demo as tasks_demo

# The cohort first (and the new DU's first cohort, whose coordinator then copies two of the first DU's modules),
# then its next selection round and its calendar (sessions, more learners, attendance); lms after internships
# so that it can give every learner of the cohort a place in the story; the final validation after both, since
# eligibility reads what they record; the graduates' follow-up after the final validation (past cohorts and their
# graduates); the reminders last.
IN_PROCESS_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SEEDERS = [
    ("accounts", accounts_demo.seed),
    ("cms", cms_demo.seed),
    ("competencies", competencies_demo.seed),
    ("cohorts", cohorts_demo.seed),
    ("cms: shared modules", cms_demo.seed_shared_modules),
    ("selection", selection_demo.seed),
    ("cohort_sessions", cohort_sessions_demo.seed_calendar),
    ("internships", internships_demo.seed),
    ("lms", lms_demo.seed),
    ("final_validation", final_validation_demo.seed),
    ("alumni", alumni_demo.seed),
    ("tasks", tasks_demo.seed),
]


def wipe_database() -> None:
    """Drop every table, then migrate from scratch."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    else:
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")
    call_command("migrate", interactive=False, verbosity=0)


class Command(BaseCommand):
    help = "Create the demo data (idempotent). Use --reset to delete everything and start again."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete ALL data, migrate, then seed.")
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not print the demo accounts.")

    def handle(self, *args, reset=False, quiet_accounts=False, **options):
        if reset:
            if not settings.DEBUG and not options.get("force"):
                raise CommandError("--reset deletes every row; it only runs with DEBUG on (the demo settings).")
            self.stdout.write("Deleting all data and migrating again...")
            wipe_database()
        ctx = DemoContext(stdout=self.stdout)
        # Wagtail's bookkeeping of each page the seed makes (search and reference indexes, a few hundred jobs) runs
        # here, not in the worker: queued, it would keep what a visitor of the fresh demo asks for (a PDF being
        # prepared, an e-mail) waiting behind it for minutes.
        with override_settings(TASKS=IN_PROCESS_TASKS):
            for app, seed in SEEDERS:
                with transaction.atomic():
                    seed(ctx)
                self.stdout.write(f"  demo: {app} ready")
        with transaction.atomic():
            enrol_demo_second_factor()
        LAST_SEEDED[:] = ctx.accounts
        if not quiet_accounts:
            self.print_accounts(ctx)

    def print_accounts(self, ctx: DemoContext) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        width = max(len(a.role) for a in ctx.accounts) if ctx.accounts else 10
        for account in ctx.accounts:
            self.stdout.write(f"  {account.role.ljust(width)}  {account.email}")
        self.stdout.write(SECOND_FACTOR_HELP)
