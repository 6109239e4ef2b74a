"""The learner's and the coordinator's pages: behaviour, refusals, privacy, exports, attestation, query counts."""

import datetime
import io

import pytest
from django.contrib import admin
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from attestations.models import Attestation
from cms.enums import CompletionRule
from cms.models import ModulePage
from cohorts.changes import cohort_changed
from lms import records, services
from lms.models import JournalEntry, LessonCompletion, QuizAttempt
from tests.factories import EnrolmentFactory, JournalEntryFactory, LessonPageFactory, ModuleReleaseFactory, UserFactory
from tests.lms.conftest import Course, quiz_parts, reflection_id
from tests.utils import assert_constant_queries, body, prepared_file, queries_for

pytestmark = pytest.mark.django_db


def complete_all(learner, course):
    services.lesson_viewed(learner=learner, lesson=course.viewed)
    services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    quiz_id, question_id, right, _wrong = quiz_parts(course.quiz)
    token = records.quiz_token(learner=learner, lesson=course.quiz, quiz_id=quiz_id)
    services.quiz_submit(
        learner=learner, lesson=course.quiz, quiz_id=quiz_id, token=token, answers={question_id: [right]}
    )
    services.journal_entry_write(
        learner=learner, body="Écouté.", lesson=course.reflection, prompt_id=reflection_id(course.reflection)
    )


# --- Lesson page and learner actions ---


def test_reading_a_viewed_lesson_completes_it_and_shows_the_panel(client, learner, course):
    client.force_login(learner)
    response = client.get(course.viewed.url)
    assert response.status_code == 200
    assert "Votre progression dans cette leçon" in response.content.decode()
    assert LessonCompletion.objects.get(learner=learner).lesson_id == course.viewed.pk


def test_staff_reading_a_lesson_records_nothing(client, coordinator, course):
    client.force_login(coordinator)
    response = client.get(course.viewed.url)
    assert response.status_code == 200 and "Votre progression dans cette leçon" not in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_mark_done_button(client, learner, course):
    client.force_login(learner)
    assert "Indiquer cette leçon comme terminée" in client.get(course.done.url).content.decode()
    url = reverse("lms:lesson_mark_done", kwargs={"lesson_id": course.done.pk})
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert LessonCompletion.objects.filter(learner=learner, lesson=course.done).count() == 1
    response = client.get(course.done.url)
    assert "Terminée le" in response.content.decode()


def test_mark_done_refused_for_someone_not_enrolled(client, outsider, course):
    client.force_login(outsider)
    client.post(reverse("lms:lesson_mark_done", kwargs={"lesson_id": course.done.pk}))
    assert not LessonCompletion.objects.exists()


def test_quiz_page_scores_shows_feedback_and_refuses_a_replay(client, learner, course):
    client.force_login(learner)
    quiz_id, question_id, right, wrong = quiz_parts(course.quiz)
    url = reverse("lms:quiz", kwargs={"lesson_id": course.quiz.pk, "quiz_id": quiz_id})
    page = client.get(url)
    assert page.status_code == 200
    assert "RETOUR-SECRET" not in page.content.decode() and "EXPLICATION-SECRETE" not in page.content.decode()
    token = page.context["token"]
    response = client.post(url, {"token": token, f"question-{question_id}": wrong})
    html = response.content.decode()
    assert response.status_code == 200 and "RETOUR-SECRET-FAUX" in html and "Pas tout à fait" in html
    replay = client.post(url, {"token": token, f"question-{question_id}": right})
    assert replay.status_code == 400 and "déjà été envoyées" in replay.content.decode()
    assert QuizAttempt.objects.count() == 1 and not LessonCompletion.objects.exists()


def test_quiz_page_is_404_for_others(client, outsider, course):
    client.force_login(outsider)
    quiz_id = quiz_parts(course.quiz)[0]
    assert client.get(reverse("lms:quiz", kwargs={"lesson_id": course.quiz.pk, "quiz_id": quiz_id})).status_code == 404


def test_malformed_quiz_post_is_a_clear_400(client, learner, course):
    client.force_login(learner)
    quiz_id, question_id, _right, _wrong = quiz_parts(course.quiz)
    url = reverse("lms:quiz", kwargs={"lesson_id": course.quiz.pk, "quiz_id": quiz_id})
    token = client.get(url).context["token"]
    response = client.post(url, {"token": token, f"question-{question_id}": "inconnu"})
    assert response.status_code == 400 and "ne correspondent pas" in response.content.decode()
    assert not QuizAttempt.objects.exists()


# --- Journal privacy ---


def test_journal_written_from_a_prompt_completes_the_lesson(client, learner, course):
    client.force_login(learner)
    prompt = reflection_id(course.reflection)
    form = client.get(reverse("lms:journal_new") + f"?lecon={course.reflection.pk}&invite={prompt}")
    assert "Quand vous êtes-vous senti écouté" in form.content.decode()
    response = client.post(
        reverse("lms:journal_new"), {"lecon": course.reflection.pk, "invite": prompt, "body": "Chez ma sœur."}
    )
    assert response.status_code == 302
    assert LessonCompletion.objects.get(learner=learner).how == CompletionRule.REFLECTION_WRITTEN


def test_empty_entry_gets_a_french_error(client, learner):
    client.force_login(learner)
    response = client.post(reverse("lms:journal_new"), {"body": ""})
    assert response.status_code == 400 and "Champ requis" in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_another_learner_cannot_read_or_touch_an_entry(client, learner, cohort):
    entry = JournalEntryFactory(learner=learner, body="SECRET-INTIME", shared=True)
    other = EnrolmentFactory(cohort=cohort).learner
    client.force_login(other)
    assert "SECRET-INTIME" not in client.get(reverse("lms:journal")).content.decode()
    assert "SECRET-INTIME" not in client.get(reverse("lms:journal_export")).content.decode()
    for name in ("journal_edit", "journal_delete"):
        assert client.get(reverse(f"lms:{name}", kwargs={"entry_id": entry.pk})).status_code == 404
    for name in ("journal_share", "journal_unshare", "journal_delete"):
        assert client.post(reverse(f"lms:{name}", kwargs={"entry_id": entry.pk})).status_code == 404
    entry.refresh_from_db()
    assert entry.is_shared and entry.body == "SECRET-INTIME"


def test_coordinator_reads_only_shared_entries(client, learner, cohort, coordinator):
    JournalEntryFactory(learner=learner, body="PRIVE-NON-PARTAGE")
    shared = JournalEntryFactory(learner=learner, body="PARTAGE-AVEC-VOUS", shared=True)
    client.force_login(coordinator)
    url = reverse("lms:learner_detail", kwargs={"cohort_id": cohort.pk, "enrolment_id": learner.enrolments.get().pk})
    html = client.get(url).content.decode()
    assert "PARTAGE-AVEC-VOUS" in html and "PRIVE-NON-PARTAGE" not in html
    services.journal_entry_unshare(entry=shared, learner=learner)
    assert "PARTAGE-AVEC-VOUS" not in client.get(url).content.decode()


def test_journal_is_in_neither_admin(client, learner):
    JournalEntryFactory(learner=learner, body="PRIVE-NON-PARTAGE")
    assert not admin.site.is_registered(JournalEntry)
    client.force_login(UserFactory(superuser=True))
    for url in ("/django-admin/lms/journalentry/", "/admin/snippets/lms/journalentry/"):
        response = client.get(url)
        assert response.status_code in (302, 404)
        assert "PRIVE-NON-PARTAGE" not in response.content.decode()
    html = client.get("/admin/", follow=True).content.decode()
    assert "PRIVE-NON-PARTAGE" not in html


def test_journal_export_and_share_round_trip(client, learner):
    client.force_login(learner)
    client.post(reverse("lms:journal_new"), {"title": "Premier jour", "body": "J'ai osé parler."})
    entry = JournalEntry.objects.get()
    assert client.post(reverse("lms:journal_share", kwargs={"entry_id": entry.pk})).status_code == 302
    entry.refresh_from_db()
    assert entry.is_shared
    client.post(reverse("lms:journal_unshare", kwargs={"entry_id": entry.pk}))
    entry.refresh_from_db()
    assert not entry.is_shared
    export = client.get(reverse("lms:journal_export"))
    assert export["Content-Type"].startswith("text/markdown")
    text = export.content.decode()
    assert "# Mon journal de bord" in text and "## Premier jour" in text and "J'ai osé parler." in text


# --- Dashboard ---


def test_dashboard_tells_what_to_do_next(client, learner, cohort, course):
    later = Course(course.programme, order=2)
    ModuleReleaseFactory(
        cohort=cohort, module=later.module, opens_on=timezone.localdate() + datetime.timedelta(days=10)
    )
    services.lesson_viewed(learner=learner, lesson=course.viewed)
    client.force_login(learner)
    html = client.get(reverse("my_space:learning")).content.decode()
    assert "La suite" in html and course.quiz.title in html
    assert "2 leçons et 1 quiz restent" in html
    assert "Ouvre le" in html and later.module.title in html
    assert "Prochains regroupements" in html
    assert "Votre stage" in html


def test_dashboard_outline_follows_publishing_and_unpublishing(client, learner, course):
    """The dashboard reads the programme's outline from the shared cache (cms.models.cached_outline), read again
    after any change of pages: what remains stays exact."""
    services.lesson_viewed(learner=learner, lesson=course.viewed)
    client.force_login(learner)
    assert "2 leçons et 1 quiz restent" in client.get(reverse("my_space:learning")).content.decode()
    LessonPageFactory(parent=course.module, title="La reformulation")
    assert "3 leçons et 1 quiz restent" in client.get(reverse("my_space:learning")).content.decode()
    course.done.unpublish()
    assert "2 leçons et 1 quiz restent" in client.get(reverse("my_space:learning")).content.decode()


def test_dashboard_figures_follow_each_write_they_are_read_from(
    client, learner, cohort, coordinator, course, django_capture_on_commit_callbacks
):
    """The dashboard keeps a learner's figures in the shared cache (`enrolment_progress(cached=True)`): a completion,
    a quiz attempt, the cohort's calendar and the learner's own date are shown at the next request, and a write
    behind the services' back is not (the cache is what is read)."""
    later = Course(course.programme, order=2)
    enrolment = learner.enrolments.get()
    soon = timezone.localdate() + datetime.timedelta(days=10)
    ModuleReleaseFactory(cohort=cohort, module=later.module, opens_on=soon)
    client.force_login(learner)

    def dashboard():
        return client.get(reverse("my_space:learning")).content.decode()

    assert "0 leçons terminées sur 8." in dashboard()
    LessonCompletion.objects.create(
        learner=learner, lesson=course.viewed, module=course.module, how="viewed", completed_at=timezone.now()
    )
    assert "La suite" in dashboard() and course.viewed.title in dashboard()  # behind the services' back: kept
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    html = dashboard()
    assert "2 leçons terminées sur 8." in html
    assert f'href="{course.quiz.url}"' in html  # the next lesson moved past the two completed ones

    assert "Ouvre le" in dashboard()
    with django_capture_on_commit_callbacks(execute=True):
        services.cohort_calendar_save(
            cohort=cohort, opening_dates={later.module.pk: timezone.localdate()}, by=coordinator
        )
    assert "Ouvre le" not in dashboard() and f'href="{later.module.url}"' in dashboard()
    with django_capture_on_commit_callbacks(execute=True):
        override = services.module_release_override_set(
            enrolment=enrolment, module=later.module, opens_on=soon, by=coordinator
        )
    assert "Ouvre le" in dashboard()
    with django_capture_on_commit_callbacks(execute=True):
        services.module_release_override_delete(override=override, by=coordinator)
    assert "Ouvre le" not in dashboard()
    # Work recorded in a module keeps it open whatever its dates say: a quiz attempt counts at once.
    quiz_id, question_id, _right, wrong = quiz_parts(later.quiz)
    token = records.quiz_token(learner=learner, lesson=later.quiz, quiz_id=quiz_id)
    with django_capture_on_commit_callbacks(execute=True):
        services.quiz_submit(
            learner=learner, lesson=later.quiz, quiz_id=quiz_id, token=token, answers={question_id: [wrong]}
        )
        services.cohort_calendar_save(cohort=cohort, opening_dates={later.module.pk: soon}, by=coordinator)
    assert "Ouvre le" not in dashboard() and f'href="{later.module.url}"' in dashboard()


def test_dashboard_sections_show_what_other_apps_render(client, learner, course, monkeypatch):
    from my_space import dashboard

    def provider(*, request, enrolments):
        return "<p>Séance du 12 mars</p>"

    title, empty_text, _provider = dashboard.SECTIONS["sessions"]
    monkeypatch.setitem(dashboard.SECTIONS, "sessions", (title, empty_text, provider))
    client.force_login(learner)
    html = client.get(reverse("my_space:learning")).content.decode()
    assert "<p>Séance du 12 mars</p>" in html and "Aucune séance n&#x27;est prévue" not in html


def test_dashboard_without_enrolment_is_calm(client, outsider):
    client.force_login(outsider)
    assert "Vous n'êtes inscrit·e à aucune formation" in client.get(reverse("my_space:learning")).content.decode()


def test_dashboard_query_count_is_constant(client, learner, programme, cohort, django_capture_on_commit_callbacks):
    client.force_login(learner)
    enrolment = learner.enrolments.get()
    state = {"n": 0}

    def make_rows(n):
        for _ in range(n):
            course = Course(programme, order=state["n"])
            state["n"] += 1
            services.lesson_viewed(learner=learner, lesson=course.viewed)
            services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
            EnrolmentFactory(cohort=cohort)

    def fetch():
        with django_capture_on_commit_callbacks(execute=True):
            cohort_changed(cohort_ids=[cohort.pk])  # the sessions and internship sections are built again
        assert client.get(reverse("my_space:learning")).status_code == 200

    assert enrolment
    assert_constant_queries(make_rows, fetch, few=1, many=4, queries=6)
    # Then read from the shared cache: session and user, the enrolments (with whether the learner has an API key).
    assert queries_for(lambda: client.get(reverse("my_space:learning"))) == 3


def test_dashboard_reads_the_learners_figures_again_in_a_fixed_number_of_queries(
    client, learner, programme, cohort, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """After a write, the dashboard reads the figures it keeps (`enrolment_progress(cached=True)`) in four queries,
    whatever the learner did."""
    client.force_login(learner)
    for count in (1, 4):
        while len(ModulePage.objects.child_of(programme)) < count:
            course = Course(programme, order=count)
            with django_capture_on_commit_callbacks(execute=True):
                services.lesson_viewed(learner=learner, lesson=course.viewed)
                services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
        client.get(reverse("my_space:learning"))  # the outline, read again once the pages changed
        with django_capture_on_commit_callbacks(execute=True):
            services.lesson_complete(learner=learner, lesson=course.reflection, how=CompletionRule.REFLECTION_WRITTEN)
        with django_assert_num_queries(10):
            assert client.get(reverse("my_space:learning")).status_code == 200


# --- Coordinator pages ---


@pytest.mark.parametrize("name", ["progress_matrix", "at_risk", "progress_csv", "progress_xlsx"])
@pytest.mark.parametrize("who", ["learner", "outsider", "other_cohort_coordinator"])
def test_coordinator_pages_are_404_for_everyone_else(client, cohort, name, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(f"lms:{name}", kwargs={"cohort_id": cohort.pk})).status_code == 404


def test_learner_detail_is_404_for_another_cohorts_coordinator(client, cohort, learner, other_cohort_coordinator):
    client.force_login(other_cohort_coordinator)
    url = reverse("lms:learner_detail", kwargs={"cohort_id": cohort.pk, "enrolment_id": learner.enrolments.get().pk})
    assert client.get(url).status_code == 404


def test_learner_detail_of_another_cohort_is_404(client, cohort, coordinator, other_cohort_coordinator):
    other = EnrolmentFactory(cohort=other_cohort_coordinator.coordinated_cohorts.get())
    client.force_login(coordinator)
    url = reverse("lms:learner_detail", kwargs={"cohort_id": cohort.pk, "enrolment_id": other.pk})
    assert client.get(url).status_code == 404


def test_matrix_and_exports(client, cohort, coordinator, learner, course):
    services.lesson_viewed(learner=learner, lesson=course.viewed)
    client.force_login(coordinator)
    html = client.get(reverse("lms:progress_matrix", kwargs={"cohort_id": cohort.pk})).content.decode()
    assert learner.full_name in html and "1/4" in html
    csv_text = body(client.get(reverse("lms:progress_csv", kwargs={"cohort_id": cohort.pk}))).decode("utf-8-sig")
    assert (
        csv_text.splitlines()[0].startswith("Apprenant") and f"{learner.full_name};{learner.email};1/4;25" in csv_text
    )
    from openpyxl import load_workbook

    data = body(prepared_file(client, reverse("lms:progress_xlsx", kwargs={"cohort_id": cohort.pk})))
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[1][:4] == (learner.full_name, learner.email, "1/4", 25)


def test_matrix_cells_say_done_open_and_not_open(client, cohort, coordinator, learner, course, programme):
    """Each row as the table shows it: a module done with its check mark, one not open yet (a dash, and words for
    screen readers), the overall percentage, the last activity or nothing."""
    later = Course(programme, order=2)
    ModuleReleaseFactory(cohort=cohort, module=later.module, opens_on=timezone.localdate() + datetime.timedelta(days=9))
    complete_all(learner, course)
    quiet = EnrolmentFactory(cohort=cohort)
    client.force_login(coordinator)

    response = client.get(reverse("lms:progress_matrix", kwargs={"cohort_id": cohort.pk}))
    rows = {row["name"]: row for row in response.context["rows"]}
    closed = (
        '<td class="cell-closed"><span aria-hidden="true">—</span>'
        '<span class="visually-hidden">pas encore ouvert</span></td>'
    )
    done = rows[learner.full_name]
    assert done["cells"] == f'<td class="cell-done">4/4 ✓</td>{closed}'
    assert done["percent"] == "50"  # 4 of the 8 lessons
    last = learner.enrolments.get().progress.last_activity_at
    assert done["last_activity"] == Template('{{ last|date:"j M Y" }}').render(Context({"last": last}))
    assert done["url"] == reverse("lms:learner_detail", args=[cohort.pk, learner.enrolments.get().pk])
    assert rows[quiet.learner.full_name]["cells"] == f"<td>0/4</td>{closed}"
    assert rows[quiet.learner.full_name]["last_activity"] == ""
    html = response.content.decode()
    assert f'<td class="cell-done">4/4 ✓</td>{closed}' in html
    assert "<td>aucune pour l'instant</td>" in html  # the quiet learner's last activity


def test_at_risk_lists_the_inactive_and_the_behind(client, cohort, coordinator, course, time_machine):
    time_machine.move_to(timezone.now() - datetime.timedelta(days=40))
    quiet = EnrolmentFactory(cohort=cohort)
    busy = EnrolmentFactory(cohort=cohort)
    services.lesson_viewed(learner=quiet.learner, lesson=course.viewed)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=40))
    for lesson in [course.viewed, course.quiz, course.reflection]:
        LessonCompletion.objects.create(
            learner=busy.learner, lesson=lesson, module=course.module, completed_at=timezone.now(), how="viewed"
        )
    services.lesson_complete(learner=busy.learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    halfway = EnrolmentFactory(cohort=cohort)
    services.lesson_viewed(learner=halfway.learner, lesson=course.viewed)
    services.lesson_complete(learner=halfway.learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    # the module opened with the cohort (60 days ago): the quiet learner is behind and inactive
    client.force_login(coordinator)
    response = client.get(reverse("lms:at_risk", kwargs={"cohort_id": cohort.pk}))
    rows = {row.enrolment.pk: row.reasons for row in response.context["rows"]}
    assert busy.pk not in rows and halfway.pk not in rows  # half of what is open is not "behind"
    assert any("Aucune activité depuis 40 jours" in reason for reason in rows[quiet.pk])
    assert (
        "En retard sur le calendrier : 1 leçon terminée sur les 4 ouvertes depuis au moins quatre semaines"
        in (rows[quiet.pk])
    )


def _enrolled_long_ago(cohort, **kwargs):
    """An enrolment 30 days old with nothing done: a learner who may need a hand (enrolled_at is set on creation)."""
    enrolment = EnrolmentFactory(cohort=cohort, **kwargs)
    type(enrolment).objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - datetime.timedelta(days=30))
    return enrolment


def test_at_risk_query_count_is_constant(client, cohort, coordinator, programme, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)  # 4 learners: two pages
    course = Course(programme, order=0)
    client.force_login(coordinator)

    def make_rows(n):
        for _ in range(n):
            _enrolled_long_ago(cohort)

    def fetch():
        response = client.get(reverse("lms:at_risk", kwargs={"cohort_id": cohort.pk}))
        assert response.status_code == 200 and response.context["rows"]

    assert course.module is not None
    assert_constant_queries(make_rows, fetch, few=1, many=4, queries=11)


def test_at_risk_pages_and_searches(client, cohort, coordinator, course, monkeypatch):
    monkeypatch.setattr("core.pagination.PER_PAGE", 2)
    for name in ["Abel", "Brun", "Caron"]:  # fixed first names and addresses: a random "Caroline" would match "caro"
        _enrolled_long_ago(cohort, learner=UserFactory(first_name="Sam", last_name=name, email=f"{name}@example.test"))
    client.force_login(coordinator)
    url = reverse("lms:at_risk", kwargs={"cohort_id": cohort.pk})
    response = client.get(url)
    assert [row.enrolment.learner.last_name for row in response.context["rows"]] == ["Abel", "Brun"]
    html = response.content.decode()
    assert "3 apprenants qui pourraient avoir besoin d'un coup de main" in html.replace("&#x27;", "'")
    assert 'aria-label="Pages des apprenants"' in html
    page_2 = client.get(url, {"page": 2})
    assert [row.enrolment.learner.last_name for row in page_2.context["rows"]] == ["Caron"]
    found = client.get(url, {"q": "caro"})
    assert [row.enrolment.learner.last_name for row in found.context["rows"]] == ["Caron"]
    assert "Aucun apprenant ne correspond à ces filtres." in client.get(url, {"q": "personne"}).content.decode()


def test_matrix_query_count_is_constant(client, cohort, coordinator, programme, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    state = {"n": 0}

    def make_rows(n):
        for _ in range(n):
            course = Course(programme, order=state["n"])
            state["n"] += 1
            enrolment = EnrolmentFactory(cohort=cohort)
            services.lesson_viewed(learner=enrolment.learner, lesson=course.viewed)

    def fetch():
        with django_capture_on_commit_callbacks(execute=True):
            cohort_changed(cohort_ids=[cohort.pk])  # the table is built again (the rows were written in the test)
        assert client.get(reverse("lms:progress_matrix", kwargs={"cohort_id": cohort.pk})).status_code == 200

    assert_constant_queries(make_rows, fetch, few=1, many=4, queries=8)
    # Then read from the shared cache: session and user, the cohort.
    assert queries_for(lambda: client.get(reverse("lms:progress_matrix", kwargs={"cohort_id": cohort.pk}))) == 3


def test_the_matrix_is_kept_until_a_learner_completes_a_lesson(
    client, cohort, coordinator, learner, course, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    url = reverse("lms:progress_matrix", kwargs={"cohort_id": cohort.pk})
    first = client.get(url)
    assert "rows" in first.context and "0/4" in first.content.decode()
    cached = client.get(url)
    assert "rows" not in cached.context and cached.context["matrix_table"] == first.context["matrix_table"]
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_viewed(learner=learner, lesson=course.viewed)
    again = client.get(url)
    assert "rows" in again.context and "1/4" in again.content.decode()
    other_page = client.get(url + "?page=1")  # another address, its own table
    assert "rows" in other_page.context and "1/4" in other_page.content.decode()


# --- Attestation ---


def test_attestation_once_everything_is_done_and_public_verification(client, learner, course):
    client.force_login(learner)
    enrolment = learner.enrolments.get()
    url = reverse("lms:attestation", kwargs={"enrolment_id": enrolment.pk})
    refused = client.get(url, follow=True)
    assert "sera disponible lorsque toutes les leçons" in refused.content.decode() and not Attestation.objects.exists()
    complete_all(learner, course)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.get(url)
    attestation = Attestation.objects.get()
    client.logout()
    page = client.get(reverse("attestations:verify-code", kwargs={"code": attestation.code}))
    html = page.content.decode()
    assert page.status_code == 200 and "authentique" in html and learner.full_name in html
    assert course.programme.title in html and learner.email not in html
    unknown = client.get(reverse("attestations:verify") + "?code=INCONNU")
    assert unknown.status_code == 404 and "Aucune attestation ne correspond" in unknown.content.decode()


def test_attestation_of_someone_else_is_404(client, learner, cohort):
    other = EnrolmentFactory(cohort=cohort)
    client.force_login(learner)
    assert client.get(reverse("lms:attestation", kwargs={"enrolment_id": other.pk})).status_code == 404


def test_attestation_codes_are_unique_and_random():
    from core.codes import verification_code

    codes = {verification_code() for _ in range(200)}
    assert len(codes) == 200 and all(len(code) == 12 for code in codes)


def test_lesson_published_later_is_counted_in_the_totals(learner, course):
    complete_all(learner, course)
    LessonPageFactory(parent=course.module, completion_rule=CompletionRule.VIEWED)
    from lms.progress import enrolment_progress

    assert enrolment_progress(learner.enrolments.get()).explanation == "1 leçon reste"


def test_matrix_is_paginated(cohort, course):
    from lms.progress import cohort_matrix

    for _ in range(3):
        EnrolmentFactory(cohort=cohort)
    first = cohort_matrix(cohort=cohort, page_number=1, per_page=2)
    second = cohort_matrix(cohort=cohort, page_number=2, per_page=2)
    assert len(first.rows) == 2 and len(second.rows) == 1 and second.page.paginator.num_pages == 2
    assert {row.enrolment.pk for row in first.rows + second.rows} == set(cohort.enrolments.values_list("pk", flat=True))
    assert len(cohort_matrix(cohort=cohort).rows) == 3


def test_deleting_an_entry_asks_first(client, learner):
    entry = JournalEntryFactory(learner=learner, title="À garder peut-être")
    client.force_login(learner)
    url = reverse("lms:journal_delete", kwargs={"entry_id": entry.pk})
    page = client.get(url)
    assert page.status_code == 200 and "Voulez-vous supprimer « À garder peut-être »" in page.content.decode()
    assert JournalEntry.objects.filter(pk=entry.pk).exists()
    assert client.post(url).status_code == 302
    assert not JournalEntry.objects.filter(pk=entry.pk).exists()


def test_exports_neutralise_formulas_in_names(client, cohort, coordinator):
    EnrolmentFactory(cohort=cohort, learner__first_name="=HYPERLINK(1)", learner__last_name="X")
    client.force_login(coordinator)
    csv_text = body(client.get(reverse("lms:progress_csv", kwargs={"cohort_id": cohort.pk}))).decode("utf-8-sig")
    assert "'=HYPERLINK(1) X" in csv_text and ";=HYPERLINK" not in csv_text


def test_the_api_key_is_folded_away_from_the_learners_path(client, learner, course):
    """Technical and rarely needed: a closed <details> below the path, not a card among the steps."""
    from html import unescape

    client.force_login(learner)
    html = unescape(client.get(reverse("my_space:learning")).content.decode())
    folded = html[html.index('<details class="advanced" id="api-access">') :]
    assert folded.index("<summary>Accès à l'API (pour une application qui lit votre progression à votre place)")
    assert folded.index("Créer une clé d'API") < folded.index("</details>")
    assert '<details class="advanced" id="api-access" open' not in html
    assert 'id="api-heading"' not in html


def test_the_api_key_button_says_whether_the_learner_has_a_key_with_or_without_a_current_enrolment(client, learner):
    """Read with the enrolments when there are some, asked apart otherwise."""
    from html import unescape

    from rest_framework.authtoken.models import Token

    client.force_login(learner)

    def button() -> str:
        html = unescape(client.get(reverse("my_space:learning")).content.decode())
        return "replace" if "Remplacer ma clé d'API" in html else "create" if "Créer une clé d'API" in html else "?"

    assert learner.enrolments.exists() and button() == "create"
    Token.objects.create(user=learner)
    assert button() == "replace"
    learner.enrolments.all().delete()
    assert button() == "replace"
    Token.objects.filter(user=learner).delete()
    assert button() == "create"
