"""Final validation pages: who may see them, the decision form, attestations, verification, exports, query counts."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from attestations.enums import AttestationKind
from attestations.models import Attestation
from cohort_sessions.enums import AttendanceStatus
from cohort_sessions.services import AttendanceEntry, attendance_record_session
from final_validation.enums import JuryOutcome
from final_validation.models import FinalDecision
from final_validation.selectors import cohort_validation_page
from final_validation.services import cohort_attendance_threshold_set, final_decision_record
from internships.enums import PlacementStatus
from lms.records import lesson_complete
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.final_validation.helpers import attend, build_programme, internship, make_eligible, past_sessions
from tests.utils import body, prepared_file

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(name, args=args)


@pytest.fixture
def lessons(programme):
    return build_programme(programme)


@pytest.fixture
def sessions(cohort):
    return past_sessions(cohort, 2)


@pytest.fixture
def eligible(cohort, lessons, sessions):
    enrolment = EnrolmentFactory(cohort=cohort, learner__first_name="Léa", learner__last_name="Martin")
    make_eligible(enrolment, lessons, sessions)
    return enrolment


@pytest.fixture
def behind(cohort, lessons):
    return EnrolmentFactory(cohort=cohort, learner__first_name="Yanis", learner__last_name="Morel")


@pytest.fixture
def other_coordinator(db):
    person = UserFactory(email="autre-coordination@example.test")
    CohortFactory(coordinators=[person])
    return person


@pytest.fixture
def awarded(eligible, coordinator):
    final_decision_record(
        enrolment=eligible, outcome=JuryOutcome.AWARDED, jury_date=timezone.localdate(), by=coordinator
    )
    return Attestation.objects.filter(kind=AttestationKind.SUCCESS).get(enrolment=eligible)


# --- Cohort page ------------------------------------------------------------------------------------------


def test_coordinator_sees_each_learner_with_criteria_and_standing(client, coordinator, cohort, eligible, behind):
    client.force_login(coordinator)
    response = client.get(url("final_validation:cohort", cohort.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Martin Léa" in page and "Morel Yanis" in page
    assert "Éligible" in page and "Pas encore éligible" in page
    assert "Aucun stage n&#x27;est encore enregistré." in page
    assert "Éligible (1)" in page and "Pas encore éligible (1)" in page


def test_every_value_of_the_rows_is_escaped(client, coordinator, cohort, programme, awarded):
    """The rows are written in Python (final_validation.templatetags): names, titles and explanations escaped."""
    EnrolmentFactory(cohort=cohort, learner__last_name="<b>Gras</b>", learner__first_name='Jo & "Co"')
    build_programme(programme, modules=(("Crise <i>aiguë</i>", 1),))  # a module not finished by anyone
    client.force_login(coordinator)
    html = client.get(url("final_validation:cohort", cohort.pk)).content.decode()
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;Gras&lt;/b&gt; Jo &amp; &quot;Co&quot;</a>" in html
    assert "— Jo &amp; &quot;Co&quot; &lt;b&gt;Gras&lt;/b&gt;</span></a>" in html
    assert "1 leçon dans « Crise &lt;i&gt;aiguë&lt;/i&gt; »" in html
    assert "Diplôme obtenu" in html and "Attestation (PDF)" in html  # the awarded learner's decision and attestation


def test_the_filter_shows_one_standing(client, coordinator, cohort, eligible, behind):
    client.force_login(coordinator)
    page = client.get(url("final_validation:cohort", cohort.pk), {"statut": "eligible"}).content.decode()
    assert "Martin Léa" in page and "Morel Yanis" not in page
    page = client.get(url("final_validation:cohort", cohort.pk), {"statut": "not_yet"}).content.decode()
    assert "Martin Léa" not in page and "Morel Yanis" in page


def test_the_list_pages_through_one_standing_and_searches_with_counts_of_the_whole_cohort(
    client, coordinator, cohort, eligible, lessons, monkeypatch
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    for index in range(5):
        EnrolmentFactory(cohort=cohort, learner__last_name=f"Nom{index}", learner__first_name="Sam")
    client.force_login(coordinator)
    target = url("final_validation:cohort", cohort.pk)

    response = client.get(target, {"statut": "not_yet", "page": 3})
    validation = response.context["validation"]
    assert [row.learner.last_name for row in validation.rows] == ["Nom4"]
    assert (validation.page.number, validation.page.paginator.num_pages) == (3, 3)
    assert validation.counts == {"eligible": 1, "nearly": 0, "not_yet": 5} and validation.total == 6
    html = response.content.decode()
    assert "Éligible (1)" in html and "Pas encore éligible (5)" in html
    assert 'aria-label="Pages des apprenants"' in html
    assert "?statut=not_yet&amp;page=2" in html  # the previous page keeps the filter
    assert 'href="?statut=eligible"' in html  # a filter starts again at page 1

    response = client.get(target, {"q": "nom3"})
    assert [row.learner.last_name for row in response.context["validation"].rows] == ["Nom3"]
    assert 'value="nom3"' in response.content.decode()
    response = client.get(target, {"q": "nom3", "statut": "eligible"})
    assert response.context["validation"].rows == []
    assert "Aucun apprenant ne correspond à cette recherche." in response.content.decode()


@pytest.mark.parametrize("name", ["final_validation:cohort", "final_validation:results"])
def test_another_coordinator_a_learner_and_a_stranger_are_refused(
    client, cohort, eligible, other_coordinator, outsider, name
):
    target = (
        url("final_validation:cohort", cohort.pk)
        if name == "final_validation:cohort"
        else url("final_validation:results", cohort.pk, "csv")
    )
    for person in (other_coordinator, eligible.learner, outsider):
        client.force_login(person)
        assert client.get(target).status_code == 404
    client.logout()
    assert client.get(target).status_code == 302


def _populate(cohort, count, lessons, sessions, coordinator):
    """`count` eligible learners, every other one awarded the diploma (with an attestation)."""
    for index in range(count):
        enrolment = EnrolmentFactory(cohort=cohort)
        make_eligible(enrolment, lessons, sessions)
        if index % 2 == 0:
            final_decision_record(
                enrolment=enrolment, outcome=JuryOutcome.AWARDED, jury_date=timezone.localdate(), by=coordinator
            )


# Once the learners' table is in the shared cache (cohorts.changes.cached_table): session and user (2), the cohort
# with its programme (1). No Wagtail user bar on the platform's own pages (cms.templatetags.cms_userbar).
FINAL_QUERIES_CACHED = 3
# The first request after a change also builds the table (13; the programme's outline comes from the shared cache,
# read by the decisions recorded): the enrolments considered, by name (1), and the standings of the whole cohort,
# then kept (4: the enrolments, modules done, attendance, validated internships); the page's enrolments, their
# module progress, attendance, placements, current decisions and attestations; the count of learners with a
# decision; the blocks of competencies (none here: test_blocks_pages counts those).
FINAL_QUERIES = FINAL_QUERIES_CACHED + 13


@pytest.mark.parametrize("count", [1, 8])
def test_the_page_reads_a_fixed_number_of_queries(
    client, coordinator, cohort, lessons, sessions, count, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("core.pagination.PER_PAGE", 5)  # 8 learners: two pages
    _populate(cohort, count, lessons, sessions, coordinator)
    client.force_login(coordinator)
    target = url("final_validation:cohort", cohort.pk)
    with django_assert_num_queries(FINAL_QUERIES):
        response = client.get(target)
    validation = response.context["validation"]
    assert len(validation.rows) == min(count, 5) and validation.total == count
    assert validation.decided == (count + 1) // 2
    with django_assert_num_queries(FINAL_QUERIES_CACHED):
        cached = client.get(target)
    assert "validation" not in cached.context  # the learners' table came from the cache, the same
    assert cached.context["learners_table"] == response.context["learners_table"]
    assert url("final_validation:learner", cohort.pk, validation.rows[0].enrolment.pk) in cached.content.decode()
    assert "csrfmiddlewaretoken" in cached.content.decode()  # the threshold form, rendered for this request


def test_cohort_counts_are_kept_until_a_service_writes_a_source(
    client, coordinator, cohort, eligible, sessions, django_capture_on_commit_callbacks
):
    """The whole cohort's standings are cached under the cohort's version: a register corrected through the
    service gives a new version once committed, and the next page shows the new counts."""
    client.force_login(coordinator)
    target = url("final_validation:cohort", cohort.pk)
    assert client.get(target).context["validation"].counts == {"eligible": 1, "nearly": 0, "not_yet": 0}
    with django_capture_on_commit_callbacks(execute=True):
        attendance_record_session(
            session=sessions[-1],
            by=coordinator,
            entries=[AttendanceEntry(learner_id=eligible.learner_id, status=AttendanceStatus.ABSENT)],
        )
    response = client.get(target)
    assert response.context["validation"].counts == {"eligible": 0, "nearly": 1, "not_yet": 0}  # 1 of 2: 50 %
    assert "Presque éligible (1)" in response.content.decode()
    # A learner enrolled since, even behind the services' back, is counted at once by the page's selector, whatever
    # the cached standings hold (the page's table, kept under the cohort's version, shows it at the next version).
    EnrolmentFactory(cohort=cohort)
    assert cohort_validation_page(cohort=cohort).counts == {"eligible": 0, "nearly": 1, "not_yet": 1}


def _learners(client, cohort):
    """The learners' part of the page, and whether it was built for this request (else read from the cache)."""
    response = client.get(url("final_validation:cohort", cohort.pk))
    return str(response.context["learners_table"]), "validation" in response.context


def test_the_learners_table_is_kept_until_one_of_its_sources_changes(
    client, coordinator, cohort, eligible, behind, lessons, sessions, django_capture_on_commit_callbacks
):
    placement = internship(behind, approved=70, final=None, status=PlacementStatus.INTERRUPTED)
    client.force_login(coordinator)
    html, built = _learners(client, cohort)
    assert built and "Morel Yanis" in html and "Pas encore éligible (1)" in html
    assert f"Le stage chez {escape(placement.host.name)} a été interrompu." in html
    assert "Aucune présence enregistrée" in html
    assert "cached_table" not in html  # the template's comment stays out of the page
    # Written behind the services' back: the table is read from the cache, as it was.
    attend(behind.learner, sessions, [AttendanceStatus.PRESENT, AttendanceStatus.PRESENT])
    assert _learners(client, cohort) == (html, False)

    first = lessons["Écoute active"][0]
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(learner=behind.learner, lesson=first, how=first.completion_rule)
    html, built = _learners(client, cohort)
    assert built and "1 leçon dans « Écoute active »" in html and "Assiduité 100 %" in html
    with django_capture_on_commit_callbacks(execute=True):
        cohort_attendance_threshold_set(cohort=cohort, threshold=50, by=coordinator)
    assert "pour un seuil de 50 %" in _learners(client, cohort)[0]
    with django_capture_on_commit_callbacks(execute=True):
        behind.learner.first_name = "Yann"
        behind.learner.save()
    assert "Morel Yann</a>" in _learners(client, cohort)[0]
    with django_capture_on_commit_callbacks(execute=True):
        placement.host.name = "GEM La Passerelle"
        placement.host.save()
    assert "Le stage chez GEM La Passerelle a été interrompu." in _learners(client, cohort)[0]
    with django_capture_on_commit_callbacks(execute=True):
        final_decision_record(
            enrolment=behind,
            outcome=JuryOutcome.DEFERRED,
            jury_date=timezone.localdate(),
            by=coordinator,
            note="Le stage reste à faire.",
        )
    html = _learners(client, cohort)[0]
    assert "Validation reportée" in html and "2 apprenant·es, 1 avec une décision du jury." in html
    module = first.get_parent().specific
    module.title = "Écoute et relation"
    module.save_revision().publish()
    assert "1 leçon dans « Écoute et relation »" in _learners(client, cohort)[0]
    # A login stamps the person's last login only: the table stays in the cache.
    with django_capture_on_commit_callbacks(execute=True):
        behind.learner.last_login = timezone.now()
        behind.learner.save(update_fields=["last_login"])
    assert _learners(client, cohort)[1] is False


def test_each_page_filter_search_and_language_of_the_learners_table_is_kept_apart(
    client, coordinator, cohort, eligible, behind
):
    client.force_login(coordinator)
    target = url("final_validation:cohort", cohort.pk)
    everyone = client.get(target).content.decode()
    eligible_only = client.get(target, {"statut": "eligible"}).content.decode()
    searched = client.get(target, {"q": "morel"}).content.decode()
    assert "Martin Léa" in everyone and "Morel Yanis" in everyone
    assert "Martin Léa" in eligible_only and "Morel Yanis" not in eligible_only
    assert "Martin Léa" not in searched and "Morel Yanis" in searched
    client.cookies["django_language"] = "en"
    english = client.get(target).content.decode()
    assert "2 learners, 0 with a jury decision." in english
    assert "2 apprenant·es, 0 avec une décision du jury." in everyone


def test_cohort_pages_link_to_the_final_validation(client, coordinator, cohort):
    client.force_login(coordinator)
    target = url("final_validation:cohort", cohort.pk)
    assert target in client.get(url("cohort_sessions:cohort", cohort.pk)).content.decode()
    assert target in client.get(url("cohort_sessions:cohort-list")).content.decode()
    assert target in client.get(reverse("my_space:home")).content.decode()


def test_threshold_is_changed_from_the_page(client, coordinator, cohort, learner):
    client.force_login(learner)
    assert client.post(url("final_validation:threshold", cohort.pk), {"attendance_threshold": 10}).status_code == 404
    client.force_login(coordinator)
    response = client.post(url("final_validation:threshold", cohort.pk), {"attendance_threshold": 70}, follow=True)
    assert "Le seuil d&#x27;assiduité est maintenant de 70 %." in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.attendance_threshold == 70
    client.post(url("final_validation:threshold", cohort.pk), {"attendance_threshold": 170})
    cohort.refresh_from_db()
    assert cohort.attendance_threshold == 70


# --- Decision page ----------------------------------------------------------------------------------------


def test_coordinator_awards_an_eligible_learner_from_the_decision_page(client, coordinator, cohort, eligible):
    client.force_login(coordinator)
    target = url("final_validation:learner", cohort.pk, eligible.pk)
    response = client.post(
        target, {"outcome": "awarded", "jury_date": timezone.localdate().isoformat(), "note": ""}, follow=True
    )
    page = response.content.decode()
    assert "Décision enregistrée pour Léa Martin : Diplôme obtenu." in page
    attestation = Attestation.objects.filter(kind=AttestationKind.SUCCESS).get(enrolment=eligible)
    assert url("final_validation:attestation", attestation.pk) in page
    assert "décision en vigueur" in page


def test_awarding_an_ineligible_learner_shows_why_and_records_nothing(client, coordinator, cohort, behind):
    client.force_login(coordinator)
    response = client.post(
        url("final_validation:learner", cohort.pk, behind.pk),
        {"outcome": "awarded", "jury_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "Yanis Morel ne remplit pas encore tous les critères" in response.content.decode()
    assert not FinalDecision.objects.exists()


def test_changing_a_decision_asks_for_a_reason_on_the_page(client, coordinator, cohort, awarded, eligible):
    client.force_login(coordinator)
    target = url("final_validation:learner", cohort.pk, eligible.pk)
    data = {"outcome": "deferred", "jury_date": timezone.localdate().isoformat(), "note": "Pièce manquante."}
    response = client.post(target, data)
    assert "indiquez la raison du changement" in response.content.decode()
    response = client.post(target, {**data, "change_reason": "Erreur de saisie"}, follow=True)
    page = response.content.decode()
    assert "Raison du changement :</em> Erreur de saisie" in page
    assert FinalDecision.objects.filter(enrolment=eligible).count() == 2


def test_decision_page_is_refused_to_others(client, cohort, eligible, other_coordinator, outsider, behind):
    target = url("final_validation:learner", cohort.pk, eligible.pk)
    for person in (other_coordinator, eligible.learner, behind.learner, outsider):
        client.force_login(person)
        assert client.get(target).status_code == 404
        assert client.post(target, {"outcome": "awarded", "jury_date": "2026-01-01"}).status_code == 404
    assert not FinalDecision.objects.exists()


def test_decision_page_of_another_cohorts_enrolment_is_404(client, coordinator, cohort, eligible):
    other = EnrolmentFactory()
    client.force_login(coordinator)
    assert client.get(url("final_validation:learner", cohort.pk, other.pk)).status_code == 404
    assert client.get(url("final_validation:learner", other.cohort_id, other.pk)).status_code == 404


def test_deferral_from_the_decision_page(client, coordinator, cohort, behind, programme):
    later = CohortFactory(
        programme=programme,
        starts_on=cohort.starts_on.replace(year=cohort.starts_on.year + 1),
        ends_on=cohort.ends_on.replace(year=cohort.ends_on.year + 1),
    )
    final_decision_record(
        enrolment=behind,
        outcome=JuryOutcome.DEFERRED,
        jury_date=timezone.localdate(),
        note="Faire le stage.",
        by=coordinator,
    )
    client.force_login(coordinator)
    page = client.get(url("final_validation:learner", cohort.pk, behind.pk)).content.decode()
    assert "Inscrire dans une promotion suivante" in page and later.label in page
    response = client.post(url("final_validation:defer", cohort.pk, behind.pk), {"cohort": later.pk}, follow=True)
    assert f"est inscrit·e dans la promotion {later.label}" in response.content.decode()
    assert later.enrolments.filter(learner=behind.learner).exists()


# --- Attestation ------------------------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_coordinator_and_learner_download_the_attestation(client, coordinator, awarded, eligible):
    for person in (coordinator, eligible.learner):
        client.force_login(person)
        response = client.get(url("final_validation:attestation", awarded.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = _pdf_text(response.content)
        assert "Attestation de réussite" in text
        assert "Léa Martin" in text
        assert awarded.code in text
        assert url("attestations:verify-code", awarded.code) in text.replace("\n", "")


def test_attestation_is_refused_to_anyone_else(client, awarded, other_coordinator, behind, outsider):
    for person in (other_coordinator, behind.learner, outsider):
        client.force_login(person)
        assert client.get(url("final_validation:attestation", awarded.pk)).status_code == 404
    client.logout()
    assert client.get(url("final_validation:attestation", awarded.pk)).status_code == 302


def test_a_withdrawn_attestation_is_no_longer_downloadable(client, coordinator, awarded, eligible):
    final_decision_record(
        enrolment=eligible,
        outcome=JuryOutcome.NOT_AWARDED,
        jury_date=timezone.localdate(),
        note="Fraude au stage.",
        change_reason="Signalement",
        by=coordinator,
    )
    client.force_login(eligible.learner)
    assert client.get(url("final_validation:attestation", awarded.pk)).status_code == 404
    page = client.get(url("attestations:verify-code", awarded.code)).content.decode()
    assert "elle n'est plus valable" in page


def test_public_verification_confirms_name_programme_cohort_and_jury_date_only(client, awarded, eligible):
    response = client.get(url("attestations:verify-code", awarded.code.lower()))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cette attestation de réussite est authentique." in page
    for shown in ("Léa Martin", eligible.cohort.programme.title, eligible.cohort.label):
        assert shown in page
    assert eligible.learner.email not in page
    assert "Assiduité" not in page and "Rendez-vous" not in page
    assert client.get(url("attestations:verify"), {"code": "ABCDEF123456"}).status_code == 404
    assert client.get(url("attestations:verify")).status_code == 200


# --- Learner ----------------------------------------------------------------------------------------------


def test_learner_sees_their_result_and_attestation_in_their_space(client, awarded, eligible):
    client.force_login(eligible.learner)
    home = client.get(reverse("my_space:home")).content.decode()
    assert url("final_validation:my-result") in home
    page = client.get(url("final_validation:my-result")).content.decode()
    assert "Diplôme obtenu" in page
    assert url("final_validation:attestation", awarded.pk) in page


def test_learner_without_decision_sees_what_remains_and_only_their_own(client, behind, eligible, coordinator):
    final_decision_record(
        enrolment=eligible,
        outcome=JuryOutcome.DEFERRED,
        jury_date=timezone.localdate(),
        note="NOTE-PRIVEE-LEA",
        by=coordinator,
    )
    client.force_login(behind.learner)
    page = client.get(url("final_validation:my-result")).content.decode()
    assert "Le jury final ne s'est pas encore prononcé." in page
    assert "Aucun stage n&#x27;est encore enregistré." in page
    assert "NOTE-PRIVEE-LEA" not in page and "Léa" not in page


# --- Exports ----------------------------------------------------------------------------------------------


def test_results_csv_and_xlsx(client, coordinator, cohort, awarded, behind):
    client.force_login(coordinator)
    response = client.get(url("final_validation:results", cohort.pk, "csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Nom", "Prénom", "E-mail", "Situation", "Modules", "Modules — détail"]
    assert rows[0][-4:] == ["Décision", "Date du jury", "Note du jury", "Code de l'attestation"]
    martin = next(row for row in rows if row[0] == "Martin")
    assert martin[3] == "Éligible" and martin[4] == "Rempli"
    assert martin[-4] == "Diplôme obtenu" and martin[-1] == awarded.code
    morel = next(row for row in rows if row[0] == "Morel")
    assert morel[-4] == "Pas encore de décision"
    assert "Non rempli" in morel

    response = prepared_file(client, url("final_validation:results", cohort.pk, "xlsx"))
    sheet = load_workbook(io.BytesIO(body(response))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == rows[0]
    assert [row[0] for row in values[1:]] == ["Martin", "Morel"]


def test_results_export_neutralises_formulas(client, coordinator, cohort, lessons):
    EnrolmentFactory(cohort=cohort, learner__last_name="=HYPERLINK(1)")
    client.force_login(coordinator)
    content = body(client.get(url("final_validation:results", cohort.pk, "csv"))).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in content
