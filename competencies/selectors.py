"""Reads of the référentiel: a programme's blocks with their competencies and what works on each."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from cms.models import LessonPage, ModulePage, ProgrammePage, outline_for
from competencies.models import Block, Competency
from core import fragments, versioned_cache


def programmes_for_editor(*, user) -> QuerySet[ProgrammePage]:
    """The programmes whose référentiel the person may edit (superusers: every programme)."""
    if user.is_superuser:
        return ProgrammePage.objects.order_by("path")
    return programmes_edited_by(user_id=user.pk)


def programmes_edited_by(*, user_id: int) -> QuerySet[ProgrammePage]:
    """The programmes whose coordinators' group the person belongs to."""
    return ProgrammePage.objects.filter(coordinators_group__user=user_id).order_by("path")


def referentiel(*, programme: ProgrammePage) -> list[Block]:
    """The programme's blocks in order, each with `competencies` in order, each with `modules` and `lessons`
    (titles only). Four queries whatever the size."""
    pages = ("id", "title", "path", "depth")
    competencies = Competency.objects.order_by("order", "code", "pk").prefetch_related(
        Prefetch("modules", queryset=ModulePage.objects.only(*pages).order_by("path")),
        Prefetch("lessons", queryset=LessonPage.objects.only(*pages).order_by("path")),
    )
    return list(
        Block.objects.filter(programme=programme).prefetch_related(Prefetch("competencies", queryset=competencies))
    )


def blocks_of(*, programme_id: int) -> QuerySet[Block]:
    return Block.objects.filter(programme_id=programme_id)


def competencies_of(*, programme_id: int) -> QuerySet[Competency]:
    return Competency.objects.filter(block__programme_id=programme_id).select_related("block")


REFERENTIEL_VERSION_KEY = "competencies:referentiel-version"


def referentiel_changed(**kwargs) -> None:
    """Forget every cached `lesson_competencies`: a block, a competency or a mapping changed (connected in
    competencies.apps). At once, and again once the change is committed (a request that read the rows before the
    commit cannot keep them under the new version)."""
    fragments.bump_now_and_on_commit(REFERENTIEL_VERSION_KEY)


# Every lesson page reads it: it comes with the first version a request reads (core.fragments).
fragments.read_together(REFERENTIEL_VERSION_KEY)


def lesson_competencies(*, lesson: LessonPage, module: ModulePage | None) -> list[Competency]:
    """The competencies a lesson works on: mapped to the lesson itself or to its module. One query, none while the
    référentiel has not changed since it was last read (kept in the shared cache: it is the same for everyone)."""
    version = fragments.versions([REFERENTIEL_VERSION_KEY])[0]
    key = f"competencies:lesson:{lesson.pk}:{module.pk if module is not None else 0}:{version}"

    def build() -> list[Competency]:
        lesson_mapped = Competency.objects.filter(lessons=lesson).values("pk")
        wanted = Competency.objects.filter(pk__in=lesson_mapped)
        if module is not None:
            wanted = wanted | Competency.objects.filter(pk__in=Competency.objects.filter(modules=module).values("pk"))
        return list(wanted.select_related("block").order_by("block__order", "block__code", "order", "code", "pk"))

    return versioned_cache.get_or_build(
        key, build, timeout=getattr(settings, "CMS_LESSON_BODY_CACHE_SECONDS", 60 * 60 * 24)
    )


def mapping_choices(*, programme: ProgrammePage) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The programme's published modules and lessons, as choices ("Module — lesson" for a lesson). Two queries."""
    modules = outline_for(programme)
    module_choices = [(module.pk, module.title) for module in modules]
    lesson_choices = [
        (lesson.pk, f"{module.title} — {lesson.title}") for module in modules for lesson in module.outline_lessons
    ]
    return module_choices, lesson_choices


def mapped_lesson_ids_by_block(*, programme: ProgrammePage, outline: list[ModulePage]) -> dict[int, set[int]]:
    """block id -> the ids of the published lessons that work on one of its competencies (a module mapped means
    every lesson of it). `outline` is `cms.models.outline_for(programme)`. Two queries."""
    lessons_of_module = {module.pk: {lesson.pk for lesson in module.outline_lessons} for module in outline}
    live_lessons = set().union(*lessons_of_module.values()) if lessons_of_module else set()
    by_block: dict[int, set[int]] = {}
    module_rows = Competency.modules.through.objects.filter(competency__block__programme=programme).values_list(
        "competency__block_id", "modulepage_id"
    )
    for block_id, module_id in module_rows:
        by_block.setdefault(block_id, set()).update(lessons_of_module.get(module_id, set()))
    lesson_rows = Competency.lessons.through.objects.filter(competency__block__programme=programme).values_list(
        "competency__block_id", "lessonpage_id"
    )
    for block_id, lesson_id in lesson_rows:
        if lesson_id in live_lessons:
            by_block.setdefault(block_id, set()).add(lesson_id)
    return by_block
