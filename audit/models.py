"""Who read what about whom: one log for every read of sensitive data (dossiers, their files, shared journal
entries, concerns, exports with sensitive columns).

The app sits just above ``accounts``: every app that shows sensitive data writes here, and no app below needs
it. What was read is a generic reference (content type and id) so that any model can be logged; the person the
data is about is a plain foreign key so that the log can be listed per person (for the coordinators of the
programme, and for the person themselves). ``cohort_id`` says which cohort the read belongs to; it is a plain
number, not a foreign key, because cohorts sit above this app.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.enums import AccessKind


class AccessRecord(models.Model):
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    # Kept when the reader's account goes: the person keeps knowing that their data was read.
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("read by"),
    )
    # Emptied when the data is anonymised (the dossier no longer leads back to anyone).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        related_name="access_records",
        verbose_name=_("person concerned"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=AccessKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True)
    target = GenericForeignKey("content_type", "object_id")
    cohort_id = models.PositiveBigIntegerField(_("cohort"), null=True, db_index=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-at"], name="access_person_recent"),
            models.Index(fields=["content_type", "object_id"], name="access_target"),
        ]

    def __str__(self) -> str:
        return f"{self.reader_id} read {self.kind} of {self.person_id} at {self.at}"
