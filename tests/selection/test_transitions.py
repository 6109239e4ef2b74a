import itertools

import pytest

from selection.enums import APPLICATION_TRANSITIONS, OPEN_APPLICATION_STATUSES, ApplicationStatus
from selection.models import ApplicationTransition
from selection.services import SelectionError, application_transition
from tests.factories import ApplicationFactory, UserFactory

ALL = list(ApplicationStatus.values)
ALLOWED = [(a, b) for a in ALL for b in ALL if b in APPLICATION_TRANSITIONS[a]]
REFUSED = [(a, b) for a in ALL for b in ALL if b not in APPLICATION_TRANSITIONS[a]]


def test_the_table_is_the_product_workflow():
    S = ApplicationStatus
    chain = [S.DRAFT, S.SUBMITTED, S.COMPLETE, S.UNDER_REVIEW, S.INTERVIEW_INVITED, S.INTERVIEWED, S.DELIBERATED]
    for current, following in itertools.pairwise(chain):
        assert following in APPLICATION_TRANSITIONS[current]
    assert APPLICATION_TRANSITIONS[S.SUBMITTED] >= {S.INCOMPLETE}
    assert APPLICATION_TRANSITIONS[S.INCOMPLETE] >= {S.SUBMITTED}
    assert {S.ADMITTED, S.WAITLISTED, S.REFUSED} <= APPLICATION_TRANSITIONS[S.DELIBERATED]
    assert S.ENROLLED in APPLICATION_TRANSITIONS[S.ADMITTED]
    assert set(OPEN_APPLICATION_STATUSES) == set(ALL) - {S.REFUSED, S.ENROLLED, S.DECLINED, S.WITHDRAWN}
    for closed in (S.REFUSED, S.ENROLLED, S.DECLINED, S.WITHDRAWN):
        assert APPLICATION_TRANSITIONS[closed] == frozenset()


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_allowed_transition_moves_and_writes_history(source, target):
    actor = UserFactory()
    application = ApplicationFactory(status=source)
    application_transition(application=application, to_status=target, by=actor, note="pourquoi")
    application.refresh_from_db()
    assert application.status == target
    history = ApplicationTransition.objects.get(application=application)
    assert (history.from_status, history.to_status, history.by, history.note) == (source, target, actor, "pourquoi")


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_refused_transition_changes_nothing(source, target):
    application = ApplicationFactory(status=source)
    with pytest.raises(SelectionError, match="Un dossier ne peut pas passer de « "):
        application_transition(application=application, to_status=target, by=None)
    application.refresh_from_db()
    assert application.status == source
    assert not ApplicationTransition.objects.filter(application=application).exists()
