"""/api/v1/: each app adds its routes in its own `api_urls` module; the schema and docs live here."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.api_schema import NotFoundView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script, so the CSP holds here too.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("lms.api_urls")),
    path("", include("competencies.api_urls")),
    path("", include("final_validation.api_urls")),
    path("", include("figures.api_urls")),
    # Last: whatever matched nothing above answers a JSON 404 (not the site's HTML page).
    re_path(r"^", NotFoundView.as_view(), name="api-not-found"),
]
