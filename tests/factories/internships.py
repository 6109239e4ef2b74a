import datetime

import factory

from internships.enums import HostKind, PlacementStatus
from internships.models import HostOrganisation, HostSite, HostTeamPeer, Placement, Tutor
from tests.factories.cohorts import EnrolmentFactory


def luhn_siret(n: int) -> str:
    """A valid synthetic SIRET: 13 digits from n, then the Luhn check digit."""
    body = f"{n:013d}"
    for check in range(10):
        candidate = body + str(check)
        total = 0
        for index, char in enumerate(reversed(candidate)):
            digit = int(char)
            if index % 2 == 1:
                digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
            total += digit
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


class HostOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOrganisation

    name = factory.Sequence(lambda n: f"Structure d'accueil {n}")
    siret = factory.Sequence(lambda n: luhn_siret(7320000000000 + n))
    kind = HostKind.ASSOCIATION


class HostSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostSite

    host = factory.SubFactory(HostOrganisationFactory)
    name = factory.Sequence(lambda n: f"Site {n}")


class TutorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tutor

    host = factory.SubFactory(HostOrganisationFactory)
    name = factory.Faker("name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"tuteur{n}@example.test")
    role = "Infirmier"


class HostTeamPeerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostTeamPeer

    host = factory.SubFactory(HostOrganisationFactory)
    name = factory.Faker("name", locale="fr_FR")
    role = "Médiateur de santé pair"


class PlacementFactory(factory.django.DjangoModelFactory):
    """Created straight in a status (for reads); state changes in tests go through the services."""

    class Meta:
        model = Placement

    enrolment = factory.SubFactory(EnrolmentFactory)
    host = factory.SubFactory(HostOrganisationFactory)
    tutor = factory.SubFactory(TutorFactory, host=factory.SelfAttribute("..host"))
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=20))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=40))
    weekly_schedule = "Lundi et mardi, 9 h - 17 h"
    planned_hours = 140
    max_weekly_hours = 21
    tasks_and_objectives = "Accueillir les personnes au GEM, co-animer un groupe de parole."
    binome = "Camille Petit, infirmière"
    proposed_by = factory.SelfAttribute("enrolment.learner")
    status = PlacementStatus.PROPOSED

    class Params:
        approved_by_coordinator = factory.Trait(status=PlacementStatus.APPROVED_BY_COORDINATOR)
        approved_by_tutor = factory.Trait(status=PlacementStatus.APPROVED_BY_TUTOR)
        agreement_signed = factory.Trait(status=PlacementStatus.AGREEMENT_SIGNED)
        in_progress = factory.Trait(status=PlacementStatus.IN_PROGRESS)
        midpoint_review = factory.Trait(status=PlacementStatus.MIDPOINT_REVIEW)
        final_review = factory.Trait(status=PlacementStatus.FINAL_REVIEW)
        validated = factory.Trait(status=PlacementStatus.VALIDATED)
