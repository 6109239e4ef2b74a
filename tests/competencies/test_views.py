"""The référentiel pages: who reaches them, editing through the forms, refusals shown, query counts."""

import pytest
from django.urls import reverse

from competencies.models import Block, Competency
from internships.models import CriterionCompetency
from tests.factories import LessonPageFactory, ModulePageFactory
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(programme):
    return ModulePageFactory(parent=programme, title="L'écoute active")


@pytest.fixture
def lesson(module):
    return LessonPageFactory(parent=module, title="Reformuler")


@pytest.fixture
def block(programme):
    return Block.objects.create(programme=programme, code="BC1", title="Écouter et aider", order=1)


def test_only_the_programmes_coordinators_reach_the_pages(
    client, programme, coordinator, other_coordinator, learner, block
):
    competency = Competency.objects.create(block=block, code="C1", title="Écouter")
    pages = [
        reverse("competencies:referentiel", args=[programme.pk]),
        reverse("competencies:block_edit", args=[programme.pk, block.pk]),
        reverse("competencies:competency_add", args=[programme.pk]),
        reverse("competencies:competency_edit", args=[programme.pk, competency.pk]),
        reverse("internships:criteria_mapping", args=[programme.pk]),
    ]
    for page in pages:
        assert client.get(page).status_code == 302  # to the login page
    for person in (other_coordinator, learner):
        client.force_login(person)
        for page in pages:
            assert client.get(page).status_code == 404, (person, page)
        assert client.post(reverse("competencies:block_delete", args=[programme.pk, block.pk])).status_code == 404
    client.force_login(learner)
    assert client.get(reverse("competencies:index")).status_code == 404
    client.force_login(coordinator)
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert programme.title in client.get(reverse("competencies:index")).content.decode()
    assert Block.objects.filter(pk=block.pk).exists()


def test_a_coordinator_adds_a_block_and_maps_a_competency(client, programme, coordinator, module, lesson):
    client.force_login(coordinator)
    response = client.post(
        reverse("competencies:block_add", args=[programme.pk]),
        {"code": "BC1", "title": "Écouter et aider", "description": "", "order": 1},
        follow=True,
    )
    assert "Bloc BC1 — Écouter et aider ajouté." in response.content.decode()
    block = Block.objects.get()
    response = client.post(
        reverse("competencies:competency_add", args=[programme.pk]),
        {
            "block": block.pk,
            "code": "C1.1",
            "title": "Reformuler",
            "order": 0,
            "modules": [module.pk],
            "lessons": [lesson.pk],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Compétence C1.1 — Reformuler ajoutée." in html
    assert "Module : L&#x27;écoute active" in html and "Leçon : Reformuler" in html
    competency = Competency.objects.get()
    assert list(competency.lessons.all()) == [lesson]


def test_bad_input_is_explained_in_french_and_nothing_is_written(client, programme, coordinator, block):
    client.force_login(coordinator)
    response = client.post(
        reverse("competencies:block_add", args=[programme.pk]), {"code": "bc1", "title": "Doublon", "order": 0}
    )
    assert response.status_code == 200
    assert "Ce programme a déjà un bloc avec le code bc1." in response.content.decode()
    response = client.post(
        reverse("competencies:competency_add", args=[programme.pk]), {"block": block.pk, "code": "", "title": ""}
    )
    assert "Merci de corriger les champs signalés" in response.content.decode()
    assert Block.objects.count() == 1 and not Competency.objects.exists()


def test_delete_of_a_block_in_use_is_refused_with_a_message(client, programme, coordinator, block):
    Competency.objects.create(block=block, code="C1", title="Écouter")
    client.force_login(coordinator)
    response = client.post(reverse("competencies:block_delete", args=[programme.pk, block.pk]), follow=True)
    assert "Ce bloc a encore des compétences" in response.content.decode()
    assert Block.objects.filter(pk=block.pk).exists()


def test_the_grid_criteria_are_linked_from_their_page(client, programme, coordinator, block):
    competency = Competency.objects.create(block=block, code="C1", title="Écouter")
    client.force_login(coordinator)
    response = client.post(
        reverse("internships:criteria_mapping", args=[programme.pk]), {"active_listening": [competency.pk]}, follow=True
    )
    assert "La grille d&#x27;évaluation est reliée au référentiel." in response.content.decode()
    assert list(CriterionCompetency.objects.values_list("criterion", "competency")) == [
        ("active_listening", competency.pk)
    ]
    client.post(reverse("internships:criteria_mapping", args=[programme.pk]), {})
    assert not CriterionCompetency.objects.exists()


def test_referentiel_page_queries_do_not_grow_with_blocks(client, programme, coordinator, module, lesson):
    client.force_login(coordinator)
    created = []

    def make_rows(n):
        for _ in range(n):
            index = len(created) + 1
            block = Block.objects.create(programme=programme, code=f"BC{index}", title=f"Bloc {index}", order=index)
            for position in range(3):
                competency = Competency.objects.create(block=block, code=f"C{index}.{position}", title="Compétence")
                competency.modules.add(module)
                competency.lessons.add(lesson)
            created.append(block)

    def fetch():
        response = client.get(reverse("competencies:referentiel", args=[programme.pk]))
        assert response.status_code == 200
        assert f"BC{len(created)} — Bloc {len(created)}" in response.content.decode()

    assert_constant_queries(make_rows, fetch, few=1, many=8, queries=8)
