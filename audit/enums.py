from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    DOSSIER = "dossier", _("Application dossier")
    DOSSIER_PDF = "dossier_pdf", _("Application dossier (PDF)")
    DOSSIER_FILE = "dossier_file", _("Document of an application dossier")
    JOURNAL = "journal", _("Shared journal entries")
    CONCERN = "concern", _("Concern")
    EXPORT = "export", _("Export with sensitive columns")
