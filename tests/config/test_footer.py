"""The footer's prevention line can be called with one tap on a phone, in each language."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", 'vous pouvez appeler le <a href="tel:3114">3114</a>, numéro national'),
        ("en", 'you can call <a href="tel:3114">3114</a>, the national suicide prevention line'),
    ],
)
def test_the_prevention_line_is_a_phone_link(client, language, sentence):
    client.cookies["django_language"] = language
    with translation.override(language):
        page = client.get(reverse("account_login"), headers={"accept-language": language}).content.decode()
    assert sentence in page
