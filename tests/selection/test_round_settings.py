"""Round settings: documents, questions and criteria edited and removed within what their use allows."""

import pytest
from django.urls import reverse

from selection import selectors, services
from selection.models import RequiredDocument, ReviewScore, RoundQuestion, RoundSettingChange, ScoringCriterion
from selection.services import SelectionError
from tests.factories import ApplicationDocumentFactory, ApplicationFactory, SelectionRoundFactory, UserFactory
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db

Action = RoundSettingChange.Action


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def settings_url(selection_round):
    return reverse("selection:round_settings", args=[selection_round.pk])


def scored(criterion, juror):
    """A review of some dossier of the round that scored `criterion`."""
    from selection.models import Review

    application = ApplicationFactory(selection_round=criterion.selection_round, under_review=True)
    review = Review.objects.create(application=application, reviewer=juror)
    return ReviewScore.objects.create(review=review, criterion=criterion, score=3)


# --- Criteria ---------------------------------------------------------------------------------------


def test_unscored_criterion_can_be_reweighted_and_removed(selection_round, coordinator):
    criterion = selection_round.criteria.get(label="Motivation")
    services.round_setting_update(
        selection_round=selection_round, by=coordinator, item=criterion, data={"weight": 3, "label": "Motivation"}
    )
    criterion.refresh_from_db()
    assert criterion.weight == 3
    change = RoundSettingChange.objects.get(action=Action.CHANGED)
    assert change.by == coordinator and "2 → 3" in change.details
    assert services.round_setting_remove(selection_round=selection_round, by=coordinator, item=criterion) == "removed"
    assert not ScoringCriterion.objects.filter(pk=criterion.pk).exists()
    assert RoundSettingChange.objects.filter(action=Action.REMOVED, label="Motivation").exists()


def test_scored_criterion_keeps_weight_and_cannot_be_removed(selection_round, coordinator, juror):
    criterion = selection_round.criteria.get(label="Motivation")
    score = scored(criterion, juror)
    with pytest.raises(SelectionError, match="weight and maximum can no longer change"):
        services.round_setting_update(
            selection_round=selection_round, by=coordinator, item=criterion, data={"weight": 5}
        )
    with pytest.raises(SelectionError, match="max"):
        services.round_setting_update(
            selection_round=selection_round, by=coordinator, item=criterion, data={"max_score": 10}
        )
    with pytest.raises(SelectionError, match="erase their scores"):
        services.round_setting_remove(selection_round=selection_round, by=coordinator, item=criterion)
    criterion.refresh_from_db()
    assert (criterion.weight, criterion.max_score) == (2, 5)
    assert ReviewScore.objects.filter(pk=score.pk).exists()
    # Rewording stays possible: the scores keep their meaning.
    services.round_setting_update(
        selection_round=selection_round, by=coordinator, item=criterion, data={"label": "Motivation et projet"}
    )
    criterion.refresh_from_db()
    assert criterion.label == "Motivation et projet"
    assert not RoundSettingChange.objects.filter(action=Action.REMOVED).exists()


# --- Documents --------------------------------------------------------------------------------------


def test_unused_document_is_removed_and_used_one_archived(selection_round, coordinator):
    cv = selection_round.required_documents.get()
    letter = services.round_setting_add(
        selection_round=selection_round,
        by=coordinator,
        item=RequiredDocument(label="Lettre", accepted_extensions="pdf", max_size_mb=2),
    )
    assert services.round_setting_remove(selection_round=selection_round, by=coordinator, item=letter) == "removed"
    assert not RequiredDocument.objects.filter(pk=letter.pk).exists()

    upload = ApplicationDocumentFactory(application=ApplicationFactory(selection_round=selection_round))
    assert services.round_setting_remove(selection_round=selection_round, by=coordinator, item=cv) == "archived"
    cv.refresh_from_db()
    assert cv.archived_at is not None
    upload.refresh_from_db()  # the candidate's file is still there
    assert upload.required_document == cv
    # No longer asked: a new dossier does not miss it, and nothing more can be uploaded for it.
    draft = ApplicationFactory(selection_round=selection_round)
    assert "CV" not in services.missing_for_submission(application=draft)
    with pytest.raises(SelectionError, match="not asked"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.factories.cohorts import PDF_BYTES

        services.document_upload(
            application=draft,
            required_document=cv,
            uploaded_file=SimpleUploadedFile("cv.pdf", PDF_BYTES),
            by=draft.candidate,
        )
    services.round_setting_restore(selection_round=selection_round, by=coordinator, item=cv)
    cv.refresh_from_db()
    assert cv.archived_at is None
    assert "CV" in services.missing_for_submission(application=draft)
    assert list(RoundSettingChange.objects.order_by("id").values_list("action", flat=True)) == [
        Action.ADDED,
        Action.REMOVED,
        Action.ARCHIVED,
        Action.RESTORED,
    ]


def test_document_types_can_change_after_uploads(selection_round, coordinator):
    cv = selection_round.required_documents.get()
    ApplicationDocumentFactory(application=ApplicationFactory(selection_round=selection_round))
    services.round_setting_update(
        selection_round=selection_round, by=coordinator, item=cv, data={"accepted_extensions": "pdf", "max_size_mb": 3}
    )
    cv.refresh_from_db()
    assert (cv.accepted_extensions, cv.max_size_mb) == ("pdf", 3)


def test_invalid_change_writes_nothing(selection_round, coordinator):
    cv = selection_round.required_documents.get()
    with pytest.raises(Exception, match="50"):
        services.round_setting_update(
            selection_round=selection_round, by=coordinator, item=cv, data={"max_size_mb": 99}
        )
    cv.refresh_from_db()
    assert cv.max_size_mb == 5
    assert not RoundSettingChange.objects.exists()


# --- Questions --------------------------------------------------------------------------------------


def test_answered_question_is_hidden_and_its_answers_kept(selection_round, coordinator):
    question = services.round_setting_add(
        selection_round=selection_round, by=coordinator, item=RoundQuestion(label="Votre ville ?")
    )
    application = ApplicationFactory(selection_round=selection_round, answers={str(question.pk): "Lyon"})
    with pytest.raises(SelectionError, match="wording can no longer change"):
        services.round_setting_update(
            selection_round=selection_round, by=coordinator, item=question, data={"label": "Votre région ?"}
        )
    services.round_setting_update(
        selection_round=selection_round, by=coordinator, item=question, data={"sensitive": True}
    )
    assert services.round_setting_remove(selection_round=selection_round, by=coordinator, item=question) == "archived"
    question.refresh_from_db()
    assert question.hidden_at is not None and question.sensitive
    # The candidate's next save keeps the hidden question's answer.
    services.application_save_draft(
        application=application, by=application.candidate, data={"answers": {str(question.pk): "effacé"}}
    )
    application.refresh_from_db()
    assert application.answers == {str(question.pk): "Lyon"}
    # Coordinators still read it in the dossier.
    view = selectors.dossier_view(application=application, viewer=coordinator)
    assert ("Votre ville ?", "Lyon") in view.sections


def test_unanswered_question_is_removed(selection_round, coordinator):
    question = services.round_setting_add(
        selection_round=selection_round, by=coordinator, item=RoundQuestion(label="Q")
    )
    ApplicationFactory(selection_round=selection_round, answers={str(question.pk): "   "})
    services.round_setting_update(selection_round=selection_round, by=coordinator, item=question, data={"label": "Q2"})
    assert services.round_setting_remove(selection_round=selection_round, by=coordinator, item=question) == "removed"
    assert not RoundQuestion.objects.filter(pk=question.pk).exists()


# --- Who may ------------------------------------------------------------------------------------------


def test_only_the_rounds_coordinators_change_its_settings(selection_round, juror):
    criterion = selection_round.criteria.first()
    with pytest.raises(SelectionError, match="coordinators"):
        services.round_setting_update(selection_round=selection_round, by=juror, item=criterion, data={"weight": 4})
    with pytest.raises(SelectionError, match="coordinators"):
        services.round_setting_remove(selection_round=selection_round, by=juror, item=criterion)
    other = SelectionRoundFactory()
    other.cohort.coordinators.add(juror)
    with pytest.raises(SelectionError, match="does not belong"):
        services.round_setting_remove(selection_round=other, by=juror, item=criterion)
    assert ScoringCriterion.objects.filter(pk=criterion.pk, weight=criterion.weight).exists()


# --- The page ---------------------------------------------------------------------------------------


def test_coordinator_edits_and_removes_from_the_page(client, selection_round, coordinator, juror):
    from django.utils import translation

    client.force_login(coordinator)
    criterion = selection_round.criteria.get(label="Motivation")
    response = client.post(
        settings_url(selection_round),
        {
            "kind": "criterion",
            "action": "edit",
            "item": criterion.pk,
            f"criterion-{criterion.pk}-label": "Motivation",
            f"criterion-{criterion.pk}-weight": "4",
            f"criterion-{criterion.pk}-max_score": "5",
        },
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.weight == 4
    scored(criterion, juror)
    with translation.override("fr"):
        page = client.post(
            settings_url(selection_round),
            {
                "kind": "criterion",
                "action": "edit",
                "item": criterion.pk,
                f"criterion-{criterion.pk}-label": "Motivation",
                f"criterion-{criterion.pk}-weight": "1",
                f"criterion-{criterion.pk}-max_score": "5",
            },
            follow=True,
            headers={"accept-language": "fr"},
        ).content.decode()
    criterion.refresh_from_db()
    assert criterion.weight == 4
    assert "ont déjà noté ce critère" in page
    assert "Ce critère a été noté : il reste dans la grille." in page

    cv = selection_round.required_documents.get()
    ApplicationDocumentFactory(application=ApplicationFactory(selection_round=selection_round))
    page = client.post(
        settings_url(selection_round), {"kind": "document", "action": "remove", "item": cv.pk}, follow=True
    ).content.decode()
    cv.refresh_from_db()
    assert cv.archived_at is not None
    assert "il n&#x27;est simplement plus demandé" in page or "il n'est simplement plus demandé" in page
    assert "Demander à nouveau" in page
    # Another round's item cannot be reached through this page.
    foreign = SelectionRoundFactory().criteria.first()
    response = client.post(settings_url(selection_round), {"kind": "criterion", "action": "remove", "item": foreign.pk})
    assert response.status_code == 404
    assert ScoringCriterion.objects.filter(pk=foreign.pk).exists()


def test_invalid_edit_shows_the_form_again(client, selection_round, coordinator):
    client.force_login(coordinator)
    cv = selection_round.required_documents.get()
    page = client.post(
        settings_url(selection_round),
        {
            "kind": "document",
            "action": "edit",
            "item": cv.pk,
            f"document-{cv.pk}-label": "CV",
            f"document-{cv.pk}-accepted_extensions": "p/df",
            f"document-{cv.pk}-max_size_mb": "5",
        },
    ).content.decode()
    assert "extensions" in page.lower() or "pdf,jpg" in page
    cv.refresh_from_db()
    assert cv.accepted_extensions == "pdf,odt,docx"


def test_other_people_cannot_open_the_settings(client, selection_round, juror):
    client.force_login(juror)
    assert client.get(settings_url(selection_round)).status_code == 404
    criterion = selection_round.criteria.first()
    response = client.post(
        settings_url(selection_round), {"kind": "criterion", "action": "remove", "item": criterion.pk}
    )
    assert response.status_code == 404
    assert ScoringCriterion.objects.filter(pk=criterion.pk).exists()


def test_settings_page_constant_queries(client, selection_round, coordinator, juror, django_assert_num_queries):
    client.force_login(coordinator)

    def make(n):
        for i in range(n):
            document = services.round_setting_add(
                selection_round=selection_round, by=coordinator, item=RequiredDocument(label=f"Pièce {i}")
            )
            ApplicationDocumentFactory(
                application=ApplicationFactory(selection_round=selection_round), required_document=document
            )
            question = services.round_setting_add(
                selection_round=selection_round, by=coordinator, item=RoundQuestion(label=f"Question {i}")
            )
            ApplicationFactory(selection_round=selection_round, answers={str(question.pk): "oui"})
            criterion = services.round_setting_add(
                selection_round=selection_round, by=coordinator, item=ScoringCriterion(label=f"Critère {i}")
            )
            scored(criterion, juror)

    def fetch():
        assert client.get(settings_url(selection_round)).status_code == 200

    assert_constant_queries(make, fetch, few=1, many=6, queries=14)
    with django_assert_num_queries(14):
        fetch()


def test_history_of_changes_is_shown(client, selection_round, coordinator):
    services.round_setting_add(selection_round=selection_round, by=coordinator, item=RoundQuestion(label="Q-HIST"))
    client.force_login(coordinator)
    page = client.get(settings_url(selection_round)).content.decode()
    assert "Q-HIST" in page and coordinator.full_name in page


def test_unknown_user_sees_no_settings(client, selection_round):
    client.force_login(UserFactory())
    assert client.get(settings_url(selection_round)).status_code == 404
