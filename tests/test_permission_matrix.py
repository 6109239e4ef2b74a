"""Actor x resource x action: who opens each kind of sensitive object, and everyone else is refused.

One world for the module (tests/world.py). A cell passes when an allowed actor gets the page or file
(200 with content) and when a refused one gets no content (a redirect to the login, 403 or 404).
"""

import pytest
from django.urls import reverse

ACTORS = [
    "anonymous",
    "candidate_a",
    "candidate_b",
    "learner_a",
    "learner_b",
    "tutor_a",
    "tutor_b",
    "juror",
    "conflicted_juror",
    "removed_juror",
    "author",
    "coordinator",
    "other_coordinator",
]


def _u(name, *args, query=""):
    return lambda o: reverse(name, args=[a(o) if callable(a) else a for a in args]) + query


def pk(key):
    return lambda o: o[key].pk


ROUND, COHORT, PROGRAMME = pk("round"), pk("cohort"), pk("programme")


def inactivity_rule(_objects):
    """A reminder rule (declared in code; copied into the database by the sync after migrate)."""
    from tasks.models import ReminderRule
    from tasks.services import rules_sync

    rules_sync()
    return ReminderRule.objects.get(code="cohorts.learner_inactive").pk


# resource/action -> (URL from the world's objects, the actors who may open it)
MATRIX = {
    "dossier page, jury": (_u("selection:jury_review", pk("dossier_a")), {"juror"}),
    "dossier page, coordination": (_u("selection:manage_application", ROUND, pk("dossier_a")), {"coordinator"}),
    "dossier page, candidate": (_u("selection:dossier", pk("dossier_a")), {"candidate_a"}),
    "dossier PDF, jury": (_u("selection:jury_dossier_pdf", pk("dossier_a")), {"juror"}),
    "dossier PDF, coordination": (
        _u("selection:manage_dossier_pdf", ROUND, pk("dossier_a")),
        {"coordinator"},
    ),
    "dossier file": (_u("selection:document_file", pk("file_a")), {"candidate_a", "coordinator", "juror"}),
    "other dossier's file": (_u("selection:document_file", pk("file_b")), {"candidate_b", "coordinator"}),
    "ranking board": (_u("selection:ranking", ROUND), {"coordinator"}),
    "applications export": (
        _u("selection:manage_export", ROUND, query="?format=csv&columns=reference&columns=lived_experience"),
        {"coordinator"},
    ),
    "journal entry, edit page": (_u("lms:journal_edit", pk("entry_a")), {"learner_a"}),
    "journal entry, API": (_u("lms_api:journal_entry", pk("entry_a")), {"learner_a"}),
    "shared journal, learner page": (
        _u("lms:learner_detail", COHORT, pk("enrolment_a")),
        {"coordinator"},
    ),
    "progress export": (_u("lms:progress_csv", COHORT), {"coordinator"}),
    "concern": (_u("internships:concern", pk("concern_a")), {"learner_a", "coordinator"}),
    "evaluation": (_u("internships:evaluation", pk("evaluation_a")), {"learner_a", "tutor_a", "coordinator"}),
    "placement and its time log": (
        _u("internships:detail", pk("placement_a")),
        {"learner_a", "tutor_a", "coordinator"},
    ),
    "agreement PDF": (_u("internships:agreement_pdf", pk("placement_a")), {"learner_a", "tutor_a", "coordinator"}),
    "access log of a person": (
        lambda o: reverse("cockpit:access", args=[o["cohort"].pk, o["enrolment_a"].learner_id]),
        {"coordinator"},
    ),
    "learner's enrolment page": (_u("cockpit:enrolment", COHORT, pk("enrolment_a")), {"coordinator"}),
    "internships export": (_u("internships:overview_export", COHORT, "csv"), {"coordinator"}),
    "cohort dashboard": (_u("cockpit:dashboard", COHORT), {"coordinator"}),
    "final-validation page": (_u("final_validation:cohort", COHORT), {"coordinator"}),
    "final-validation learner": (
        _u("final_validation:learner", COHORT, pk("enrolment_a")),
        {"coordinator"},
    ),
    "results export": (_u("final_validation:results", COHORT, "csv"), {"coordinator"}),
    "roster export": (_u("cohort_sessions:roster", COHORT, "csv"), {"coordinator"}),
    "référentiel page": (_u("competencies:referentiel", pk("programme")), {"coordinator"}),
    "référentiel competency": (
        _u("competencies:competency_edit", pk("programme"), pk("competency")),
        {"coordinator"},
    ),
    "evaluation grid and référentiel": (_u("internships:criteria_mapping", pk("programme")), {"coordinator"}),
    "attainment by block, API": (
        _u("final_validation_api:attainment", pk("enrolment_a")),
        {"learner_a", "coordinator"},
    ),
    "attendance sheet": (_u("cohort_sessions:attendance-sheet", pk("session"), "csv"), {"coordinator"}),
    # Each sees the picker of their own programme; copying into the programme is for its coordinators and authors.
    "shared modules picker": (_u("cms_sharing:index"), {"author", "coordinator", "other_coordinator"}),
    "copy of a shared module into the programme": (
        _u("cms_sharing:copy", pk("programme"), pk("shared_module")),
        {"author", "coordinator"},
    ),
    "programme figures": (_u("figures:programme", PROGRAMME), {"coordinator"}),
    "programme figures export": (_u("figures:export", PROGRAMME, "xlsx"), {"coordinator"}),
    "programme figures, API": (_u("figures_api:programme_figures", PROGRAMME), {"coordinator"}),
    "graduates' answers": (_u("alumni:programme-answers", PROGRAMME), {"coordinator"}),
    "programme's reminder settings": (_u("programme_reminders:programme", PROGRAMME), {"coordinator"}),
    "programme's setting of one reminder": (
        _u("programme_reminders:edit", PROGRAMME, inactivity_rule),
        {"coordinator"},
    ),
}

CELLS = [(resource, actor) for resource in MATRIX for actor in ACTORS]


@pytest.fixture(autouse=True)
def _media_root(settings, world_media_dir):
    """One media folder for the module: the world's files are written once."""
    settings.MEDIA_ROOT = world_media_dir


def _content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.django_db
@pytest.mark.parametrize(("resource", "actor"), CELLS, ids=[f"{r} | {a}" for r, a in CELLS])
def test_matrix(client, world, resource, actor):
    make_url, allowed = MATRIX[resource]
    person = world.people[actor]
    if person is not None:
        client.force_login(person)
    response = client.get(make_url(world.objects))
    if actor in allowed:
        assert response.status_code == 200, (resource, actor, response.status_code)
        assert _content(response).strip()
    else:
        assert response.status_code in (302, 401, 403, 404), (resource, actor, response.status_code)
        if response.status_code == 302:
            assert "connexion" in response["Location"] or "login" in response["Location"], response["Location"]
