import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_defaults_to_french_and_paris_time():
    user = User.objects.create_user(email="Anne.Dupont@Example.TEST", password="x" * 12, first_name="Anne")
    assert user.email == "anne.dupont@example.test"
    assert user.preferred_language == "fr"
    assert user.time_zone == "Europe/Paris"
    assert not user.is_staff


def test_user_full_name_joins_first_and_last_name():
    user = UserFactory(first_name="Léa", last_name="Martin")
    assert user.full_name == "Léa Martin"
    assert str(user) == "Léa Martin"


def test_user_email_login_ignores_case():
    user = UserFactory(email="karim@example.test")
    assert authenticate(username="KARIM@example.test", password="correct-horse-battery") == user


def test_user_email_is_unique():
    UserFactory(email="same@example.test")
    with pytest.raises(IntegrityError, match=r"(?is)unique.*email"):
        User.objects.create_user(email="same@example.test", password="x" * 12)


def test_user_without_email_is_refused():
    with pytest.raises(ValueError, match="e-mail"):
        User.objects.create_user(email="", password="x" * 12)


def test_create_superuser_is_staff():
    admin = User.objects.create_superuser(email="root@example.test", password="x" * 12)
    assert admin.is_staff and admin.is_superuser
