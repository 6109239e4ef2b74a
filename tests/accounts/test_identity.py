"""Identity on allauth: each flaw of issue 13's "Why" list about accounts, reproduced and now refused."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import User
from tests.factories import SelectionRoundFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-long"


def signup(client, email, *, first_name="Aya", last_name="Diallo", password=PASSWORD, next_url=""):
    data = {"first_name": first_name, "last_name": last_name, "email": email, "password1": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("account_signup"), data)


def last_link(message) -> str:
    """The path (and query) of the first link of an e-mail."""
    link = re.search(r"https?://\S+", message.body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


# --- Signup and verification ------------------------------------------------------------------------------


def test_signup_sends_a_verification_link_and_the_same_browser_lands_back_on_the_call(client):
    call = reverse("selection:round", args=[SelectionRoundFactory().pk])
    response = signup(client, "Aya@Example.test ", next_url=call)
    assert response.status_code == 302 and response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="aya@example.test")
    assert (user.first_name, user.last_name) == ("Aya", "Diallo")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # no login before the address is verified
    (message,) = mail.outbox
    assert message.to == ["aya@example.test"]
    link = last_link(message)
    assert "next=" in link
    response = client.post(link)
    assert response.status_code == 302 and response.url == call
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified


def test_verification_link_opened_in_another_browser_does_not_log_in(client):
    call = reverse("selection:round", args=[SelectionRoundFactory().pk])
    signup(client, "aya@example.test", next_url=call)
    link = last_link(mail.outbox[-1])
    other = Client()
    response = other.post(link)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login")) and "next=" in response.url
    assert "_auth_user_id" not in other.session
    # It verified the address: the password now opens the account, and only the password.
    response = login(other, "aya@example.test")
    assert response.status_code == 302 and other.session["_auth_user_id"]


def test_verification_link_is_single_use(client):
    """Flaw: the link was a reusable, three-day, passwordless login."""
    signup(client, "aya@example.test")
    link = last_link(mail.outbox[-1])
    Client().post(link)
    again = Client()
    response = again.post(link)
    assert "_auth_user_id" not in again.session
    assert response.status_code in (200, 302, 404)
    page = again.get(link)
    assert page.status_code == 200 and page.context["confirmation"] is None


def test_signing_up_again_with_an_unverified_address_does_not_take_the_account_over(client):
    """Flaw: a second signup overwrote name and password; the owner's link then logged them into it."""
    signup(client, "aya@example.test", first_name="Aya", password=PASSWORD)
    owner_link = last_link(mail.outbox[-1])
    mail.outbox.clear()
    cache.clear()  # a few minutes later: allauth sends one mail per address every three minutes at most
    attacker = Client()
    response = signup(attacker, "aya@example.test", first_name="Intrus", password="mot-de-passe-de-l-intrus")
    assert response.status_code == 302 and response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="aya@example.test")
    assert user.first_name == "Aya"
    assert user.check_password(PASSWORD) and not user.check_password("mot-de-passe-de-l-intrus")
    assert User.objects.filter(email__iexact="aya@example.test").count() == 1
    # The owner is told by e-mail; the new visitor learns nothing and gets no link of their own.
    (message,) = mail.outbox
    assert message.to == ["aya@example.test"] and "verification" not in message.body
    client.post(owner_link)
    assert login(Client(), "aya@example.test", "mot-de-passe-de-l-intrus").status_code == 200


def test_signup_does_not_reveal_whether_an_address_has_an_account(client):
    """Flaw: signup said "an account already exists with this address"."""
    UserFactory(email="known@example.test")
    known = signup(Client(), "known@example.test")
    unknown = signup(Client(), "unknown@example.test")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    page_known = Client().get(known.url).content.decode()
    assert "existe déjà" not in page_known


def test_a_deactivated_user_cannot_reactivate_themselves_by_signing_up_again(client):
    """Flaw: signing up again and following the link brought back the account, its groups and staff flag."""
    from django.contrib.auth.models import Group

    former = UserFactory(email="former@example.test", staff=True, is_active=False)
    former.groups.add(Group.objects.get(name="Coordinators"))
    signup(client, "former@example.test", first_name="Autre", password=PASSWORD)
    former.refresh_from_db()
    assert former.is_active is False and former.first_name != "Autre"
    (message,) = mail.outbox
    for link in re.findall(r"https?://\S+", message.body):
        path = "/" + link.split("://", 1)[1].split("/", 1)[1]
        Client().post(path)
    former.refresh_from_db()
    assert former.is_active is False
    visitor = Client()
    login(visitor, "former@example.test", "correct-horse-battery")
    assert "_auth_user_id" not in visitor.session


def test_an_old_verification_link_does_not_reactivate_a_deactivated_account(client):
    signup(client, "aya@example.test")
    link = last_link(mail.outbox[-1])
    User.objects.filter(email="aya@example.test").update(is_active=False)
    visitor = Client()
    visitor.post(link)
    assert User.objects.get(email="aya@example.test").is_active is False
    assert "_auth_user_id" not in visitor.session


def test_unverified_address_cannot_log_in_and_gets_a_new_link():
    UserFactory(email="new@example.test", verified=False)
    visitor = Client()
    response = login(visitor, "new@example.test", "correct-horse-battery")
    assert response.status_code == 302 and response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in visitor.session
    assert mail.outbox[-1].to == ["new@example.test"]


# --- Password reset ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("traits", [{}, {"staff": True}, {"superuser": True}])
def test_password_reset_works_for_every_user(traits):
    """Flaw: there was no password reset outside the Wagtail admin."""
    UserFactory(email="someone@example.test", **traits)
    visitor = Client()
    response = visitor.post(reverse("account_reset_password"), {"email": "SOMEONE@example.test"})
    assert response.status_code == 302 and response.url == reverse("account_reset_password_done")
    link = last_link(mail.outbox[-1])
    form_page = visitor.get(link, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = visitor.post(action, {"password1": "un-nouveau-mot-de-passe", "password2": "un-nouveau-mot-de-passe"})
    assert response.status_code == 302
    assert User.objects.get(email="someone@example.test").check_password("un-nouveau-mot-de-passe")


def test_password_reset_does_not_reveal_whether_an_account_exists():
    UserFactory(email="known@example.test")
    known = Client().post(reverse("account_reset_password"), {"email": "known@example.test"})
    unknown = Client().post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert {tuple(message.to) for message in mail.outbox} == {("known@example.test",), ("nobody@example.test",)}
    nobody = next(message for message in mail.outbox if message.to == ["nobody@example.test"])
    assert "mot-de-passe/nouveau" not in nobody.body


def test_a_reset_link_works_once():
    UserFactory(email="someone@example.test")
    visitor = Client()
    visitor.post(reverse("account_reset_password"), {"email": "someone@example.test"})
    link = last_link(mail.outbox[-1])
    form_page = visitor.get(link, follow=True)
    action = form_page.redirect_chain[-1][0]
    visitor.post(action, {"password1": "un-nouveau-mot-de-passe", "password2": "un-nouveau-mot-de-passe"})
    again = Client()
    page = again.get(link, follow=True)
    assert page.context["token_fail"] is True
    again.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"password1": "encore-un-autre-mot", "password2": "encore-un-autre-mot"},
    )
    assert User.objects.get(email="someone@example.test").check_password("un-nouveau-mot-de-passe")


# --- Rate limits (allauth) and what a failed login says ------------------------------------------------------


def test_wrong_password_and_unknown_address_get_the_same_answer():
    UserFactory(email="known@example.test")
    known = login(Client(), "known@example.test", "wrong-password")
    unknown = login(Client(), "nobody@example.test", "wrong-password")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors
    assert "ne sont pas" in str(known.context["form"].errors) or "pas correct" in str(known.context["form"].errors)


def test_allauth_limits_failed_logins_per_address_whatever_the_spelling(settings):
    settings.AXES_ENABLED = False  # allauth's own limit, alone
    UserFactory(email="lea@example.test")
    for index, spelling in enumerate(
        ["lea@example.test", "LEA@example.test", " Lea@Example.test", "lea@EXAMPLE.TEST", "Lea@example.test"]
    ):
        login(Client(REMOTE_ADDR=f"10.1.0.{index}"), spelling, "wrong-password")
    visitor = Client(REMOTE_ADDR="10.1.0.99")
    response = login(visitor, "LEA@EXAMPLE.TEST", "correct-horse-battery")
    assert "_auth_user_id" not in visitor.session
    assert "Trop de tentatives" in response.content.decode()


def test_allauth_limits_reset_mails_per_address():
    UserFactory(email="lea@example.test")
    for index in range(7):
        Client(REMOTE_ADDR=f"10.2.0.{index}").post(reverse("account_reset_password"), {"email": "Lea@Example.test"})
    assert len([message for message in mail.outbox if message.to == ["lea@example.test"]]) == 5


def test_allauth_limits_signups_per_client_address():
    codes = [signup(Client(REMOTE_ADDR="10.3.0.1"), f"p{index}@example.test").status_code for index in range(22)]
    assert codes[:20] == [302] * 20 and set(codes[20:]) == {429}
    assert User.objects.filter(email__startswith="p").count() == 20


def test_allauth_sends_one_verification_mail_per_address_every_three_minutes():
    UserFactory(email="new@example.test", verified=False)
    for index in range(3):
        login(Client(REMOTE_ADDR=f"10.4.0.{index}"), "new@example.test", "correct-horse-battery")
    assert len([message for message in mail.outbox if message.to == ["new@example.test"]]) == 1


# --- E-mail change ----------------------------------------------------------------------------------------


def test_changing_the_address_waits_for_the_new_one_to_be_confirmed(client):
    user = UserFactory(email="lea@example.test")
    client.force_login(user)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "lea.new@example.test"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "lea@example.test"
    assert mail.outbox[-1].to == ["lea.new@example.test"]
    client.post(last_link(mail.outbox[-1]))
    user.refresh_from_db()
    assert user.email == "lea.new@example.test"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("lea.new@example.test", True, True)
    ]


def test_the_wagtail_account_page_changes_neither_the_address_nor_the_password(client):
    """Attack: the admin's own account page changed the address at once, with no confirmation nor notice."""
    staff = UserFactory(email="coord@example.test", staff=True)
    client.force_login(staff)
    page = client.get("/admin/account/").content.decode()
    assert 'name="name_email-email"' not in page and 'name="password-old_password"' not in page
    client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Coord",
            "name_email-last_name": "Ination",
            "name_email-email": "attacker@example.test",
            "password-old_password": "correct-horse-battery",
            "password-new_password1": "un-autre-mot-de-passe",
            "password-new_password2": "un-autre-mot-de-passe",
        },
    )
    staff.refresh_from_db()
    assert staff.email == "coord@example.test" and staff.check_password("correct-horse-battery")


# --- Lockout (django-axes) --------------------------------------------------------------------------------


@pytest.fixture
def axes(settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    # allauth's own per-address limit (5 per 5 minutes) would answer first; axes is what this tests.
    settings.ACCOUNT_RATE_LIMITS = {}
    AccessAttempt.objects.all().delete()
    yield
    AccessAttempt.objects.all().delete()


@pytest.mark.parametrize("spelling", ["LEA@EXAMPLE.TEST", " Lea@Example.Test ", "lea@example.test"])
def test_other_spellings_share_one_count_of_failures(axes, spelling):
    """Flaw: each letter case got its own tries, and the upper-case spelling logged in while the exact was locked."""
    UserFactory(email="lea@example.test")
    for attempt in ("lea@example.test", "LEA@example.test", " lea@EXAMPLE.test"):
        login(Client(REMOTE_ADDR="10.0.0.1"), attempt, "wrong-password")
    visitor = Client(REMOTE_ADDR="10.0.0.2")  # another client address: the address alone is locked
    response = login(visitor, spelling, "correct-horse-battery")
    assert response.status_code == 429
    assert "Connexion suspendue" in response.content.decode()
    assert "_auth_user_id" not in visitor.session


def test_a_client_address_is_locked_across_accounts(axes):
    for index in range(3):
        UserFactory(email=f"p{index}@example.test")
        login(Client(REMOTE_ADDR="10.0.0.9"), f"p{index}@example.test", "wrong-password")
    UserFactory(email="fresh@example.test")
    visitor = Client(REMOTE_ADDR="10.0.0.9")
    assert login(visitor, "fresh@example.test", "correct-horse-battery").status_code == 429


def test_a_forged_forwarded_address_does_not_buy_new_tries(axes):
    """Attack: a new X-Forwarded-For on each try, to look like a new client every time."""
    for index in range(3):
        UserFactory(email=f"p{index}@example.test")
        login(Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{index}"), f"p{index}@example.test", "x")
    UserFactory(email="fresh@example.test")
    visitor = Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert login(visitor, "fresh@example.test", "correct-horse-battery").status_code == 429


def test_behind_our_proxy_one_visitor_does_not_lock_the_others_out(axes, settings):
    """Attack: behind a TLS proxy every visitor has the proxy's address; a few wrong tries locked the whole site."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for index in range(3):
        UserFactory(email=f"p{index}@example.test")
        login(Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"), f"p{index}@example.test", "x")
    UserFactory(email="fresh@example.test")
    locked = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert login(locked, "fresh@example.test", "correct-horse-battery").status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert login(other, "fresh@example.test", "correct-horse-battery").status_code == 302
    assert other.session["_auth_user_id"]


def test_the_lockout_also_holds_for_django_authenticate(axes):
    """The admin door and any `authenticate(username=...)` call ask the same axes backend."""
    UserFactory(email="lea@example.test")
    for _ in range(3):
        login(Client(REMOTE_ADDR="10.0.0.1"), "Lea@example.test", "wrong-password")
    request = RequestFactory().post("/django-admin/login/", REMOTE_ADDR="10.0.0.3")
    assert authenticate(request, username="LEA@EXAMPLE.TEST", password="correct-horse-battery") is None


def test_admin_login_pages_lead_to_the_site_login(client):
    assert client.get("/admin/").url.startswith(reverse("account_login"))
    assert client.get("/admin/login/?next=/admin/pages/").url == reverse("account_login") + "?next=/admin/pages/"
    assert client.get("/django-admin/login/").url == reverse("account_login")
    assert client.get("/admin/password_reset/").url == reverse("account_reset_password")


def test_normalised_address_is_the_lockout_key():
    from accounts.axes import lockout_username

    request = RequestFactory().post("/", {"login": "  Lea@Example.TEST "})
    assert lockout_username(request, None) == "lea@example.test"
    assert lockout_username(None, {"email": "X@Y.Z"}) == "x@y.z"
    assert lockout_username(None, {"username": " A@B.C"}) == "a@b.c"
