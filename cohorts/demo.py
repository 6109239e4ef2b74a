"""Demo cohort: the current promotion of the DU, with the demo learner enrolled."""

import datetime

from django.utils import timezone

from cohorts.models import Cohort, Enrolment


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
