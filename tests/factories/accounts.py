from functools import cache

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import User

PASSWORD = "correct-horse-battery"


@cache
def _password_hash() -> str:
    """Every person made by the factory has the same password: hashed once (a real hash, checked at log-in)."""
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified address, as after signup. An e-mail address already taken returns that person.

    One SELECT and two INSERTs (the person, their allauth EmailAddress row): the password is hashed before the row
    is written, not saved again afterwards."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.LazyFunction(_password_hash)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = model_class.objects.filter(email=kwargs["email"]).first()
        if existing is not None:
            existing._found_by_factory = True
            return existing
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """The address is verified (allauth's EmailAddress row), as after signup; `verified=False` if not."""
        if not create or extracted is False:
            return
        if getattr(obj, "_found_by_factory", False):
            EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})
        else:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)
