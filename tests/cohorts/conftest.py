import pytest

from tests.factories import SelectionRoundFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never the project's media folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def president(db):
    return UserFactory(email="president@example.test")


@pytest.fixture
def juror(db):
    return UserFactory(email="jury@example.test")


@pytest.fixture
def selection_round(cohort, coordinator, president, juror):
    selection_round = SelectionRoundFactory(cohort=cohort, jury_president=president)
    selection_round.jury_members.add(juror)
    return selection_round
