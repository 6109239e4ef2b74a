"""A database rule broken through a form reads as a sentence, in the user's language, never as the rule's name.

Django validates a model's constraints in `full_clean()` (ModelForms, the admin, Wagtail's snippets) and, for a
`CheckConstraint` or a conditional `UniqueConstraint`, shows its `violation_error_message`: by default
"Constraint “cohort_ends_after_start” is violated.", which tells a coordinator nothing.
"""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from cohorts.models import Cohort
from tests.test_architecture import _apps

pytestmark = pytest.mark.django_db


def _project_constraints():
    project = set(_apps())
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in project:
            continue
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint) or (
                isinstance(constraint, models.UniqueConstraint)
                and (constraint.condition is not None or constraint.expressions)
            ):
                yield model, constraint


def test_every_rule_of_the_database_has_a_sentence():
    constraints = list(_project_constraints())
    assert len(constraints) >= 30  # the walk found the project's models
    silent = [
        f"{model._meta.label}.{constraint.name}"
        for model, constraint in constraints
        if str(constraint.violation_error_message) == str(constraint.default_violation_error_message)
    ]
    assert silent == []


def test_every_sentence_is_translated_into_french():
    untranslated = []
    for model, constraint in _project_constraints():
        with translation.override("en"):
            english = str(constraint.violation_error_message)
        with translation.override("fr"):
            french = str(constraint.violation_error_message)
        if french == english:
            untranslated.append(f"{model._meta.label}.{constraint.name}: {english}")
    assert untranslated == []


def test_a_coordinator_reads_the_rule_not_its_name(programme):
    cohort = Cohort(
        programme=programme,
        label="2027",
        starts_on=datetime.date(2027, 9, 1),
        ends_on=datetime.date(2027, 6, 30),
    )
    with translation.override("fr"), pytest.raises(ValidationError, match="vérifiez les deux dates") as caught:
        cohort.full_clean()
    assert "cohort_ends_after_start" not in str(caught.value)
