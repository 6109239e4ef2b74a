"""Reads for sharing modules between programmes: where a person may add a module, what they may copy, what
was reused. Each runs a fixed number of queries whatever the number of programmes and modules."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.models import LessonPage, ModulePage, ProgrammePage
from cms.panels import with_programme_titles


def programmes_editable_by(*, user) -> list[ProgrammePage]:
    """The programmes this person may add modules to (coordinators and authors, through their groups)."""
    if not user.is_authenticated:
        return []
    pages = PagePermissionPolicy(ProgrammePage).instances_user_has_any_permission_for(user, ["add"])
    return list(pages.order_by("title"))


@dataclass
class SharedProgramme:
    programme: ProgrammePage
    modules: list[ModulePage] = field(default_factory=list)


def _under(pages, prefix: str = "path") -> Q:
    return reduce(or_, (Q(**{f"{prefix}__startswith": page.path}) for page in pages))


def shareable_modules(*, target: ProgrammePage) -> list[SharedProgramme]:
    """The modules that may be copied into `target`: the published modules of the other published programmes
    that share theirs, by programme; each module carries `lesson_count` and `copied_here` (the date it was
    last copied into `target`, if ever). Three queries."""
    programmes = list(ProgrammePage.objects.live().filter(share_modules=True).exclude(pk=target.pk).order_by("title"))
    if not programmes:
        return []
    by_path = {programme.path: SharedProgramme(programme) for programme in programmes}
    modules = ModulePage.objects.live().filter(_under(programmes), depth=programmes[0].depth + 1)
    modules = sorted(modules, key=lambda module: (module.order, module.path))
    lessons = LessonPage.objects.live().filter(_under(programmes)).values_list("path", flat=True)
    counts: dict[str, int] = {}
    for path in lessons:
        counts[path[: -Page.steplen]] = counts.get(path[: -Page.steplen], 0) + 1
    copied = dict(
        ModulePage.objects.child_of(target)
        .filter(source_module__in=[module.pk for module in modules])
        .order_by("copied_at")
        .values_list("source_module_id", "copied_at")
    )
    for module in modules:
        module.lesson_count = counts.get(module.path, 0)
        module.copied_here = copied.get(module.pk)
        by_path[module.path[: -Page.steplen]].modules.append(module)
    return [shared for shared in by_path.values() if shared.modules]


def copies_of_modules_in(*, programmes) -> list[dict]:
    """The modules that other programmes started from a module of these programmes, newest first (`module`,
    with its `source_module`), each with its own programme's title. Two queries."""
    if not programmes:
        return []
    copies = (
        ModulePage.objects.filter(_under(programmes, "source_module__path"))
        .exclude(_under(programmes))
        .select_related("source_module")
        .order_by("-copied_at", "-pk")
    )
    return with_programme_titles(list(copies))
