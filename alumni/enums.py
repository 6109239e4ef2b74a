from django.db import models
from django.utils.translation import gettext_lazy as _


class Wave(models.IntegerChoices):
    """When a graduate is asked: months after the award."""

    SIX = 6, _("6 months after the diploma")
    TWELVE = 12, _("12 months after the diploma")
    TWENTY_FOUR = 24, _("24 months after the diploma")


class StructureKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital")
    CLINIC = "clinic", _("Clinic")
    ASSOCIATION = "association", _("Association")
    MEDICO_SOCIAL = "medico_social", _("Medico-social service (SAMSAH, SAVS...)")
    GEM = "gem", _("Mutual aid group (GEM)")
    HOUSING = "housing", _("Housing (Un chez-soi d'abord, residence...)")
    INDEPENDENT = "independent", _("Independent")
    OTHER = "other", _("Other")


class Contract(models.TextChoices):
    CDI = "cdi", _("Permanent contract (CDI)")
    CDD = "cdd", _("Fixed-term contract (CDD)")
    OTHER = "other", _("Other (self-employed, service contract...)")


class Pay(models.TextChoices):
    PAID = "paid", _("Paid")
    VOLUNTEER = "volunteer", _("Volunteer")
