from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import Language
from accounts.managers import UserManager

DEFAULT_TIME_ZONE = "Europe/Paris"


class User(AbstractUser):
    """A person using the platform. Logs in with an e-mail address.

    The name is kept as first and last name (Wagtail's admin relies on both); `full_name` joins them.
    Roles are not flags on the user: they come from memberships (a cohort's coordinators, a round's jury,
    an enrolment, a placement's tutor), so that each permission check asks "is this person X *of this*".
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.FRENCH
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_TIME_ZONE)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def full_name(self) -> str:
        return self.get_full_name()

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
