"""A module page links its lessons only for those who may read them; the others learn who can, and how to apply."""

from html import unescape

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSAL_NOTE = "Les leçons sont ouvertes aux personnes inscrites dans une promotion en cours de cette formation."


@pytest.mark.parametrize("who", ["anonymous", "candidate"])
def test_a_visitor_is_not_sent_to_a_refusal(client, module, lesson, programme, who):
    if who == "candidate":
        client.force_login(UserFactory())
    page = unescape(client.get(module.url).content.decode())
    assert f'href="{lesson.url}"' not in page
    assert "Commencer la première leçon" not in page
    assert lesson.title in page
    assert REFUSAL_NOTE in page
    assert f'href="{programme.url}">Comment candidater</a>' in page


def test_an_enrolled_learner_gets_the_links(client, module, lesson, learner):
    client.force_login(learner)
    page = unescape(client.get(module.url).content.decode())
    assert f'href="{lesson.url}"' in page
    assert REFUSAL_NOTE not in page
