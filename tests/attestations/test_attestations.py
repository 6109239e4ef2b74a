"""One attestation model and one public verification page for the three kinds; old addresses redirect."""

import datetime

import pytest
from django.urls import reverse

from attestations import services
from attestations.enums import AttestationKind
from attestations.models import Attestation
from tests.factories import EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 30)


@pytest.fixture
def enrolment(cohort):
    return EnrolmentFactory(cohort=cohort, learner=UserFactory(first_name="Léa", last_name="Martin"))


def _issue(enrolment, kind, **extra):
    return services.attestation_issue(kind=kind, enrolment=enrolment, attested_on=DAY, template="x.html", **extra)


def test_issue_copies_the_names_and_makes_one_code_per_attestation(enrolment):
    attestation = _issue(enrolment, AttestationKind.SUCCESS)
    assert (attestation.learner_name, attestation.programme_title, attestation.cohort_label) == (
        "Léa Martin",
        enrolment.cohort.programme.title,
        enrolment.cohort.label,
    )
    assert len(attestation.code) == 12 and attestation.code.isalnum() and attestation.code.isupper()


def test_an_attestation_de_suivi_is_issued_once_per_enrolment(enrolment):
    first = _issue(enrolment, AttestationKind.FOLLOW_UP)
    assert _issue(enrolment, AttestationKind.FOLLOW_UP) == first
    assert Attestation.objects.count() == 1


def test_revoked_attestations_say_so_on_the_page_and_a_new_one_can_be_issued(client, enrolment):
    old = _issue(enrolment, AttestationKind.SUCCESS)
    assert services.attestations_revoke(enrolment=enrolment, kind=AttestationKind.SUCCESS, reason="Erreur") == 1
    new = _issue(enrolment, AttestationKind.SUCCESS)
    assert new.code != old.code
    page = client.get(reverse("attestations:verify-code", args=[old.code])).content.decode()
    assert "elle n'est plus valable" in page
    page = client.get(reverse("attestations:verify-code", args=[new.code])).content.decode()
    assert "Cette attestation de réussite est authentique." in page


@pytest.mark.parametrize(
    ("kind", "payload", "shown"),
    [
        (AttestationKind.FOLLOW_UP, {}, "Cette attestation est authentique."),
        (AttestationKind.SUCCESS, {}, "Cette attestation de réussite est authentique."),
        (AttestationKind.INTERNSHIP, {"approved_hours": "140.00", "host": "GEM Horizon"}, "140 heures approuvées"),
    ],
)
def test_the_one_page_verifies_every_kind_and_shows_no_email(client, enrolment, kind, payload, shown):
    attestation = _issue(enrolment, kind, payload=payload)
    response = client.get(reverse("attestations:verify"), {"code": attestation.code.lower()})
    page = response.content.decode()
    assert response.status_code == 200 and shown in page and "Léa Martin" in page
    assert enrolment.learner.email not in page


def test_an_unknown_code_is_a_404_with_what_to_do(client):
    response = client.get(reverse("attestations:verify"), {"code": "ABCDEF123456"})
    assert response.status_code == 404 and "Aucune attestation ne correspond" in response.content.decode()
    assert client.get(reverse("attestations:verify")).status_code == 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/apprendre/verifier/CODE12345678/", "/attestations/verifier/CODE12345678/"),
        ("/validation/verifier/CODE12345678/", "/attestations/verifier/CODE12345678/"),
        ("/apprendre/verifier/?code=CODE12345678", "/attestations/verifier/?code=CODE12345678"),
        ("/validation/verifier/?code=CODE12345678", "/attestations/verifier/?code=CODE12345678"),
        ("/stages/attestations/verifier/?code=ABCD-EFGH-JKLM", "/attestations/verifier/?code=ABCD-EFGH-JKLM"),
    ],
)
def test_old_verification_addresses_redirect_to_the_one_page(client, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
