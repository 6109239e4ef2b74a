"""From the last open lesson, the pager says when the next module opens instead of leading to a refusal."""

import datetime
from html import unescape

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from tests.factories import LessonPageFactory, ModulePageFactory, ModuleReleaseFactory

pytestmark = pytest.mark.django_db


def test_the_last_open_lesson_names_the_date_the_next_module_opens(client, lesson, module, programme, cohort, learner):
    closed = ModulePageFactory(parent=programme, title="Gestion de crise", slug="gestion-de-crise", order=2)
    locked_lesson = LessonPageFactory(parent=closed, title="Le plan de crise", slug="plan-de-crise")
    opens_on = timezone.localdate() + datetime.timedelta(days=14)
    ModuleReleaseFactory(cohort=cohort, module=closed, opens_on=opens_on)
    client.force_login(learner)
    page = unescape(client.get(lesson.url).content.decode())
    assert locked_lesson.url not in page
    assert f"Le module suivant, « Gestion de crise », ouvre le {date_format(opens_on, 'l j F Y')}." in page


def test_an_open_next_module_is_linked(client, lesson, module, programme, learner):
    following = ModulePageFactory(parent=programme, title="Gestion de crise", slug="gestion-de-crise", order=2)
    next_lesson = LessonPageFactory(parent=following, title="Le plan de crise", slug="plan-de-crise")
    client.force_login(learner)
    page = client.get(lesson.url).content.decode()
    assert next_lesson.url in page and "Le module suivant" not in page
