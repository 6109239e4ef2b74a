from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from cohorts.changes import cohort_changed
from internships.errors import InternshipError
from internships.models import AgreementDocument, HostOrganisation, HostSite, Placement, Tutor


@receiver(pre_delete, sender=AgreementDocument)
def _signed_agreements_are_kept(sender, instance, **kwargs):
    """Queryset deletes bypass Model.delete(); this guard catches them too."""
    raise InternshipError(_("A signed agreement is never deleted."))


def _host_or_tutor_saved(sender, instance, created, **kwargs):
    """A host's, a site's or a tutor's name shows in the coordinators' tables of every cohort with a placement there
    (cohorts.changes): those cohorts get a new version once the change is committed."""
    if created:
        return
    field = {HostOrganisation: "host", HostSite: "site", Tutor: "tutor"}[sender]
    enrolment_ids = Placement.objects.filter(**{field: instance}).values_list("enrolment_id", flat=True)
    cohort_changed(enrolment_ids=list(enrolment_ids))


for _model in (HostOrganisation, HostSite, Tutor):
    post_save.connect(_host_or_tutor_saved, sender=_model, dispatch_uid=f"internships_{_model.__name__}_renamed")
