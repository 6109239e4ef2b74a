import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_is_french_by_default(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Se connecter" in html


def test_login_with_email_reaches_my_space(client):
    UserFactory(email="lea@example.test", first_name="Léa")
    response = client.post(
        reverse("account_login"), {"login": "lea@example.test", "password": "correct-horse-battery"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("my_space:home")
    assert "Bonjour Léa" in response.content.decode()


def test_login_with_wrong_password_explains_in_french(client):
    UserFactory(email="lea@example.test")
    response = client.post(reverse("account_login"), {"login": "lea@example.test", "password": "nope"})
    assert response.status_code == 200
    assert "L&#x27;adresse e-mail ou le mot de passe ne sont pas corrects" in response.content.decode()


def test_my_space_requires_login(client):
    response = client.get(reverse("my_space:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_language_switch_to_english_is_remembered_on_the_account(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/compte/mon-espace/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "en"
    page = client.get(reverse("my_space:home"))
    assert '<html lang="en">' in page.content.decode()
    assert "My space" in page.content.decode()


def test_language_preference_applies_without_cookie(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    assert '<html lang="en">' in client.get(reverse("my_space:home")).content.decode()


def test_unknown_language_is_ignored(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_my_space_groups_a_coordinators_entries_under_each_cohort(client):
    from tests.factories import CohortFactory, UserFactory

    coordinator = UserFactory()
    first = CohortFactory(label="2026-2027", coordinators=[coordinator])
    second = CohortFactory(label="2027-2028", coordinators=[coordinator])
    client.force_login(coordinator)
    response = client.get("/compte/mon-espace/")
    groups = dict(response.context["cohort_groups"])
    assert set(groups) == {str(first), str(second)}
    labels = {space.label for space in groups[str(first)]}
    assert {"Tableau de bord", "Validation finale", "Progression", "Stages"} <= labels
    html = response.content.decode()
    # The short visible label keeps the cohort in the link's accessible name.
    assert f'Validation finale<span class="visually-hidden"> — {first}</span>' in html
    assert all(not space.group for space in response.context["spaces"])
