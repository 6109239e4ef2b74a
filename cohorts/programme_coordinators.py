"""The coordinators of a programme's cohorts are the members of the programme's coordinators group.

cms gives each programme a coordinators group holding its rights in the Wagtail admin (its pages, documents and
review task) and cannot know who coordinates a cohort. cohorts keeps the group in step: whenever a cohort's
coordinators change, or a cohort is created, moved to another programme or deleted, the group of each
programme concerned is set to exactly the coordinators of its cohorts. Connected from CohortsConfig.ready().
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from cms.models import ProgrammePage
from cms.services import programme_coordinators_set
from cohorts.models import Cohort


def sync_programme_coordinators(programme_ids) -> None:

    for programme in ProgrammePage.objects.filter(pk__in=set(programme_ids)):
        users = get_user_model().objects.filter(coordinated_cohorts__programme_id=programme.pk).distinct()
        programme_coordinators_set(programme=programme, users=users)


def _coordinators_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse:  # user.coordinated_cohorts.add/remove/clear(...): `instance` is the user
        if action == "pre_clear":
            instance._cleared_coordination = set(instance.coordinated_cohorts.values_list("programme_id", flat=True))
        elif action == "post_clear":
            sync_programme_coordinators(getattr(instance, "_cleared_coordination", set()))
        elif action in ("post_add", "post_remove") and pk_set:
            sync_programme_coordinators(Cohort.objects.filter(pk__in=pk_set).values_list("programme_id", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        sync_programme_coordinators([instance.programme_id])


def _remember_stored_programme(sender, instance, raw=False, **kwargs):
    # Read when a cohort is saved (rare), not when one is loaded: nothing runs for the cohorts a page reads.
    instance._stored_programme_id = (
        None
        if raw or instance.pk is None
        else Cohort.objects.filter(pk=instance.pk).values_list("programme_id", flat=True).first()
    )


def _cohort_saved(sender, instance, created, raw=False, **kwargs):
    previous = getattr(instance, "_stored_programme_id", None)
    if raw or created or previous in (None, instance.programme_id):
        return  # a new cohort has no coordinators yet: they arrive through m2m_changed
    sync_programme_coordinators([previous, instance.programme_id])


def _cohort_deleted(sender, instance, **kwargs):
    sync_programme_coordinators([instance.programme_id])


def connect() -> None:
    m2m_changed.connect(
        _coordinators_changed, sender=Cohort.coordinators.through, dispatch_uid="cohorts_programme_coordinators"
    )
    pre_save.connect(_remember_stored_programme, sender=Cohort, dispatch_uid="cohorts_cohort_stored_programme")
    post_save.connect(_cohort_saved, sender=Cohort, dispatch_uid="cohorts_cohort_moved")
    post_delete.connect(_cohort_deleted, sender=Cohort, dispatch_uid="cohorts_cohort_deleted")
