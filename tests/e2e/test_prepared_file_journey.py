"""Browser journey: a coordinator asks for the attendance sheet of a large session (PDF), sees it being prepared, then
downloads it; nobody else can open its page."""

import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from playwright.sync_api import expect

from tasks import prepared
from tests.e2e.conftest import login
from tests.factories import CohortFactory, CohortSessionFactory, EnrolmentFactory, ProgrammePageFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_worker(monkeypatch):
    """A stand-in for the Celery worker: the build starts a moment after it is queued, in another thread (with its
    own database connection), so that the page is seen waiting first, as with a real worker."""
    threads = []

    def run(file_id: str) -> None:
        try:
            time.sleep(1.5)
            prepared.prepared_file_build(file_id)
        finally:
            connection.close()

    def enqueue(name: str, file_id: str) -> None:
        assert name == prepared.BUILD_TASK
        thread = threading.Thread(target=run, args=(file_id,))
        threads.append(thread)
        connection.on_commit(thread.start)

    monkeypatch.setattr(prepared, "enqueue_on_commit", enqueue)
    yield threads
    for thread in threads:
        thread.join(timeout=60)


@pytest.fixture
def session():
    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale")
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(programme=programme, label="2026-2027", coordinators=[coordinator])
    for index in range(60):
        EnrolmentFactory(cohort=cohort, learner=UserFactory(first_name="Prénom", last_name=f"Apprenant{index:02d}"))
    return CohortSessionFactory(cohort=cohort, past=True, title="Regroupement 1 — Écoute active")


def test_coordinator_asks_for_the_attendance_sheet_sees_it_prepared_and_downloads_it(
    page, phone_page, session, slow_worker, tmp_path
):
    login(page, "claire@example.test")
    page.goto(f"/calendrier/regroupements/{session.pk}/presences/")
    page.get_by_role("link", name="Feuille d'émargement à signer (PDF)").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Préparation du fichier")
    expect(page.locator("main")).to_contain_text("Feuille d'émargement à signer (PDF) — Regroupement 1 — Écoute active")
    status = page.get_by_role("status").filter(has_text="fichier")
    expect(status).to_have_text("Le fichier va être préparé dans un instant…")
    download = page.get_by_role("link", name="Télécharger")
    expect(download).to_be_hidden()
    expect(page.get_by_label("Progression")).to_have_attribute("value", "0")

    # The page asks for the status by itself: no reload, the button appears when the file is ready.
    expect(status).to_have_text("Le fichier est prêt.", timeout=30_000)
    expect(page.get_by_label("Progression")).to_have_attribute("value", "100")
    expect(download).to_be_visible()
    with page.expect_download() as download_info:
        download.click()
    saved = tmp_path / "sheet.pdf"
    download_info.value.save_as(saved)
    assert download_info.value.suggested_filename.startswith("emargement-")
    assert saved.read_bytes().startswith(b"%PDF")

    # Someone else, even logged in, finds nothing at the file's address.
    UserFactory(email="autre@example.test")
    login(phone_page, "autre@example.test")
    phone_page.goto(page.url)
    expect(phone_page.get_by_role("heading", level=1)).to_contain_text("introuvable")
