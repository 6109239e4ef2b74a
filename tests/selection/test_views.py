import datetime
import html

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessRecord
from cohorts.models import Enrolment
from selection import services
from selection.changes import round_changed
from selection.enums import ApplicationStatus as S
from selection.enums import DecisionOutcome, DocumentStatus, OfferStatus
from selection.models import InterviewBooking, JuryAssignment, Offer, RequiredDocument, RoundQuestion
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    DecisionFactory,
    InterviewSlotFactory,
    OfferFactory,
    SelectionRoundFactory,
    UserFactory,
)
from tests.factories.cohorts import PDF_BYTES
from tests.utils import assert_constant_queries, body, prepared_file, queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_quiet_hours(settings):
    """The selection's e-mails are outbox messages; when they wait for the morning is tested in
    test_selection_messages. Here they go at once, whatever the hour the suite runs."""
    settings.REMINDERS_QUIET_HOURS = None


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def url(name, *args):
    return reverse(f"selection:{name}", args=args)


# --- Public call, account with verified e-mail ---------------------------------------------------------


def test_open_call_tag_renders_open_round_only(selection_round, programme, rf):
    html = Template("{% load selection %}{% open_call programme %}").render(
        Context({"programme": programme, "request": rf.get("/")})
    )
    assert selection_round.title in html and url("round", selection_round.pk) in html
    other = SelectionRoundFactory(closed=True)
    html = Template("{% load selection %}{% open_call programme %}").render(
        Context({"programme": other.cohort.programme})
    )
    assert html.strip() == ""


def test_anonymous_visitor_is_sent_to_signup_for_the_call(client, selection_round):
    response = client.post(url("apply", selection_round.pk))
    assert response.status_code == 302
    assert response.url == reverse("account_signup") + "?next=" + url("apply", selection_round.pk)


# --- Candidate pages ------------------------------------------------------------------------------------


def test_candidate_saves_draft_uploads_and_submits(client, selection_round, committed):
    application = ApplicationFactory(selection_round=selection_round, motivation="")
    client.force_login(application.candidate)
    data = {
        "motivation": "Transmettre",
        "lived_experience": "Synthétique",
        "professional_project": "Binôme",
        "availability": "Jeudis",
        "departement": "2a",
        "save": "1",
    }
    response = client.post(url("dossier_edit", application.pk), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.motivation == "Transmettre" and application.departement == "2A"
    required = selection_round.required_documents.first()
    bad = client.post(
        url("document_upload", application.pk, required.pk), {"file": SimpleUploadedFile("cv.exe", b"MZ")}, follow=True
    )
    assert "pas pu reconnaître le type de ce fichier" in bad.content.decode()
    client.post(url("document_upload", application.pk, required.pk), {"file": SimpleUploadedFile("cv.pdf", PDF_BYTES)})
    with committed():
        response = client.post(url("dossier_edit", application.pk), {**data, "submit": "1"})
    assert response.url == url("dossier", application.pk)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    page = client.get(url("dossier", application.pk)).content.decode()
    assert "vérifie vos pièces" in page


def test_other_candidate_gets_404_on_dossier_pages(client, selection_round):
    application = ApplicationFactory(selection_round=selection_round)
    client.force_login(UserFactory())
    for name in ("dossier", "dossier_edit", "withdraw", "book_interview", "decision_letter"):
        assert client.get(url(name, application.pk)).status_code == 404


def test_unpublished_decision_is_invisible_to_candidate(client, selection_round):
    decision = DecisionFactory(application__selection_round=selection_round, refused=True)
    client.force_login(decision.application.candidate)
    page = client.get(url("dossier", decision.application_id)).content.decode()
    assert "Projet à mûrir" not in page and "Non retenue" not in page
    assert client.get(url("decision_letter", decision.application_id)).status_code == 404


def test_candidates_dossier_page_constant_queries(client, selection_round):
    """The candidate's page, with a booked interview (read with the dossier, as the decision is: two queries fewer
    than when each was asked apart), whatever the number of documents."""
    application = ApplicationFactory(selection_round=selection_round, status=S.INTERVIEW_INVITED)
    slot = InterviewSlotFactory(selection_round=selection_round)
    InterviewBooking.objects.create(slot=slot, application=application)
    client.force_login(application.candidate)

    def make_rows(n):
        for _ in range(n):
            required = RequiredDocument.objects.create(selection_round=selection_round, label="Attestation")
            ApplicationDocumentFactory(application=application, required_document=required)

    def fetch():
        page = client.get(url("dossier", application.pk))
        assert page.status_code == 200 and slot.place in html.unescape(page.content.decode())

    assert_constant_queries(make_rows, fetch, few=1, many=5, queries=10)


def test_candidate_withdraws_with_reason(client, selection_round):
    application = ApplicationFactory(selection_round=selection_round, submitted=True)
    client.force_login(application.candidate)
    client.post(url("withdraw", application.pk), {"reason": "Raisons personnelles"})
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and application.withdrawal_reason == "Raisons personnelles"


def test_candidate_books_slot_and_confirms_offer(client, selection_round):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    slot = InterviewSlotFactory(selection_round=selection_round)
    client.force_login(application.candidate)
    assert slot.place in client.get(url("book_interview", application.pk)).content.decode()
    client.post(url("book_interview", application.pk), {"slot": slot.pk})
    assert application.booking.slot == slot

    offer = OfferFactory(application__selection_round=selection_round)
    client.force_login(offer.application.candidate)
    client.post(url("answer_offer", offer.application_id), {"answer": "confirm"})
    assert Enrolment.objects.filter(learner=offer.application.candidate, cohort=selection_round.cohort).exists()


# --- Who can see the narrative and the files -------------------------------------------------------------


@pytest.fixture
def dossier_with_file(selection_round, coordinator, juror):
    application = ApplicationFactory(selection_round=selection_round, complete=True, lived_experience="SECRET-RECIT")
    document = ApplicationDocumentFactory(application=application, validated=True)
    services.jury_assign(application=application, reviewer=juror, by=coordinator)
    return application, document


def test_file_and_narrative_access(client, dossier_with_file, coordinator, juror, president):
    application, document = dossier_with_file
    other_round = SelectionRoundFactory()
    other_coordinator = UserFactory()
    other_round.cohort.coordinators.add(other_coordinator)
    other_candidate = ApplicationFactory(selection_round=application.selection_round).candidate
    conflicted = UserFactory()
    application.selection_round.jury_members.add(conflicted)
    services.jury_assign(application=application, reviewer=conflicted, by=coordinator)
    services.conflict_declare(application=application, reviewer=conflicted)

    allowed = [application.candidate, coordinator, juror]
    refused = [other_candidate, other_coordinator, conflicted, president, UserFactory()]
    for person in allowed:
        client.force_login(person)
        response = client.get(url("document_file", document.pk))
        assert response.status_code == 200, person
        assert b"".join(response.streaming_content) == PDF_BYTES
    for person in refused:
        client.force_login(person)
        assert client.get(url("document_file", document.pk)).status_code == 404, person
        assert client.get(url("jury_review", application.pk)).status_code == 404, person
        assert (
            client.get(url("manage_application", application.selection_round_id, application.pk)).status_code == 404
        ), person
    client.force_login(juror)
    assert "SECRET-RECIT" in client.get(url("jury_review", application.pk)).content.decode()
    client.force_login(coordinator)
    assert (
        "SECRET-RECIT"
        in client.get(url("manage_application", application.selection_round_id, application.pk)).content.decode()
    )
    readers = set(AccessRecord.objects.filter(person=application.candidate).values_list("reader_id", flat=True))
    assert readers == {coordinator.pk, juror.pk}  # the candidate's own reads are not logged
    client.logout()
    assert client.get(url("document_file", document.pk)).status_code == 302


def test_media_folder_is_not_served(client, dossier_with_file):
    _application, document = dossier_with_file
    assert client.get("/media/" + document.file.name).status_code == 404


# --- Coordinator pages ------------------------------------------------------------------------------------


def test_coordinator_pages_refused_to_others(client, selection_round, juror):
    other_coordinator = UserFactory()
    SelectionRoundFactory().cohort.coordinators.add(other_coordinator)
    names = ["manage_dashboard", "manage_applications", "manage_jury", "manage_slots", "manage_export"]
    for person in (juror, other_coordinator, UserFactory()):
        client.force_login(person)
        for name in names:
            assert client.get(url(name, selection_round.pk)).status_code == 404, (person, name)


def test_coordinator_refuses_document_and_dossier_goes_back(client, selection_round, coordinator, committed):
    application = ApplicationFactory(selection_round=selection_round, submitted=True)
    document = ApplicationDocumentFactory(application=application)
    client.force_login(coordinator)
    base = (selection_round.pk, application.pk)
    client.post(url("manage_action", *base, "check"), {"document": document.pk, "validated": "0", "comment": "Flou"})
    document.refresh_from_db()
    assert document.status == DocumentStatus.REFUSED
    with committed():
        client.post(url("manage_action", *base, "check-done"))
    application.refresh_from_db()
    assert application.status == S.INCOMPLETE
    assert "Flou" in mail.outbox[-1].body


def test_coordinator_assigns_jury_automatically(client, selection_round, coordinator):
    ApplicationFactory.create_batch(2, selection_round=selection_round, complete=True)
    client.force_login(coordinator)
    client.post(url("manage_jury", selection_round.pk))
    assert JuryAssignment.objects.filter(application__selection_round=selection_round).count() == 4


def test_coordinator_records_decision_and_only_president_publishes(client, selection_round, coordinator, president):
    application = ApplicationFactory(selection_round=selection_round, interviewed=True)
    client.force_login(coordinator)
    client.post(url("manage_action", selection_round.pk, application.pk, "decide"), {"outcome": "admitted"})
    application.refresh_from_db()
    assert application.status == S.DELIBERATED
    client.post(url("ranking", selection_round.pk))
    application.refresh_from_db()
    assert application.status == S.DELIBERATED
    client.force_login(president)
    assert client.get(url("ranking", selection_round.pk)).status_code == 200
    client.post(url("ranking", selection_round.pk))
    application.refresh_from_db()
    assert application.status == S.ADMITTED
    assert Offer.objects.get(application=application).status == OfferStatus.OPEN
    client.force_login(UserFactory())
    assert client.get(url("ranking", selection_round.pk)).status_code == 404


def test_export_leaves_sensitive_answers_out_unless_chosen(client, selection_round, coordinator):
    RoundQuestion.objects.create(selection_round=selection_round, label="Traitement en cours ?", sensitive=True)
    ApplicationFactory(selection_round=selection_round, lived_experience="RECIT-SENSIBLE", submitted=True)
    client.force_login(coordinator)
    page = client.get(url("manage_export", selection_round.pk)).content.decode()
    assert 'value="lived_experience" id="col-lived_experience">' in page  # not checked by default
    csv_plain = client.get(
        url("manage_export", selection_round.pk), {"columns": ["last_name", "status"], "format": "csv"}
    )
    assert "RECIT-SENSIBLE" not in body(csv_plain).decode()
    csv_chosen = client.get(
        url("manage_export", selection_round.pk), {"columns": ["last_name", "lived_experience"], "format": "csv"}
    )
    assert "RECIT-SENSIBLE" in body(csv_chosen).decode("utf-8-sig")
    xlsx = prepared_file(client, url("manage_export", selection_round.pk), {"columns": ["last_name"], "format": "xlsx"})
    assert body(xlsx)[:2] == b"PK"


def test_dossier_pdf_bundle(client, dossier_with_file, coordinator):
    application, _document = dossier_with_file
    client.force_login(coordinator)
    response = client.get(url("manage_dossier_pdf", application.selection_round_id, application.pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# --- Jury pages ----------------------------------------------------------------------------------------------


def test_blind_reading_hides_name_until_own_review(client, dossier_with_file, juror, coordinator):
    application, _document = dossier_with_file
    selection_round = application.selection_round
    selection_round.anonymous_first_reading = True
    selection_round.save()
    question = RoundQuestion.objects.create(selection_round=selection_round, label="Votre ville ?", identifying=True)
    application.answers = {str(question.pk): "VILLE-IDENTIFIANTE"}
    application.save()
    client.force_login(juror)
    page = client.get(url("jury_review", application.pk)).content.decode()
    assert application.candidate.last_name not in page and "VILLE-IDENTIFIANTE" not in page
    assert application.reference in page
    assert application.candidate.last_name not in client.get(url("jury_home")).content.decode()
    criteria = {f"criterion_{c.pk}": "4" for c in selection_round.criteria.all()}
    client.post(url("jury_review", application.pk), {**criteria, "comment": "Bien", "submit": "1"})
    page = client.get(url("jury_review", application.pk)).content.decode()
    assert application.candidate.last_name in page and "VILLE-IDENTIFIANTE" in page


def test_others_reviews_hidden_until_own_is_submitted(client, dossier_with_file, juror, president, coordinator):
    application, _document = dossier_with_file
    services.jury_assign(application=application, reviewer=president, by=coordinator)
    first, second = application.selection_round.criteria.all()
    services.review_save(
        application=application,
        reviewer=president,
        scores={first.pk: 5, second.pk: 5},
        comment="AVIS-PRESIDENT",
        submit=True,
    )
    client.force_login(juror)
    assert "AVIS-PRESIDENT" not in client.get(url("jury_review", application.pk)).content.decode()
    client.post(
        url("jury_review", application.pk), {f"criterion_{first.pk}": "3", f"criterion_{second.pk}": "2", "submit": "1"}
    )
    assert "AVIS-PRESIDENT" in client.get(url("jury_review", application.pk)).content.decode()


def test_conflict_declared_from_review_page_excludes(client, dossier_with_file, juror):
    application, _document = dossier_with_file
    client.force_login(juror)
    client.post(url("jury_conflict", application.pk), {"reason": "Ancienne collègue"})
    assert client.get(url("jury_review", application.pk)).status_code == 404
    assert application.reference not in client.get(url("jury_home")).content.decode()


def test_ranking_board_weighted_mean_median_spread(selection_round, coordinator, juror, president):
    from selection.selectors import ranking_board

    application = ApplicationFactory(selection_round=selection_round, complete=True)
    first, second = selection_round.criteria.all()  # weights 2 and 1, out of 5
    for reviewer, scores in ((juror, (5, 5)), (president, (2, 5))):
        services.jury_assign(application=application, reviewer=reviewer, by=coordinator)
        services.review_save(
            application=application, reviewer=reviewer, scores={first.pk: scores[0], second.pk: scores[1]}, submit=True
        )
    (row,) = ranking_board(selection_round=selection_round)
    assert sorted(row.totals) == [12.0, 20.0]  # (2*2+5)/15*20 = 12
    assert (row.mean, row.median, row.spread) == (16.0, 16.0, 8.0)


# --- Query counts -----------------------------------------------------------------------------------------------


def _many_applications(selection_round, coordinator, juror):
    def make(n):
        for _ in range(n):
            application = ApplicationFactory(selection_round=selection_round, complete=True)
            ApplicationDocumentFactory(application=application)
            services.jury_assign(application=application, reviewer=juror, by=coordinator)
            DecisionFactory(application=ApplicationFactory(selection_round=selection_round, deliberated=True))
            InterviewSlotFactory(selection_round=selection_round)

    return make


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("manage_dashboard", 10),
        ("manage_applications", 5),
        ("manage_jury", 9),
        ("manage_slots", 8),
        ("ranking", 12),
        ("manage_export", 4),
    ],
)
def test_coordinator_lists_constant_queries(
    client, selection_round, coordinator, juror, name, queries, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 5)  # the paginated lists hold several pages at 6 rows
    client.force_login(coordinator)

    def fetch():
        with django_capture_on_commit_callbacks(execute=True):
            round_changed(round_ids=[selection_round.pk])  # the list is built again (rows written in the test)
        assert client.get(url(name, selection_round.pk)).status_code == 200

    assert_constant_queries(
        _many_applications(selection_round, coordinator, juror), fetch, few=1, many=6, queries=queries
    )


def test_application_list_pages_through_the_round_and_keeps_its_filters(
    client, selection_round, coordinator, juror, monkeypatch
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 3)
    complete = [
        ApplicationFactory(selection_round=selection_round, complete=True, candidate=UserFactory(last_name=f"Nom{i}"))
        for i in range(7)
    ]
    services.jury_assign(application=complete[0], reviewer=juror, by=coordinator)
    ApplicationFactory(selection_round=selection_round, submitted=True, candidate=UserFactory(last_name="Autre"))
    client.force_login(coordinator)

    def names(response):
        return [row["name"].split()[-1] for row in response.context["applications"]]

    response = client.get(url("manage_applications", selection_round.pk))
    assert names(response) == ["Autre", "Nom0", "Nom1"]
    assert [row["reviews"] for row in response.context["applications"]] == ["0/0", "0/1", "0/0"]
    assert response.context["page"].paginator.count == 8

    # Nom0 is under review since the assignment: six dossiers are still complete, on two pages.
    response = client.get(url("manage_applications", selection_round.pk), {"status": S.COMPLETE})
    page = response.context["page"]
    assert names(response) == ["Nom1", "Nom2", "Nom3"]
    assert (page.paginator.count, page.paginator.num_pages) == (6, 2)
    html = response.content.decode()
    assert "6 dossiers" in html
    assert 'aria-label="Pages des candidatures"' in html
    assert "?status=complete&amp;page=2" in html  # the next page keeps the filter

    response = client.get(url("manage_applications", selection_round.pk), {"status": S.COMPLETE, "page": 2})
    assert names(response) == ["Nom4", "Nom5", "Nom6"]
    response = client.get(url("manage_applications", selection_round.pk), {"q": "nom4"})
    assert names(response) == ["Nom4"]
    assert "Page 1 sur" not in response.content.decode()  # one page: no page links


def test_application_list_rows_say_what_each_dossier_is(client, selection_round, coordinator, juror):
    """Each cell of a row, computed once for the page: link, name, status, département, date, reviews, decision."""
    submitted = timezone.make_aware(datetime.datetime(2026, 3, 2, 23, 30), datetime.UTC)  # 3 March in Paris
    reviewed = ApplicationFactory(
        selection_round=selection_round,
        complete=True,
        submitted_at=submitted,
        departement="2A",
        candidate=UserFactory(first_name="Aline", last_name="Abel"),
    )
    services.jury_assign(application=reviewed, reviewer=juror, by=coordinator)
    waiting = DecisionFactory(
        waitlisted=True,
        application__selection_round=selection_round,
        application__candidate=UserFactory(first_name="Bruno", last_name="Bel"),
    ).application
    anonymous = ApplicationFactory(selection_round=selection_round, candidate=None)
    client.force_login(coordinator)

    response = client.get(url("manage_applications", selection_round.pk))
    rows = response.context["applications"]
    assert rows[:2] == [
        {
            "url": url("manage_application", selection_round.pk, reviewed.pk),
            "name": "Aline Abel",
            "status": "En lecture par le jury",
            "departement": "2A",
            "submitted_on": "3 mars 2026",
            "reviews": "0/1",
            "decision": "",
        },
        {
            "url": url("manage_application", selection_round.pk, waiting.pk),
            "name": "Bruno Bel",
            "status": str(S.DELIBERATED.label),
            "departement": "69",
            "submitted_on": "",
            "reviews": "0/0",
            "decision": f"{waiting.decision.get_outcome_display()} (1)",
        },
    ]
    assert rows[2]["name"] == anonymous.reference
    page = html.unescape(response.content.decode())
    assert (
        "Aline Abel</a></td><td>En lecture par le jury</td><td>2A</td><td>3 mars 2026</td><td>0/1</td><td>—</td>"
        in page
    )


def test_the_application_list_is_kept_until_the_round_changes(
    client, selection_round, coordinator, juror, django_capture_on_commit_callbacks
):
    """Kept in the shared cache under the round's version (selection.changes): a new assignment, a review sent, a
    decision, a candidate's new name or a new dossier show at the next request; another address has its own list."""
    application = ApplicationFactory(
        selection_round=selection_round, complete=True, candidate=UserFactory(first_name="Aline", last_name="Abel")
    )
    client.force_login(coordinator)
    address = url("manage_applications", selection_round.pk)
    first = client.get(address)
    assert "applications" in first.context and "Aline Abel" in first.content.decode()
    cached = client.get(address)
    assert "applications" not in cached.context and cached.context["table"] == first.context["table"]
    assert queries_for(lambda: client.get(address)) == 3  # session and user, the round

    def changed(write) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            write()
        again = client.get(address)
        assert "applications" in again.context  # built again
        return html.unescape(again.content.decode())

    def rename():
        candidate = application.candidate
        candidate.last_name = "Martin"
        candidate.save(update_fields=["last_name"])

    assert "<td>0/1</td>" in changed(
        lambda: services.jury_assign(application=application, reviewer=juror, by=coordinator)
    )
    assert "Aline Martin" in changed(rename)
    assert "Bruno Brun" in changed(
        lambda: ApplicationFactory(
            selection_round=selection_round, candidate=UserFactory(first_name="Bruno", last_name="Brun")
        )
    )
    assert str(DecisionOutcome.ADMITTED.label) in changed(lambda: DecisionFactory(application=application))
    other = client.get(address, {"status": S.COMPLETE})
    assert "applications" in other.context


def test_jury_home_constant_queries(client, selection_round, coordinator, juror):
    client.force_login(juror)

    def fetch():
        assert client.get(url("jury_home")).status_code == 200

    assert_constant_queries(_many_applications(selection_round, coordinator, juror), fetch, few=1, many=6, queries=7)


def test_my_applications_constant_queries(client, coordinator):
    candidate = UserFactory()
    client.force_login(candidate)

    def make(n):
        for _ in range(n):
            ApplicationFactory(candidate=candidate)

    def fetch():
        assert client.get(url("my_applications")).status_code == 200

    assert_constant_queries(make, fetch, few=1, many=5, queries=3)


def test_ranking_board_constant_queries(client, selection_round, coordinator, juror):
    client.force_login(coordinator)
    first, second = selection_round.criteria.all()

    def make(n):
        for _ in range(n):
            application = ApplicationFactory(selection_round=selection_round, complete=True)
            services.jury_assign(application=application, reviewer=juror, by=coordinator)
            services.review_save(
                application=application, reviewer=juror, scores={first.pk: 3, second.pk: 4}, submit=True
            )

    def fetch():
        assert client.get(url("ranking", selection_round.pk)).status_code == 200

    assert_constant_queries(make, fetch, few=1, many=6, queries=13)


# With more decisions waiting than named, one more query counts them.
@pytest.mark.parametrize(("waiting", "queries"), [(3, 12), (8, 13)])
def test_ranking_names_the_first_decisions_waiting_for_publication_and_counts_the_others(
    client, selection_round, coordinator, monkeypatch, waiting, queries, django_assert_num_queries
):
    """A large round may hold a thousand decisions before publication: the page names a few and counts the rest, in
    the same number of queries whether there are more or not."""
    monkeypatch.setattr("selection.views.PENDING_SHOWN", 5)
    for _ in range(waiting):
        DecisionFactory(application=ApplicationFactory(selection_round=selection_round, deliberated=True))
    client.force_login(coordinator)
    client.get(url("ranking", selection_round.pk))
    with django_assert_num_queries(queries):
        page = client.get(url("ranking", selection_round.pk))
    assert len(page.context["pending"]) == min(waiting, 5)
    more = page.content.decode()
    if waiting > 5:
        assert "Et 3 autres décisions, publiées avec celles-ci" in more
    else:
        assert "autres décisions" not in more


def test_ranking_pages_keep_the_whole_rankings_places_and_filter(
    client, selection_round, coordinator, juror, monkeypatch
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    first, second = selection_round.criteria.all()  # weights 2 and 1, out of 5
    applications = []
    for n, score in enumerate((5, 1, 4, 2, 3)):
        application = ApplicationFactory(
            selection_round=selection_round, complete=True, candidate=UserFactory(last_name=f"Classe{n}")
        )
        services.jury_assign(application=application, reviewer=juror, by=coordinator)
        services.review_save(
            application=application, reviewer=juror, scores={first.pk: score, second.pk: score}, submit=True
        )
        applications.append(application)
    DecisionFactory(application=applications[2], outcome="waitlisted", rank=1)
    client.force_login(coordinator)

    response = client.get(url("ranking", selection_round.pk))
    assert [(r.rank, r.application.candidate.last_name) for r in response.context["rows"]] == [
        (1, "Classe0"),
        (2, "Classe2"),
    ]
    assert response.context["reviewed"] == 5
    response = client.get(url("ranking", selection_round.pk), {"page": 3})
    assert [(r.rank, r.application.candidate.last_name) for r in response.context["rows"]] == [(5, "Classe1")]
    html = response.content.decode()
    assert "5 dossiers évalués dans le classement" in html
    assert 'aria-label="Pages du classement"' in html

    # A filter keeps each dossier's place in the whole ranking, and the page links keep the filter.
    response = client.get(url("ranking", selection_round.pk), {"outcome": "undecided"})
    assert [(r.rank, r.application.candidate.last_name) for r in response.context["rows"]] == [
        (1, "Classe0"),
        (3, "Classe4"),
    ]
    assert "?outcome=undecided&amp;page=2" in response.content.decode()
    response = client.get(url("ranking", selection_round.pk), {"outcome": "waitlisted"})
    assert [(r.rank, r.application.candidate.last_name) for r in response.context["rows"]] == [(2, "Classe2")]
    response = client.get(url("ranking", selection_round.pk), {"q": "classe3"})
    assert [(r.rank, r.application.candidate.last_name) for r in response.context["rows"]] == [(4, "Classe3")]
    assert (
        "Aucun dossier ne correspond" in client.get(url("ranking", selection_round.pk), {"q": "zzz"}).content.decode()
    )


def test_ranking_publication_acts_on_the_whole_round_when_the_board_shows_a_page(
    client, selection_round, coordinator, president, committed, monkeypatch
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 1)
    deliberated = [ApplicationFactory(selection_round=selection_round, deliberated=True) for _ in range(3)]
    for n, application in enumerate(deliberated):
        DecisionFactory(application=application, outcome="waitlisted", rank=n + 1)
    client.force_login(president)
    with committed():
        response = client.post(url("ranking", selection_round.pk) + "?page=2")
    assert response.status_code == 302
    for application in deliberated:
        application.decision.refresh_from_db()
        assert application.decision.published_at is not None


def test_jury_page_pages_and_filters_the_dossiers_waiting_for_the_jury(
    client, selection_round, coordinator, juror, president, monkeypatch
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    selection_round.reviews_per_application = 2
    selection_round.save()
    dossiers = [
        ApplicationFactory(selection_round=selection_round, complete=True, candidate=UserFactory(last_name=f"Jury{n}"))
        for n in range(3)
    ]
    for reviewer in (juror, president):
        services.jury_assign(application=dossiers[0], reviewer=reviewer, by=coordinator)
    services.jury_assign(application=dossiers[1], reviewer=juror, by=coordinator)
    client.force_login(coordinator)

    response = client.get(url("manage_jury", selection_round.pk))
    assert [a.candidate.last_name for a in response.context["applications"]] == ["Jury0", "Jury1"]
    assert 'aria-label="Pages des dossiers"' in response.content.decode()
    response = client.get(url("manage_jury", selection_round.pk), {"missing": "on"})
    assert [a.candidate.last_name for a in response.context["applications"]] == ["Jury1", "Jury2"]
    response = client.get(url("manage_jury", selection_round.pk), {"status": S.COMPLETE})
    assert [a.candidate.last_name for a in response.context["applications"]] == ["Jury2"]
    response = client.get(url("manage_jury", selection_round.pk), {"q": "jury1"})
    assert [a.candidate.last_name for a in response.context["applications"]] == ["Jury1"]
    # The automatic assignment still completes every dossier of the round, not only those of the page shown.
    client.post(url("manage_jury", selection_round.pk) + "?page=2")
    response = client.get(url("manage_jury", selection_round.pk), {"missing": "on"})
    assert list(response.context["applications"]) == []


def test_juror_list_pages_through_their_dossiers_and_filters_by_review(
    client, selection_round, coordinator, juror, monkeypatch
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    first, second = selection_round.criteria.all()
    dossiers = [ApplicationFactory(selection_round=selection_round, complete=True) for _ in range(3)]
    for application in dossiers:
        services.jury_assign(application=application, reviewer=juror, by=coordinator)
    services.review_save(application=dossiers[0], reviewer=juror, scores={first.pk: 3, second.pk: 4}, submit=True)
    client.force_login(juror)

    response = client.get(url("jury_home"))
    assert [a.pk for a in response.context["applications"]] == [dossiers[0].pk, dossiers[1].pk]
    assert response.context["rounds"] == [(selection_round, 3, 1)]
    html = response.content.decode()
    assert "Dossiers évalués : 1 sur 3." in html
    assert 'aria-label="Pages de mes dossiers"' in html
    response = client.get(url("jury_home"), {"page": 2})
    assert [a.pk for a in response.context["applications"]] == [dossiers[2].pk]
    response = client.get(url("jury_home"), {"state": "to_review"})
    assert [a.pk for a in response.context["applications"]] == [dossiers[1].pk, dossiers[2].pk]
    response = client.get(url("jury_home"), {"state": "reviewed"})
    assert [a.pk for a in response.context["applications"]] == [dossiers[0].pk]


# --- Mon espace ------------------------------------------------------------------------------------------------------


def test_spaces_for_candidate_jury_and_coordinator(client, selection_round, coordinator, juror, president):
    application = ApplicationFactory(selection_round=selection_round)
    for person, expected in (
        (application.candidate, "Mes candidatures"),
        (juror, "Jury de sélection"),
        (president, "Jury de sélection"),
        (coordinator, "Campagnes de sélection"),
    ):
        client.force_login(person)
        assert expected in client.get(reverse("my_space:home")).content.decode()
    client.force_login(UserFactory())
    page = client.get(reverse("my_space:home")).content.decode()
    assert "Mes candidatures" not in page and "Jury de sélection" not in page
    assert "Campagnes de sélection" not in page


def test_offer_deadline_shown_and_expired_offer_cannot_be_confirmed(client, selection_round):
    import time_machine

    offer = OfferFactory(application__selection_round=selection_round)
    client.force_login(offer.application.candidate)
    assert "Je confirme ma place" in client.get(url("dossier", offer.application_id)).content.decode()
    with time_machine.travel(offer.deadline + datetime.timedelta(minutes=5)):
        client.post(url("answer_offer", offer.application_id), {"answer": "confirm"})
    assert not Enrolment.objects.filter(learner=offer.application.candidate).exists()
    assert timezone.now() < offer.deadline


def test_coordinator_adds_slot_with_jury(client, selection_round, coordinator, juror):
    client.force_login(coordinator)
    response = client.post(
        url("manage_slots", selection_round.pk),
        {"starts_at": "2030-06-12T09:30", "duration": "45", "place": "Salle 3", "jury": [juror.pk]},
    )
    assert response.status_code == 302
    slot = selection_round.slots.get()
    assert slot.place == "Salle 3" and list(slot.jury.all()) == [juror]
    assert (slot.ends_at - slot.starts_at) == datetime.timedelta(minutes=45)


def test_booking_change_refused_within_48_hours_in_the_page(client, selection_round):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    soon = InterviewSlotFactory(
        selection_round=selection_round, starts_at=timezone.now() + datetime.timedelta(hours=30)
    )
    later = InterviewSlotFactory(selection_round=selection_round)
    services.interview_book(application=application, slot=soon, by=application.candidate)
    client.force_login(application.candidate)
    page = client.post(url("book_interview", application.pk), {"slot": later.pk}, follow=True).content.decode()
    assert "moins de 48 heures" in page
    application.booking.refresh_from_db()
    assert application.booking.slot == soon
    assert client.post(url("book_interview", application.pk), {"slot": "abc"}).status_code == 200


def _round_data(cohort, **overrides):
    data = {
        "cohort": cohort.pk,
        "title": "Appel 2031",
        "opens_at": "2030-03-01T09:00",
        "closes_at": "2030-04-30T18:00",
        "interviews_start_on": "2030-05-15",
        "interviews_end_on": "2030-05-20",
        "deliberation_on": "2030-06-01",
        "capacity": "20",
        "offer_response_days": "7",
        "reviews_per_application": "2",
        "president_email": "president@example.test",
        "jury_emails": "jury@example.test\nJURY@example.test",
    }
    return {**data, **overrides}


def test_coordinator_opens_a_round_and_adds_its_settings(client, cohort, coordinator, president, juror):
    from selection.models import SelectionRound

    client.force_login(coordinator)
    response = client.post(url("round_create"), _round_data(cohort))
    selection_round = SelectionRound.objects.get(title="Appel 2031")
    assert response.url == url("round_settings", selection_round.pk)
    assert selection_round.jury_president == president and list(selection_round.jury_members.all()) == [juror]
    client.post(
        url("round_settings", selection_round.pk),
        {
            "kind": "document",
            "document-label": "CV",
            "document-accepted_extensions": ".PDF, odt",
            "document-max_size_mb": "5",
        },
    )
    client.post(
        url("round_settings", selection_round.pk),
        {"kind": "criterion", "criterion-label": "Motivation", "criterion-weight": "2", "criterion-max_score": "5"},
    )
    client.post(
        url("round_settings", selection_round.pk),
        {"kind": "question", "question-label": "Votre ville ?", "question-identifying": "on"},
    )
    assert selection_round.required_documents.get().accepted_extensions == "pdf,odt"
    assert selection_round.criteria.get().weight == 2
    assert selection_round.questions.get().identifying


def test_round_with_impossible_dates_or_foreign_cohort_is_refused(client, cohort, coordinator, president, juror):
    from selection.models import SelectionRound

    client.force_login(coordinator)
    page = html.unescape(
        client.post(url("round_create"), _round_data(cohort, closes_at="2030-02-01T09:00")).content.decode()
    )
    assert "L'appel doit se clore après son ouverture : vérifiez les deux dates." in page
    assert "round_closes_after_opening" not in page  # never the constraint's technical name
    foreign = SelectionRoundFactory().cohort
    client.post(url("round_create"), _round_data(foreign))
    client.post(url("round_create"), _round_data(cohort, jury_emails="inconnu@example.test"))
    assert not SelectionRound.objects.filter(title="Appel 2031").exists()
    client.force_login(juror)
    assert client.get(url("round_create")).status_code == 404


def test_jury_pdf_bundle_stays_anonymous_during_blind_reading(client, dossier_with_file, juror, president):
    application, _document = dossier_with_file
    application.selection_round.anonymous_first_reading = True
    application.selection_round.save()
    client.force_login(juror)
    response = client.get(url("jury_dossier_pdf", application.pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert application.reference in response["Content-Disposition"]
    client.force_login(president)  # jury member of the round, but not assigned to this dossier
    assert client.get(url("jury_dossier_pdf", application.pk)).status_code == 404
