from django.db import models
from django.utils.translation import gettext_lazy as _


class AttestationKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Attestation de suivi")
    SUCCESS = "success", _("Attestation de réussite")
    INTERNSHIP = "internship", _("Placement attestation")
