"""The one place that decides who reads course content (cms reaches it through CMS_CONTENT_ACCESS_POLICY).

Who reads a programme's lessons:
- superusers;
- the programme's coordinators (coordinators of any of its cohorts);
- its authors (members of the programme's authors group, `ProgrammePage.authors_group`);
- learners with a current active enrolment in one of its cohorts, for the modules open for them.

When a module opens for a learner (`module_is_open_for`): on the learner's own date when the coordinator set
one (an extension or an earlier opening), else on the cohort's date for the module, else on the cohort's start
date. A module where the learner already did something stays open whatever the dates say: the learning
records say which modules hold such work (`lms.activity.modules_with_recorded_work`), so that an opening
date moved later never re-locks work already done.

Documents and uploaded media follow the pages that use them (`ContentAccessPolicy.can_read_document`): a learner
gets a file only when they may open at least one live lesson that uses it, as Wagtail's reference index records
it; the staff of a programme get the files of its collection and those its pages use.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from cms import access as cms_access
from cms.models import LessonPage, ModulePage, ProgrammePage
from cohorts.models import Enrolment
from cohorts.selectors import CURRENT_ENROLMENT_STATUSES, cohorts_coordinated_by, enrolments_current_for
from core.prepared import PreparedQuery
from lms.activity import modules_with_recorded_work
from lms.models import LessonCompletion, ModuleRelease, ModuleReleaseOverride


def opening_dates_for(enrolment, module_ids: Iterable[int]) -> dict[int, date]:
    """Each module's opening date for this learner (two queries)."""
    module_ids = list(module_ids)
    releases = dict(
        ModuleRelease.objects.filter(cohort_id=enrolment.cohort_id, module_id__in=module_ids).values_list(
            "module_id", "opens_on"
        )
    )
    overrides = dict(
        ModuleReleaseOverride.objects.filter(enrolment=enrolment, module_id__in=module_ids).values_list(
            "module_id", "opens_on"
        )
    )
    return {
        module_id: overrides.get(module_id, releases.get(module_id, enrolment.cohort.starts_on))
        for module_id in module_ids
    }


def modules_open_for(
    enrolment, module_ids: Iterable[int], *, today: date | None = None, dates: dict[int, date] | None = None
) -> set[int]:
    """The modules open for this learner: open by date, or holding some of the learner's recorded work. `dates`:
    the modules' opening dates when already read (`opening_dates_for`)."""
    today = today or timezone.localdate()
    if dates is None:
        dates = opening_dates_for(enrolment, module_ids)
    open_ids = {module_id for module_id, opens_on in dates.items() if opens_on <= today}
    still_closed = [module_id for module_id in dates if module_id not in open_ids]
    if still_closed:
        open_ids |= set(modules_with_recorded_work(enrolment=enrolment, module_ids=still_closed))
    return open_ids


def module_is_open_for(enrolment, module, *, today: date | None = None) -> bool:
    return module.pk in modules_open_for(enrolment, [module.pk], today=today)


def is_programme_staff(user, programme) -> bool:
    """Superuser, coordinator of one of the programme's cohorts, or one of its authors."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if cohorts_coordinated_by(user=user).filter(programme_id=programme.pk).exists():
        return True
    return bool(programme.authors_group_id) and user.groups.filter(pk=programme.authors_group_id).exists()


def staff_of_any(user, programmes) -> bool:
    """Is the person staff of one of these programmes (two queries at most, whatever their number)?"""
    if not user.is_authenticated or not programmes:
        return False
    if user.is_superuser:
        return True
    if cohorts_coordinated_by(user=user).filter(programme_id__in=[p.pk for p in programmes]).exists():
        return True
    author_groups = [p.authors_group_id for p in programmes if p.authors_group_id]
    return bool(author_groups) and user.groups.filter(pk__in=author_groups).exists()


def pages_using_document(document) -> list[Page]:
    """The pages whose saved content uses the document (a chooser block or a rich-text link), from the index.

    Wagtail's reference index reads the page row, which holds the published content of a live page: a draft
    that adds or drops a document changes nothing here until it is published.
    """
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type).values_list("object_id")
    return list(
        Page.objects.filter(pk__in=[int(object_id) for (object_id,) in ids]).only(
            "id", "path", "depth", "live", "content_type_id"
        )
    )


def current_enrolments(user, programme) -> list:
    return list(enrolments_current_for(user=user).filter(cohort__programme_id=programme.pk))


# The lesson page's question, asked on every view (core.prepared): the learner's enrolments in the programme that may
# be current, each with the module's opening date for them (as `opening_dates_for` gives it), the learner's
# completion of the lesson, and the stored progress. The date is compared in Python.
_LESSON_ENROLMENTS = PreparedQuery(
    lambda learner, programme, module, lesson: (
        Enrolment.objects.filter(
            learner_id=learner, status__in=CURRENT_ENROLMENT_STATUSES, cohort__programme_id=programme
        )
        .annotate(
            module_opens_on=Coalesce(
                Subquery(
                    ModuleReleaseOverride.objects.filter(enrolment=OuterRef("pk"), module_id=module).values("opens_on")[
                        :1
                    ]
                ),
                Subquery(
                    ModuleRelease.objects.filter(cohort=OuterRef("cohort_id"), module_id=module).values("opens_on")[:1]
                ),
                F("cohort__starts_on"),
            ),
            lesson_completed_at=Subquery(
                LessonCompletion.objects.filter(learner=OuterRef("learner_id"), lesson_id=lesson).values(
                    "completed_at"
                )[:1]
            ),
            cohort_ends_on=F("cohort__ends_on"),
        )
        .select_related("progress")
        .order_by()
    ),
    "learner",
    "programme",
    "module",
    "lesson",
)


def enrolments_for_lesson(user, programme, module, lesson) -> list:
    """The learner's current enrolments in the programme, in one query, each with `module_opens_on` (the module's
    opening date for them, as `opening_dates_for` gives it), its stored `progress` (or none), and
    `lesson_completed_at` (when the learner completed the lesson, or None): what the lesson page needs to decide
    and to show the panel."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    enrolments = _LESSON_ENROLMENTS(learner=user.pk, programme=programme.pk, module=module.pk, lesson=lesson.pk)
    return [enrolment for enrolment in enrolments if enrolment.cohort_ends_on >= today]


class ContentAccessPolicy:
    """The policy cms asks (see cms.access). Every method runs a fixed number of queries."""

    def lesson_decision(self, user, lesson, programme, module=None) -> cms_access.AccessDecision:
        # A learner's own enrolments are asked first (one query, with the module's opening date for each), the
        # staff checks (two) only when they do not open the lesson: the staff may read every lesson, so the
        # decision is the same in either order. An allowed learner's enrolments go with the decision
        # (`records`), for the lesson panel.
        if not user.is_authenticated:
            return cms_access.AccessDecision(False, cms_access.ANONYMOUS)
        if module is None:
            module = lesson.get_parent()
        enrolments = enrolments_for_lesson(user, programme, module, lesson)
        # A module (or programme) taken offline or expired withdraws its lessons from learners whatever the
        # dates, even those still published below it; the staff keep reaching them to prepare them.
        online = bool(enrolments) and module.live and programme.live
        opens_on = None
        today = timezone.localdate()
        for enrolment in enrolments if online else []:
            if enrolment.module_opens_on <= today or module.pk in modules_with_recorded_work(
                enrolment=enrolment, module_ids=[module.pk]
            ):
                return cms_access.AccessDecision(True, cms_access.ALLOWED, records=enrolments)
            opens_on = min(opens_on, enrolment.module_opens_on) if opens_on else enrolment.module_opens_on
        if is_programme_staff(user, programme):
            return cms_access.AccessDecision(True, cms_access.ALLOWED)
        if not enrolments:
            return cms_access.AccessDecision(False, cms_access.NOT_ENROLLED)
        if not online:
            return cms_access.AccessDecision(False, cms_access.NOT_OPEN)
        return cms_access.AccessDecision(False, cms_access.NOT_OPEN, opens_on=opens_on)

    def can_read_programme(self, user, programme) -> bool:
        if not user.is_authenticated:
            return False
        return is_programme_staff(user, programme) or bool(current_enrolments(user, programme))

    def readable_module_ids(self, user, programme) -> set[int] | None:
        if is_programme_staff(user, programme):
            return None
        return self._modules_open_for_learner(user, programme)

    def _modules_open_for_learner(self, user, programme) -> set[int]:
        module_ids = list(ModulePage.objects.child_of(programme).values_list("pk", flat=True))
        readable: set[int] = set()
        for enrolment in current_enrolments(user, programme) if user.is_authenticated else []:
            readable |= modules_open_for(enrolment, module_ids)
        return readable

    def module_opening(self, user, programme, module) -> date | None:
        if is_programme_staff(user, programme):
            return None
        dates = []
        for enrolment in current_enrolments(user, programme):
            if module_is_open_for(enrolment, module):
                return None
            dates.append(opening_dates_for(enrolment, [module.pk])[module.pk])
        return min(dates) if dates else None

    def can_read_document(self, user, document) -> bool:
        """Served to whoever may open at least one live lesson that uses it, and to its programmes' staff.

        - staff (coordinators, authors) of the programme whose collection holds the file, or of a programme
          one of whose pages uses it;
        - a learner, for a live lesson using it in a module open for them (before the opening date the file
          stays closed even with a direct link, like the lesson);
        - a file no programme holds or uses: only the editors with rights on its collection.
        A fixed number of queries per programme concerned (in practice one).
        """
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        pages = pages_using_document(document)
        ancestor_paths = {page.path[: Page.steplen * depth] for page in pages for depth in range(1, page.depth + 1)}
        programmes = list(
            ProgrammePage.objects.filter(Q(collection_id=document.collection_id) | Q(path__in=ancestor_paths))
        )
        if staff_of_any(user, programmes):
            return True
        lesson_type = ContentType.objects.get_for_model(LessonPage)
        module_paths = {
            page.path[: -Page.steplen] for page in pages if page.live and page.content_type_id == lesson_type.pk
        }
        if module_paths and programmes:
            modules = list(ModulePage.objects.live().filter(path__in=module_paths).only("id", "path"))
            for programme in (programme for programme in programmes if programme.live):
                module_ids = {module.pk for module in modules if module.path.startswith(programme.path)}
                if module_ids and module_ids & self._modules_open_for_learner(user, programme):
                    return True
        if programmes:
            return False
        policy = policy_registry.get_by_type(type(document))
        return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)
