"""Demo accounts, one per role. Every other app's `demo.seed` gives them their memberships.

All demo data is synthetic: invented names, example.org-style addresses.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group

from accounts.models import User

DEMO_PASSWORD = "demo-pair-aidance"
DEMO_DOMAIN = "demo.pair-aidance.test"


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
    return user


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
