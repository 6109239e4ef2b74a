"""Demo accounts, one per role. Every other app's `demo.seed` gives them their memberships.

All demo data is synthetic: invented names, example.org-style addresses.
"""

import time
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.security import is_privileged

DEMO_PASSWORD = "demo-pair-aidance"
DEMO_DOMAIN = "demo.pair-aidance.test"
# The demo staff's authenticator app, shared by every demo staff account so that a newcomer can log in as any
# of them: add this secret to an authenticator app, or print the current code with `manage.py demo_totp`.
# Public on purpose, and only ever given to the demo accounts (addresses @DEMO_DOMAIN) by the demo seed.
DEMO_TOTP_SECRET = "DEMOPAIRAIDANCEDEMOPAIRAIDANCE23"


@dataclass
class DemoAccount:
    role: str
    email: str
    description: str


@dataclass
class DemoContext:
    """Shared between the apps' seeders, in dependency order."""

    stdout: object
    users: dict[str, User] = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)
    objects: dict[str, object] = field(default_factory=dict)

    def log(self, message: str) -> None:
        self.stdout.write(message)


ROLES = [
    # key, first name, last name, role label, description, is_staff
    (
        "coordinator",
        "Claire",
        "Moreau",
        "Coordinatrice pédagogique",
        "Runs selection and the cohort; Wagtail admin.",
        True,
    ),
    ("author", "Julien", "Bernard", "Auteur / intervenant", "Writes and revises module content in the admin.", True),
    ("jury", "Sophie", "Lambert", "Membre du jury", "Reviews assigned dossiers.", False),
    ("candidate", "Karim", "Benali", "Candidat", "Has a dossier in the open selection round.", False),
    ("learner", "Léa", "Martin", "Apprenante", "Enrolled in the current cohort.", False),
    ("tutor", "Nadia", "Rousseau", "Tutrice de stage", "Tutors interns in a host organisation.", False),
]


# The accounts of the last seed run in this process (what `make run` prints after seeding).
LAST_SEEDED: list[DemoAccount] = []


def demo_email(key: str) -> str:
    return f"{key}@{DEMO_DOMAIN}"


def get_or_create_demo_user(key: str, first_name: str, last_name: str, *, is_staff: bool = False) -> User:
    """Idempotent: the user is created once; later runs leave it as it is."""
    user, created = User.objects.get_or_create(
        email=demo_email(key),
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": is_staff},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    # The demo addresses are verified, as if each person had followed the link of their signup e-mail.
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def enrol_demo_second_factor() -> list[User]:
    """Give every demo account that must use a second factor (accounts.security) the demo TOTP secret.

    Run once every app has seeded its memberships (a jury, a cohort's coordinators). Idempotent. Returns them.
    """

    enrolled = []
    for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").order_by("email"):
        if not is_privileged(user):
            continue
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
            RecoveryCodes.activate(user)
        enrolled.append(user)
    return enrolled


def demo_totp_code(at: float | None = None) -> str:
    """The code the demo staff's authenticator app shows now (or at the Unix time `at`)."""

    now = time.time() if at is None else at
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(now) // app_settings.TOTP_PERIOD))


SECOND_FACTOR_HELP = (
    "Staff demo accounts (coordinators, author, jury) also ask for a code from an authenticator app.\n"
    f"  Secret for the app: {DEMO_TOTP_SECRET}   or print the current code: python manage.py demo_totp"
)


def seed(ctx: DemoContext) -> None:
    coordinators = Group.objects.get(name="Coordinators")
    authors = Group.objects.get(name="Authors")
    for key, first_name, last_name, label, description, is_staff in ROLES:
        user = get_or_create_demo_user(key, first_name, last_name, is_staff=is_staff)
        if key == "coordinator":
            user.groups.add(coordinators)
        if key == "author":
            user.groups.add(authors)
        ctx.users[key] = user
        ctx.accounts.append(DemoAccount(role=label, email=user.email, description=description))
