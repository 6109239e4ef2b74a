"""The demo shows the graduates' follow-up: past cohorts with graduates who agreed, surveys sent and answered, the
figures with small cells suppressed, and surveys the engine sends as soon as the demo runs."""

import pytest

from accounts.demo import demo_email
from alumni.models import FollowUpConsent, SurveyInvitation, SurveyResponse
from alumni.reminders import SURVEY_RULE
from cms.models import ProgrammePage
from figures.selectors import programme_figures
from tasks.models import Outbox
from tasks.services import plan_all

pytestmark = pytest.mark.django_db


def test_demo_has_years_of_follow_up_with_small_cells_suppressed(demo):
    assert FollowUpConsent.objects.filter(agreed=True).count() == 29
    assert SurveyInvitation.objects.count() == 6 * 3 + 10 * 3 + 8 * 2
    assert SurveyResponse.objects.count() == 5 * 3 + 9 * 3 + 7 * 2
    programme = ProgrammePage.objects.get(cohorts__enrolments__learner__email=demo_email("learner"))
    figures = programme_figures(programme=programme)
    assert [row.label for row in figures.rows][:4] == ["2022-2023", "2023-2024", "2024-2025", "2025-2026"]
    by_label = {row.label: row.cells for row in figures.rows}
    oldest = by_label[figures.rows[0].label]
    assert str(oldest["awarded"]) == "7"
    assert oldest["working"].secret and oldest["kind_gem"].secret
    second = figures.rows[1].cells
    assert (str(second["respondents"]), str(second["kind_hospital"])) == ("9", "5")
    assert str(figures.total.cells["kind_hospital"]) != "s"


def test_demo_surveys_of_the_latest_cohort_are_due_now(demo):
    sent = set(Outbox.objects.filter(rule__code=SURVEY_RULE).values_list("pk", flat=True))
    assert len(sent) == 18 + 30 + 16 + (3 + 3 + 2)  # each wave, and a reminder to the one who did not answer
    plan_all()
    rows = Outbox.objects.filter(rule__code=SURVEY_RULE).exclude(pk__in=sent)
    assert sorted(rows.values_list("recipient__email", flat=True)) == sorted(
        demo_email(f"diplome-2025-2026-{index}") for index in range(1, 6)
    )
    assert set(rows.values_list("context__months", flat=True)) == {6}


def test_demo_graduate_margaux_may_answer_the_consent_question(demo, client):
    from accounts.models import User

    client.force_login(User.objects.get(email=demo_email("diplomee")))
    assert client.get("/suivi-diplomes/").status_code == 200
