from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from internships.errors import InternshipError
from internships.models import AgreementDocument


@receiver(pre_delete, sender=AgreementDocument)
def _signed_agreements_are_kept(sender, instance, **kwargs):
    """Queryset deletes bypass Model.delete(); this guard catches them too."""
    raise InternshipError(_("A signed agreement is never deleted."))
