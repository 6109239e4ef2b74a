"""Writes of the référentiel: blocks and competencies of a programme, and which modules and lessons work on them.

Every service is atomic, checks that the person may edit the programme's référentiel, validates, and raises
`ReferentielError` with a message meant for the coordinator. A block or competency in use is not deleted.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from cms.models import LessonPage, ModulePage
from competencies.models import Block, Competency


class ReferentielError(Exception):
    """A change to the référentiel that cannot be made; the message is meant for the coordinator."""


def _check_editor(programme, by) -> None:
    if not by.has_perm("competencies.edit_referentiel", programme):
        raise ReferentielError(_("Only the coordinators of this programme can change its référentiel."))


def _clean_text(value: str | None) -> str:
    return (value or "").strip()


def _save(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ReferentielError(" ".join(error.messages)) from error
    obj.save()


def _check_block_fields(*, programme, code: str, title: str, exclude_pk=None) -> None:
    if not code or not title:
        raise ReferentielError(_("A block needs a code and a title."))
    if Block.objects.filter(programme=programme, code__iexact=code).exclude(pk=exclude_pk).exists():
        raise ReferentielError(_("This programme already has a block with the code %(code)s.") % {"code": code})


@transaction.atomic
def block_create(*, programme, code: str, title: str, by, description: str = "", order: int = 0) -> Block:
    _check_editor(programme, by)
    code, title = _clean_text(code), _clean_text(title)
    _check_block_fields(programme=programme, code=code, title=title)
    block = Block(programme=programme, code=code, title=title, description=_clean_text(description), order=order or 0)
    _save(block)
    return block


@transaction.atomic
def block_update(*, block: Block, code: str, title: str, by, description: str = "", order: int = 0) -> Block:
    block = Block.objects.select_for_update().select_related("programme").get(pk=block.pk)
    _check_editor(block.programme, by)
    code, title = _clean_text(code), _clean_text(title)
    _check_block_fields(programme=block.programme, code=code, title=title, exclude_pk=block.pk)
    block.code, block.title, block.description, block.order = code, title, _clean_text(description), order or 0
    _save(block)
    return block


@transaction.atomic
def block_delete(*, block: Block, by) -> None:
    """Delete an empty block that no jury decision refers to."""
    block = Block.objects.select_for_update().select_related("programme").get(pk=block.pk)
    _check_editor(block.programme, by)
    if block.competencies.exists():
        raise ReferentielError(_("This block still has competencies: delete or move them first."))
    try:
        with transaction.atomic():
            block.delete()
    except ProtectedError as error:
        raise ReferentielError(
            _("The jury has already decided about this block for some learners: it is kept in their record.")
        ) from error


def _programme_pages(programme, modules, lessons) -> tuple[list[ModulePage], list[LessonPage]]:
    module_ids = {getattr(m, "pk", m) for m in modules or []}
    lesson_ids = {getattr(lesson, "pk", lesson) for lesson in lessons or []}
    found_modules = list(ModulePage.objects.child_of(programme).filter(pk__in=module_ids))
    found_lessons = list(LessonPage.objects.descendant_of(programme).filter(pk__in=lesson_ids))
    if len(found_modules) != len(module_ids) or len(found_lessons) != len(lesson_ids):
        raise ReferentielError(_("Choose modules and lessons of this programme only."))
    return found_modules, found_lessons


def _check_competency_fields(*, block: Block, code: str, title: str, exclude_pk=None) -> None:
    if not code or not title:
        raise ReferentielError(_("A competency needs a code and a title."))
    same_code = Competency.objects.filter(block__programme_id=block.programme_id, code__iexact=code)
    if same_code.exclude(pk=exclude_pk).exists():
        raise ReferentielError(_("This programme already has a competency with the code %(code)s.") % {"code": code})


@transaction.atomic
def competency_create(
    *, block: Block, code: str, title: str, by, description: str = "", order: int = 0, modules=(), lessons=()
) -> Competency:
    block = Block.objects.select_related("programme").get(pk=block.pk)
    _check_editor(block.programme, by)
    code, title = _clean_text(code), _clean_text(title)
    _check_competency_fields(block=block, code=code, title=title)
    found_modules, found_lessons = _programme_pages(block.programme, modules, lessons)
    competency = Competency(block=block, code=code, title=title, description=_clean_text(description), order=order or 0)
    _save(competency)
    competency.modules.set(found_modules)
    competency.lessons.set(found_lessons)
    return competency


@transaction.atomic
def competency_update(
    *,
    competency: Competency,
    block: Block,
    code: str,
    title: str,
    by,
    description: str = "",
    order: int = 0,
    modules=(),
    lessons=(),
) -> Competency:
    """Change a competency, the block it belongs to (of the same programme) and what works on it."""
    competency = Competency.objects.select_for_update().select_related("block__programme").get(pk=competency.pk)
    programme = competency.block.programme
    _check_editor(programme, by)
    block = Block.objects.get(pk=block.pk)
    if block.programme_id != programme.pk:
        raise ReferentielError(_("Choose a block of this programme."))
    code, title = _clean_text(code), _clean_text(title)
    _check_competency_fields(block=block, code=code, title=title, exclude_pk=competency.pk)
    found_modules, found_lessons = _programme_pages(programme, modules, lessons)
    competency.block, competency.code, competency.title = block, code, title
    competency.description, competency.order = _clean_text(description), order or 0
    _save(competency)
    competency.modules.set(found_modules)
    competency.lessons.set(found_lessons)
    return competency


@transaction.atomic
def competency_delete(*, competency: Competency, by) -> None:
    """Delete a competency nothing works on any more (no module, lesson or evaluation criterion)."""
    competency = Competency.objects.select_for_update().select_related("block__programme").get(pk=competency.pk)
    _check_editor(competency.block.programme, by)
    if competency.modules.exists() or competency.lessons.exists():
        raise ReferentielError(_("Modules or lessons work on this competency: remove them from it before deleting it."))
    try:
        with transaction.atomic():
            competency.delete()
    except ProtectedError as error:
        raise ReferentielError(
            _("Criteria of the internship evaluation grid are linked to this competency: unlink them first.")
        ) from error
