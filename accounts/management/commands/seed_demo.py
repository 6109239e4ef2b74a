"""Seed the realistic demo. Idempotent: running it twice changes nothing. `--reset` starts from empty.

Each project app may have a `demo` module with `seed(ctx)`; they run in dependency order and share a
`DemoContext` (the demo users, the objects created so far).
"""

import importlib

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from accounts.demo import DEMO_PASSWORD, LAST_SEEDED, DemoContext

# lms comes after internships so that it can give every learner of the cohort a place in the story; the final
# validation (a dotted name: that module itself) comes after both, since eligibility reads what they record.
DEMO_APPS = ["accounts", "cms", "cohorts", "internships", "lms", "final_validation.demo", "tasks"]


def _seeders():
    for app in DEMO_APPS:
        name = app if "." in app else f"{app}.demo"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        yield app, module.seed


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
        for app, seed in _seeders():
            with transaction.atomic():
                seed(ctx)
            self.stdout.write(f"  demo: {app} ready")
        LAST_SEEDED[:] = ctx.accounts
        if not quiet_accounts:
            self.print_accounts(ctx)

    def print_accounts(self, ctx: DemoContext) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        width = max(len(a.role) for a in ctx.accounts) if ctx.accounts else 10
        for account in ctx.accounts:
            self.stdout.write(f"  {account.role.ljust(width)}  {account.email}")
