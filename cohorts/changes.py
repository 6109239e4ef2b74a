"""A version per cohort of "what its learners did", for what is computed over a whole cohort and cached: the cohort
dashboard's counts and its "what needs action today", and the coordinators' tables of the cohort (`cached_table`).

Every service that writes a source of those figures (enrolments, sessions and attendance, placements, hours,
evaluations and concerns, completions and a learner's return after two weeks without news, the cohort's
attendance threshold) calls `cohort_changed()`: once its transaction commits, the cohorts concerned get a new
version, so the next read computes the figures again and a coordinator never sees a figure older than the last
change. A reader puts `cohort_version()` in its cache key.

Writes that no service makes are caught by receivers: a learner's name or e-mail, a cohort's settings or label (an
internship carried over names its cohort in the later cohort's tables), the programme's référentiel (its blocks of
competencies, their competencies and the modules and lessons working on them, whoever edits them: services, the
admin, the demo) (below, `connect`), a host's or a tutor's name (internships.signals); a page of the programme
changes the version of every outline (cms). What only the clock changes, or a write made outside the services (an
administrator's edit of an enrolment), shows after at most `TABLE_CACHE_SECONDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString, mark_safe

from cms.models import ProgrammePage, outline_version
from cohorts.models import Cohort, Enrolment
from competencies.models import Block, Competency
from core import fragments

# A coordinator's table (or a learner's section) is kept this long at most: every write of its sources gives the
# cohort a new version at once; this bounds what only the clock changes (who is without news for two weeks) and
# writes made outside the services.
TABLE_CACHE_SECONDS = 300

_KEY = "cohorts:version:{pk}"


def cohort_changed(
    *,
    cohort_ids: Iterable[int] = (),
    learner_ids: Iterable[int] = (),
    enrolment_ids: Iterable[int] = (),
    programme_ids: Iterable[int] = (),
) -> None:
    """Give the cohorts a new version once the current transaction commits (at once outside a transaction):
    `cohort_ids`, every cohort where a learner of `learner_ids`, or the learner of an enrolment of
    `enrolment_ids`, is enrolled (a learner deferred to a later cohort carries their internship there), and every
    cohort of the programmes of `programme_ids`."""
    cohort_ids = {pk for pk in cohort_ids if pk}
    learner_ids = {pk for pk in learner_ids if pk}
    enrolment_ids = {pk for pk in enrolment_ids if pk}
    programme_ids = {pk for pk in programme_ids if pk}

    def keys():
        ids = set(cohort_ids)
        if programme_ids:
            ids |= set(Cohort.objects.filter(programme_id__in=programme_ids).values_list("pk", flat=True))
        if learner_ids or enrolment_ids:
            learners = Enrolment.objects.filter(
                models.Q(learner_id__in=learner_ids) | models.Q(pk__in=enrolment_ids)
            ).values("learner_id")
            ids |= set(Enrolment.objects.filter(learner_id__in=learners).values_list("cohort_id", flat=True))
        return [_KEY.format(pk=pk) for pk in ids]

    if cohort_ids or learner_ids or enrolment_ids or programme_ids:
        fragments.bump_on_commit(keys)


def cohort_version(cohort_id: int) -> str:
    """The cohort's current version (a new one when none is known, e.g. after the cache was emptied)."""
    return cohort_versions([cohort_id])[0]


def version_keys(cohort_ids: Iterable[int]) -> list[str]:
    """The keys of the cohorts' versions (for a page that reads all its versions at once, core.fragments)."""
    return [_KEY.format(pk=pk) for pk in cohort_ids]


def cohort_versions(cohort_ids: Iterable[int]) -> list[str]:
    """The current versions of the cohorts, in the order given, in one cache read."""
    return fragments.versions(version_keys(cohort_ids))


def cached_fragment(name: str, *, cohort_ids: Iterable[int], build: Callable[[], SafeString]) -> SafeString:
    """HTML computed from what the cohorts' people did, from the shared cache, else `build()` (a template rendered,
    every value escaped) and kept for `TABLE_CACHE_SECONDS` at most. `name` says what it is and for whom. The key
    holds the versions of the cohorts and of the outline (modules and lessons), both read before `build` reads the
    rows, the day, the language and the time zone, so a change of any source gives a new key."""
    return mark_safe(_cached(name, cohort_ids, lambda: str(build()), None))  # `build` escaped every value


def cached_fragments(
    name: str, *, cohort_ids: Iterable[int], build: Callable[[], dict[str, SafeString]], outline: str | None = None
) -> dict[str, SafeString]:
    """Several fragments of one page kept together, as `cached_fragment` keeps one (one cache read for all);
    `outline`: the outline's version, when the request already read it."""
    kept = _cached(name, cohort_ids, lambda: {key: str(html) for key, html in build().items()}, outline)
    return {key: mark_safe(html) for key, html in kept.items()}  # each built from an autoescaped template


def _cached(name: str, cohort_ids: Iterable[int], build: Callable, outline: str | None):
    versions = [*cohort_versions(sorted(set(cohort_ids))), outline or outline_version()]
    return fragments.cached(f"cohorts:{name}", versions=versions, build=build, timeout=TABLE_CACHE_SECONDS)


def cached_table(kind: str, *, cohort_id: int, request, build: Callable[[], SafeString]) -> SafeString:
    """One of the cohort's tables for coordinators (`kind`: the page), as `cached_fragment` keeps it, for the
    page's query string (page, filters, search). Only for pages whose rows are the same for every reader allowed
    to see them: the view checks who may read the page before asking."""
    name = f"table:{kind}:{cohort_id}:{fragments.query_key(request)}"
    return cached_fragment(name, cohort_ids=[cohort_id], build=build)


_NAME_FIELDS = {"first_name", "last_name", "email"}


def _learner_saved(sender, instance, created, update_fields=None, **kwargs):
    """A person's name or e-mail shows in the tables of every cohort they are enrolled in (a login only touches
    `last_login`: nothing to do)."""
    if created or (update_fields is not None and not _NAME_FIELDS & set(update_fields)):
        return
    cohort_changed(learner_ids=[instance.pk])


def _cohort_saved(sender, instance, created, update_fields=None, **kwargs):
    """A cohort's settings (its attendance threshold) show in its own tables, its label in those of the cohorts of
    the programme its learners were deferred to (an internship carried over names the cohort it was done in)."""
    if created:
        return
    if update_fields is not None and not {"label", "programme"} & set(update_fields):
        cohort_changed(cohort_ids=[instance.pk])
    else:
        cohort_changed(cohort_ids=[instance.pk], programme_ids=[instance.programme_id])


def _referentiel_saved(sender, instance, **kwargs):
    """The final validation's table shows a column per block of the programme's référentiel, with the lessons and
    the internship criteria linked to its competencies: a block, a competency or what works on it saved or deleted
    gives every cohort of the programme a new version. `instance` is a block, a competency, or the module or lesson
    page whose competencies changed (`m2m_changed` from the page's side)."""
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return
    if isinstance(instance, Block):
        programme_ids = [instance.programme_id]
    elif isinstance(instance, Competency):
        programme_ids = Block.objects.filter(pk=instance.block_id).values_list("programme_id", flat=True)
    else:
        programme_ids = ProgrammePage.objects.ancestor_of(instance).values_list("pk", flat=True)
    cohort_changed(programme_ids=programme_ids)


def connect() -> None:
    post_save.connect(_learner_saved, sender=get_user_model(), dispatch_uid="cohorts_learner_name_changed")
    post_save.connect(_cohort_saved, sender=Cohort, dispatch_uid="cohorts_cohort_changed")
    for model in (Block, Competency):
        for signal in (post_save, post_delete):
            signal.connect(_referentiel_saved, sender=model, dispatch_uid=f"cohorts_referentiel_{model.__name__}")
    for through in (Competency.modules.through, Competency.lessons.through):
        m2m_changed.connect(_referentiel_saved, sender=through, dispatch_uid=f"cohorts_referentiel_{through.__name__}")
