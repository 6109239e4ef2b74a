"""Demo cohorts: the current promotion of the DU, with the demo learner enrolled, and one of the second programme
with a coordinator of its own (who sees and edits that programme only)."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.demo import DemoAccount, get_or_create_demo_user
from cohorts.models import Cohort, Enrolment

SECOND_COORDINATOR = ("coordinator-court", "Hélène", "Texier", "Coordinatrice (formation courte)")


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
