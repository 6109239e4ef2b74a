"""axe-core on every page type of every role, in the small world of tests/world.py (a real object of each kind).

Each page is opened as the person who uses it: no serious or critical axe violation, every aria-describedby
pointing at something that exists, and for candidates, learners and tutors no sideways scroll at 360 px.
Coordinator lists at 360 px keep their key column (the person) in view. The French 403, 404 and 500 pages
and the admin pages the project adds (outbox, reminder rules) are checked too.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.a11y import PHONE, assert_no_serious_axe_violations, assert_no_sideways_scroll, check_page
from tests.e2e.conftest import DESKTOP, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def w(settings, tmp_path):
    from tests.world import build_world

    settings.MEDIA_ROOT = tmp_path
    return build_world()


def _open(page, path: str, *, phone_first: bool) -> None:
    response = page.goto(path)
    assert response.status < 400, f"{path} answered {response.status}"
    if phone_first:
        check_page(page)
    else:
        assert_no_serious_axe_violations(page)


def _walk(new_page, email, paths, *, phone_first):
    for viewport in (PHONE, DESKTOP) if phone_first else (DESKTOP,):
        page = new_page(viewport)
        if email:
            login(page, email)
        for path in paths:
            _open(page, path, phone_first=phone_first and viewport == PHONE)


def test_public_pages(new_page, w):
    paths = [
        "/",
        w.objects["programme"].url,
        w.objects["module"].url,
        reverse("selection:round", args=[w.objects["round"].pk]),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("attestations:verify"),
    ]
    _walk(new_page, None, paths, phone_first=True)


def test_candidate_page_types(new_page, w):
    dossier = w.objects["dossier_a"].pk
    paths = [
        reverse("my_space:home"),
        reverse("selection:my_applications"),
        reverse("selection:dossier", args=[dossier]),
        reverse("tasks:preferences"),
        reverse("audit:mine"),
    ]
    _walk(new_page, w.people["candidate_a"].email, paths, phone_first=True)


def test_learner_page_types(new_page, w):
    placement = w.objects["placement_a"].pk
    paths = [
        reverse("my_space:home"),
        reverse("my_space:learning"),
        w.objects["lesson"].url,
        reverse("lms:journal"),
        reverse("lms:journal_new"),
        reverse("lms:journal_edit", args=[w.objects["entry_a"].pk]),
        reverse("internships:learner_home"),
        reverse("internships:propose"),
        reverse("internships:detail", args=[placement]),
        reverse("internships:evaluation_fill", args=[placement, "self"]),
        reverse("internships:concern_raise", args=[placement]),
        reverse("internships:concerns"),
        reverse("internships:concern", args=[w.objects["concern_a"].pk]),
        reverse("cohort_sessions:my-sessions"),
        reverse("cohort_sessions:my-attendance"),
        reverse("cohort_sessions:feed-settings"),
        reverse("final_validation:my-result"),
        reverse("tasks:preferences"),
    ]
    _walk(new_page, w.people["learner_a"].email, paths, phone_first=True)


def test_tutor_page_types(new_page, w):
    placement = w.objects["placement_a"].pk
    paths = [
        reverse("my_space:home"),
        reverse("internships:tutor_home"),
        reverse("internships:detail", args=[placement]),
        reverse("internships:evaluation", args=[w.objects["evaluation_a"].pk]),
        reverse("internships:concern_raise", args=[placement]),
        reverse("internships:link", args=[w.tokens["link"]]),
    ]
    _walk(new_page, w.people["tutor_a"].email, paths, phone_first=True)


def test_tutors_list_of_interns_stacks_on_a_phone(small_phone_page, w):
    """At 360 px each intern is a card naming each column: the status is not cut at the right edge."""
    page = small_phone_page
    login(page, w.people["tutor_a"].email)
    page.goto(reverse("internships:tutor_home"))
    status_cell = page.locator("table.table-stack tbody td").nth(2)
    expect(status_cell).to_have_attribute("data-label", "Statut")
    box = status_cell.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    assert_no_sideways_scroll(page)


def test_jury_page_types(new_page, w):
    dossier = w.objects["dossier_a"].pk
    paths = [
        reverse("my_space:home"),
        reverse("selection:jury_home"),
        reverse("selection:jury_review", args=[dossier]),
    ]
    _walk(new_page, w.people["juror"].email, paths, phone_first=False)


def test_coordinator_page_types(new_page, w):
    round_id, cohort = w.objects["round"].pk, w.objects["cohort"].pk
    dossier, enrolment = w.objects["dossier_a"].pk, w.objects["enrolment_a"].pk
    paths = [
        reverse("my_space:home"),
        reverse("selection:manage_rounds"),
        reverse("selection:round_create"),
        reverse("selection:manage_dashboard", args=[round_id]),
        reverse("selection:round_settings", args=[round_id]),
        reverse("selection:manage_applications", args=[round_id]),
        reverse("selection:manage_application", args=[round_id, dossier]),
        reverse("selection:manage_jury", args=[round_id]),
        reverse("selection:manage_slots", args=[round_id]),
        reverse("selection:manage_export", args=[round_id]),
        reverse("selection:ranking", args=[round_id]),
        reverse("cockpit:dashboard", args=[cohort]),
        reverse("cockpit:write", args=[cohort]),
        reverse("cockpit:enrolments", args=[cohort]),
        reverse("cockpit:enrolment", args=[cohort, enrolment]),
        reverse("cockpit:access", args=[cohort, w.people["learner_a"].pk]),
        reverse("lms:calendars"),
        reverse("lms:progress_matrix", args=[cohort]),
        reverse("lms:at_risk", args=[cohort]),
        reverse("lms:learner_detail", args=[cohort, enrolment]),
        reverse("lms:cohort_calendar", args=[cohort]),
        reverse("cohort_sessions:cohort-list"),
        reverse("cohort_sessions:cohort", args=[cohort]),
        reverse("cohort_sessions:session-create", args=[cohort]),
        reverse("cohort_sessions:session-edit", args=[w.objects["session"].pk]),
        reverse("cohort_sessions:attendance", args=[w.objects["session"].pk]),
        reverse("internships:overview", args=[cohort]),
        reverse("internships:supervision_new", args=[cohort]),
        reverse("internships:detail", args=[w.objects["placement_a"].pk]),
        reverse("internships:concern", args=[w.objects["concern_a"].pk]),
        reverse("final_validation:cohort", args=[cohort]),
        reverse("final_validation:learner", args=[cohort, enrolment]),
        "/admin/relances/envois/",
        "/admin/relances/regles/",
    ]
    _walk(new_page, w.people["coordinator"].email, paths, phone_first=False)


@pytest.mark.parametrize(
    "name",
    ["selection:manage_applications", "selection:ranking", "selection:manage_slots", "lms:progress_matrix"],
)
def test_coordinator_tables_keep_the_person_in_view_on_a_phone(small_phone_page, w, name):
    page = small_phone_page
    login(page, w.people["coordinator"].email)
    arg = w.objects["cohort"].pk if name.startswith("lms:") else w.objects["round"].pk
    page.goto(reverse(name, args=[arg]))
    assert_no_sideways_scroll(page)
    assert_no_serious_axe_violations(page)
    frame = page.locator(".table-wrap").first
    first_cell = frame.locator("tbody tr:first-child > :first-child")
    if first_cell.count() and first_cell.get_attribute("colspan") is None:
        expect(first_cell).to_have_css("position", "sticky")
        frame.evaluate("frame => frame.scrollTo(frame.scrollWidth, 0)")
        box = first_cell.bounding_box()
        assert 0 <= box["x"] < PHONE["width"]


def test_author_in_the_wagtail_editor(page, w):
    """The project's blocks and panels name every input (axe: label, aria-input-field-name)."""
    from cms.models import LessonPage

    lesson = LessonPage.objects.get(pk=w.objects["lesson"].pk)
    # Long enough for the editor's minimap (the page outline) to scroll.
    lesson.body = [("text", "<p>Un paragraphe.</p>")] + [
        ("key_points", {"title": f"À retenir {n}", "points": ["Premier point", "Second point"]}) for n in range(30)
    ]
    lesson.save_revision().publish()
    login(page, w.people["coordinator"].email)
    for target in (lesson, w.objects["module"], w.objects["programme"]):
        response = page.goto(f"/admin/pages/{target.pk}/edit/")
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        assert_no_serious_axe_violations(page)
    response = page.goto(f"/admin/pages/{w.objects['module'].pk}/")
    assert response.status == 200
    assert_no_serious_axe_violations(page)


def test_the_french_error_pages(page, w, settings):
    settings.DEBUG = False
    login(page, w.people["learner_a"].email)
    response = page.goto(reverse("lms:journal_edit", args=[w.objects["entry_b"].pk]))
    assert response.status == 404
    expect(page.get_by_role("heading", name="Cette page est introuvable")).to_be_visible()
    assert_no_serious_axe_violations(page)
    response = page.goto(reverse("cockpit:dashboard", args=[w.objects["cohort"].pk]))
    assert response.status in (403, 404)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert_no_serious_axe_violations(page)


def test_dark_mode_and_reduced_motion_follow_the_system(browser, live_server, w):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", color_scheme="dark", reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(reverse("account_login"))
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(part) for part in background[background.index("(") + 1 : -1].split(",")[:3]]
    assert max(channels) < 80, background
    assert_no_serious_axe_violations(page)
    duration = page.evaluate("getComputedStyle(document.querySelector('.button, button')).transitionDuration")
    assert duration in ("0s", "")
    context.close()


def test_a_refused_form_announces_its_errors_and_focuses_the_first_field(page, w):
    login(page, w.people["learner_a"].email)
    page.goto(reverse("lms:journal_new"))
    page.locator("#main form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("[aria-invalid=true]").first).to_be_focused()


def test_a_refused_signup_announces_its_errors_and_focuses_the_first_field(small_phone_page, w):
    page = small_phone_page
    page.goto(reverse("account_signup"))
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Prénom : Champ requis.")).to_be_visible()
    expect(page.get_by_label("Prénom")).to_be_focused()
    check_page(page)


def test_a_file_made_on_request_says_it_is_being_prepared(page, w):
    """The message shows at once next to the link, and goes when the download begins."""
    login(page, w.people["coordinator"].email)
    page.goto(reverse("lms:progress_matrix", args=[w.objects["cohort"].pk]))
    link = page.locator(f"a[href$='{reverse('lms:progress_csv', args=[w.objects['cohort'].pk])}']").first
    with page.expect_download() as download:
        link.click()
        expect(page.locator("#file-status")).to_have_text(re.compile("Préparation du fichier"))
    assert download.value.suggested_filename.endswith(".csv")
    expect(page.locator("#file-status")).to_have_text("")
    expect(link).not_to_have_attribute("aria-busy", "true")
