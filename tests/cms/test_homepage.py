import pytest
from wagtail.models import Site

from cms.models import HomePage
from tests.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db


def test_home_page_comes_from_the_data_migration():
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.live


def test_home_page_renders_accessible_shell(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'href="#main"' in html  # skip link
    assert "<main" in html and "<header" in html and "<footer" in html and "<nav" in html
    assert 'name="viewport"' in html


def test_home_page_lists_live_programmes(client):
    ProgrammePageFactory(title="DU Pair-aidance Lyon")
    assert "DU Pair-aidance Lyon" in client.get("/").content.decode()


def test_no_asset_is_loaded_from_another_site(client):
    html = client.get("/").content.decode()
    for marker in ('src="http', 'href="http', 'src="//', 'href="//'):
        assert marker not in html
