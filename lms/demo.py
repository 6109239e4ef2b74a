"""Demo release calendar: the first modules are open, the last two open later in the year."""

import datetime

from django.utils import timezone

from cms.models import ModulePage
from lms.models import ModuleRelease

LATER_MODULES = 2  # the last modules open later, so that a learner sees "this module opens on ..."


def seed(ctx) -> None:
    cohort = ctx.objects.get("cohort")
    if cohort is None:
        return
    modules = sorted(ModulePage.objects.child_of(cohort.programme), key=lambda module: (module.order, module.path))
    today = timezone.localdate()
    for index, module in enumerate(modules[-LATER_MODULES:] if len(modules) > LATER_MODULES else []):
        ModuleRelease.objects.get_or_create(
            cohort=cohort,
            module=module,
            defaults={
                "opens_on": today + datetime.timedelta(weeks=3 * (index + 1)),
                "updated_by": ctx.users.get("coordinator"),
            },
        )
    ctx.objects["module_releases"] = list(ModuleRelease.objects.filter(cohort=cohort))
