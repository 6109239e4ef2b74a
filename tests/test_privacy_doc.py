"""docs/privacy.md names every model that holds personal data; this fails when one is added without it."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

DOC = Path(__file__).resolve().parent.parent / "docs" / "privacy.md"
# Field names that say "this is about a person" (a name, how to reach them, or words they or others wrote).
PERSONAL_FIELD = re.compile(
    r"(^|_)(name|email|phone|address|narrative|text|body|comment|note|notes|description|reason|message|answers"
    r"|motivation|experience|project|needs|reply|activity|username|user_agent|session_data)$"
)
PROJECT_APPS = {
    "accounts",
    "audit",
    "cms",
    "competencies",
    "cockpit",
    "cohorts",
    "selection",
    "cohort_sessions",
    "lms",
    "internships",
    "final_validation",
    "alumni",
    "figures",
    "tasks",
}


def _documented() -> set[str]:
    return set(re.findall(r"`([a-z_]+\.[A-Z][A-Za-z]+)`", DOC.read_text(encoding="utf-8")))


def holds_personal_data(model) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    if model is user_model:
        return True
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is user_model:
            return True
        if not field.is_relation and PERSONAL_FIELD.search(field.name):
            return True
    return any(field.related_model is user_model for field in model._meta.many_to_many)


def test_every_model_holding_personal_data_is_in_the_privacy_doc():
    documented = _documented()
    missing = sorted(
        model._meta.label
        for model in apps.get_models()
        if holds_personal_data(model) and model._meta.label not in documented
    )
    assert missing == [], f"Add these models to docs/privacy.md (purpose, who sees, kept for, deleted where): {missing}"


def test_the_rule_catches_what_it_should():
    from internships.models import Concern
    from selection.models import Application, ScoringCriterion

    assert holds_personal_data(Application) and holds_personal_data(Concern)
    assert not holds_personal_data(ScoringCriterion)


def test_the_doc_names_no_model_of_ours_that_does_not_exist():
    labels = {model._meta.label for model in apps.get_models()}
    stale = sorted(label for label in _documented() if label.split(".")[0] in PROJECT_APPS and label not in labels)
    assert stale == []
