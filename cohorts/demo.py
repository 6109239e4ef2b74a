"""Demo cohorts: the current promotion of the DU, with the demo learner enrolled; the first promotion of the DU
being created in Corsica, with its own coordinator."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.demo import DemoAccount, get_or_create_demo_user
from cohorts.models import Cohort, Enrolment

NEW_COORDINATOR = ("coordination-corse", "Marie-Ange", "Santoni")


def current_academic_label(today: datetime.date) -> tuple[str, datetime.date, datetime.date]:
    start_year = today.year if today.month >= 9 else today.year - 1
    return f"{start_year}-{start_year + 1}", datetime.date(start_year, 9, 15), datetime.date(start_year + 1, 6, 30)


def seed(ctx) -> None:
    programme = ctx.objects["programme"]
    label, starts_on, ends_on = current_academic_label(timezone.localdate())
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme, label=label, defaults={"starts_on": starts_on, "ends_on": ends_on, "capacity": 24}
    )
    cohort.coordinators.add(ctx.users["coordinator"])
    Enrolment.objects.get_or_create(cohort=cohort, learner=ctx.users["learner"])
    ctx.objects["cohort"] = cohort
    _seed_new_programme(ctx)


def _seed_new_programme(ctx) -> None:
    """The new DU's first promotion, next academic year, and its coordinator (a member of its coordinators
    group through the cohort, as every programme's coordinators are)."""
    programme = ctx.objects.get("new_programme")
    if programme is None:
        return
    label, starts_on, ends_on = current_academic_label(timezone.localdate() + datetime.timedelta(days=366))
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme, label=label, defaults={"starts_on": starts_on, "ends_on": ends_on, "capacity": 12}
    )
    key, first_name, last_name = NEW_COORDINATOR
    coordinator = get_or_create_demo_user(key, first_name, last_name, is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort.coordinators.add(coordinator)
    ctx.users["new_coordinator"] = coordinator
    if not any(account.email == coordinator.email for account in ctx.accounts):
        ctx.accounts.append(
            DemoAccount(
                role="Coordinatrice du DU en création (Corse)",
                email=coordinator.email,
                description="Starts modules of the new DU from the first DU's (Wagtail admin: Shared modules).",
            )
        )
    ctx.objects["new_cohort"] = cohort
