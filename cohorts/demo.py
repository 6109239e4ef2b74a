"""Demo cohorts: the current promotion of the DU, with the demo learner enrolled; one of the second programme with a
coordinator of its own (who sees and edits that programme only); the first promotion of the DU being created in
Corsica, with its own coordinator."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.demo import DemoAccount, get_or_create_demo_user
from cohorts.models import Cohort, Enrolment

SECOND_COORDINATOR = ("coordinator-court", "Hélène", "Texier", "Coordinatrice (formation courte)")
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
    _second_programme(ctx, label, starts_on, ends_on)
    _seed_new_programme(ctx)


def _second_programme(ctx, label, starts_on, ends_on) -> None:
    """The other programme's cohort and its own coordinator, so that the separation between programmes can be
    walked: each coordinator sees only their own cohorts, dossiers and pages."""

    others = [p for p in ctx.objects.get("programmes", []) if p.pk != ctx.objects["programme"].pk]
    if not others:
        return
    key, first_name, last_name, role = SECOND_COORDINATOR
    user = get_or_create_demo_user(key, first_name, last_name, is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    cohort, _ = Cohort.objects.get_or_create(
        programme=others[0], label=label, defaults={"starts_on": starts_on, "ends_on": ends_on, "capacity": 16}
    )
    cohort.coordinators.add(user)
    ctx.users[key] = user
    if not any(account.email == user.email for account in ctx.accounts):
        ctx.accounts.append(
            DemoAccount(role=role, email=user.email, description="Coordinates the second programme only.")
        )


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
