"""A second factor for staff (allauth.mfa): required before any page for privileged people, optional for others."""

import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from accounts.security import is_privileged
from cms.services import programme_editorial_setup
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammePageFactory, SelectionRoundFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PAGE = "/compte/mon-espace/"


def current_code(secret=SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_totp(user):
    TOTP.activate(user, SECRET)
    return user


def password_login(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": "correct-horse-battery"})


@pytest.fixture
def coordinator_user(db):
    person = UserFactory(staff=True, email="claire@example.test")
    person.groups.add(Group.objects.get(name="Coordinators"))
    return person


def test_who_needs_a_second_factor():
    juror = UserFactory()
    SelectionRoundFactory().jury_members.add(juror)
    cohort_coordinator = UserFactory()
    CohortFactory(coordinators=[cohort_coordinator])
    author = UserFactory()
    author.groups.add(Group.objects.get(name="Authors"))
    assert is_privileged(UserFactory(staff=True))
    assert is_privileged(UserFactory(superuser=True))
    assert is_privileged(author)
    assert is_privileged(juror)
    assert is_privileged(cohort_coordinator)
    assert not is_privileged(EnrolmentFactory().learner)
    assert not is_privileged(UserFactory())


def test_a_member_of_a_programmes_own_group_alone_needs_a_second_factor_for_the_admin(client_without_second_factor):
    """Attack: put in a programme's authors group only (not "Authors", not staff), a person reached the Wagtail
    admin with a password alone."""
    programme = ProgrammePageFactory()
    programme_editorial_setup(programme=programme)
    programme.refresh_from_db()
    author = UserFactory()
    author.groups.add(programme.authors_group)
    assert not author.is_staff and is_privileged(author)
    client = client_without_second_factor
    client.force_login(author)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert is_privileged(editor)


def test_staff_without_an_authenticator_is_sent_to_set_one_up(coordinator_user):
    """Flaw: coordinators, jury, authors and administrators reached art. 9 data with a password alone."""
    client = Client()
    response = password_login(client, coordinator_user)
    assert response.status_code == 302
    for path in (PAGE, "/admin/", "/selection/gestion/", "/stages/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url == reverse("mfa_activate_totp"), path
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "données personnelles sensibles" in page.content.decode()


@pytest.mark.django_db(transaction=True)  # allauth acts on commit, inside the request, as in production
def test_setting_up_totp_opens_the_pages(coordinator_user):
    client = Client()
    password_login(client, coordinator_user)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=coordinator_user, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=coordinator_user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(PAGE).status_code == 200


def test_login_of_staff_with_totp_asks_for_the_code(coordinator_user):
    with_totp(coordinator_user)
    client = Client()
    response = password_login(client, coordinator_user)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone does not log in
    response = client.post(reverse("mfa_authenticate"), {"code": "000000" if current_code() != "000000" else "111111"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert response.status_code == 302
    assert client.get(PAGE).status_code == 200


def test_a_session_without_the_second_factor_is_asked_for_it(client_without_second_factor, coordinator_user):
    """A session opened by other means (or before the rule) must still pass the second factor."""
    with_totp(coordinator_user)
    client = client_without_second_factor
    client.force_login(coordinator_user)
    response = client.get("/selection/gestion/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_reauthenticate") + "?next=%2Fselection%2Fgestion%2F"
    response = client.post(response.url, {"code": current_code()})
    assert response.status_code == 302 and response.url == "/selection/gestion/"
    assert client.get(PAGE).status_code == 200


def _make_staff(person):
    person.is_staff = True
    person.save(update_fields=["is_staff"])


@pytest.mark.parametrize(
    "give_role",
    [
        lambda person: SelectionRoundFactory().jury_members.add(person),
        lambda person: CohortFactory().coordinators.add(person),
        lambda person: person.groups.add(Group.objects.get(name="Coordinators")),
        lambda person: _make_staff(person),
    ],
    ids=["jury", "cohort", "group", "staff flag"],
)
def test_a_role_given_during_the_session_asks_for_the_second_factor_on_the_next_page(
    client_without_second_factor, give_role
):
    """Attack: for a minute after being added to a jury, a session with a password alone read the dossiers."""
    person = UserFactory()
    client = client_without_second_factor
    client.force_login(person)
    assert client.get(PAGE).status_code == 200
    give_role(person)
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_without_a_new_role_the_answer_is_kept_for_a_minute(client_without_second_factor):
    person = UserFactory()
    client = client_without_second_factor
    client.force_login(person)
    assert client.get(PAGE).status_code == 200
    User.objects.filter(pk=person.pk).update(is_staff=True)  # no signal: only the minute's recheck sees it
    assert client.get(PAGE).status_code == 200
    with time_machine.travel(time.time() + 61, tick=False):
        response = client.get(PAGE)
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_learners_are_not_asked_and_may_enable_it(client_without_second_factor):
    learner = EnrolmentFactory().learner
    client = client_without_second_factor
    client.force_login(learner)
    response = client.get(PAGE)
    assert response.status_code == 200 and f"Bonjour {escape(learner.first_name)}" in response.content.decode()
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200 and reverse("mfa_activate_totp") in response.content.decode()


def test_the_test_client_helper_marks_the_session_like_allauth(client, coordinator_user):
    client.force_login(coordinator_user)
    records = client.session["account_authentication_methods"]
    assert [record["method"] for record in records] == ["password", "mfa"]
    assert client.get(PAGE).status_code == 200
