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


# --- The site kept in the cache (cms.models.site_for_request) ---------------------------------------------------------


def test_the_site_and_its_root_page_are_read_once_then_kept(client, django_assert_num_queries):
    assert client.get("/").status_code == 200
    # The view restrictions (the ancestors, then the restrictions) and the programmes: not the site nor the home page.
    with django_assert_num_queries(3):
        response = client.get("/")
    assert response.status_code == 200 and response.wsgi_request._wagtail_site.root_page.specific_class is HomePage


def test_a_change_to_the_site_or_its_home_page_is_served_at_once(client):
    home = HomePage.objects.get()
    assert client.get("/").status_code == 200
    home.title = "Former à la pair-aidance"
    home.save_revision().publish()
    assert "<title>Former à la pair-aidance" in client.get("/").content.decode()

    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "ailleurs.example.org"
    site.save()
    assert client.get("/").status_code == 404  # no site answers this host any more
    site.is_default_site = True
    site.save()
    assert client.get("/").status_code == 200
