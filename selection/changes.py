"""A version per selection round of what the coordinators' list of its applications shows, for the list kept in the
shared cache (`cached_list`).

The list shows each application's status, département, submission date and decision, its candidate's name, and how
many jury members were assigned and how many reviews were submitted. Every save or deletion of an application, a
jury assignment, a review or a decision, and a change of a candidate's name, gives the round a new version once
committed (the receivers below, whoever writes: the services, the admin, the demo); the next list is built again.
What a write made without Django's signals (a bulk `update()`) changes shows after at most `LIST_CACHE_SECONDS`:
the services only update that way what the list does not show (notes and reasons, when a dossier is anonymised).
"""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import SafeString, mark_safe

from core import fragments
from selection.models import Application, Decision, JuryAssignment, Review

LIST_CACHE_SECONDS = 300
_KEY = "selection:round-version:{pk}"
_NAME_FIELDS = {"first_name", "last_name"}


def round_changed(*, round_ids: Iterable[int] = (), application_ids: Iterable[int] = (), candidate_ids=()) -> None:
    """Give a new version, once the current transaction commits, to the rounds `round_ids` and to those of the
    applications `application_ids` and of the candidates `candidate_ids`."""
    round_ids = {pk for pk in round_ids if pk}
    application_ids = {pk for pk in application_ids if pk}
    candidate_ids = {pk for pk in candidate_ids if pk}

    def keys():
        ids = set(round_ids)
        if application_ids or candidate_ids:
            ids |= set(Application.objects.filter(pk__in=application_ids).values_list("selection_round_id", flat=True))
            ids |= set(
                Application.objects.filter(candidate_id__in=candidate_ids).values_list("selection_round_id", flat=True)
            )
        return [_KEY.format(pk=pk) for pk in ids]

    if round_ids or application_ids or candidate_ids:
        fragments.bump_on_commit(keys)


def round_version(round_id: int) -> str:
    return fragments.versions([_KEY.format(pk=round_id)])[0]


def cached_list(*, round_id: int, request, build: Callable[[], SafeString]) -> SafeString:
    """The round's list of applications for the page, filters and search of the request's query string, from the
    shared cache under the round's version, else `build()` (a template rendered, every value escaped). Only for what
    every coordinator of the round sees alike: the view checks who may read it first."""
    name = f"selection:applications:{round_id}:{fragments.query_key(request)}"
    html = fragments.cached(
        name, versions=[round_version(round_id)], build=lambda: str(build()), timeout=LIST_CACHE_SECONDS
    )
    return mark_safe(html)  # built from an autoescaped template


def _application_saved(sender, instance, **kwargs):
    round_changed(round_ids=[instance.selection_round_id])


def _part_saved(sender, instance, **kwargs):
    round_changed(application_ids=[instance.application_id])


def _person_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and not _NAME_FIELDS & set(update_fields)):
        return
    round_changed(candidate_ids=[instance.pk])


def connect() -> None:
    for event, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(_application_saved, sender=Application, dispatch_uid=f"selection_application_{event}")
        for model in (JuryAssignment, Review, Decision):
            signal.connect(_part_saved, sender=model, dispatch_uid=f"selection_{model.__name__}_{event}")
    post_save.connect(_person_saved, sender=get_user_model(), dispatch_uid="selection_candidate_name_changed")
