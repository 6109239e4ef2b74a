from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # One login door: the admins' own login and password-reset pages lead to the site's (allauth, second factor).
    path("django-admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("compte/", include("accounts.identity_urls")),
    path("", include("my_space.urls")),
    path("compte/mon-espace/acces/", include("audit.urls")),
    path("compte/", include("accounts.urls")),
    path("selection/", include("selection.urls")),
    path("calendrier/", include("cohort_sessions.urls")),
    path("validation/", include("final_validation.urls")),
    path("promotions/", include("cockpit.urls")),
    path("apprendre/", include("lms.urls")),
    path("stages/", include("internships.urls")),
    path("suivi-diplomes/", include("alumni.urls")),
    path("chiffres/", include("figures.urls")),
    path("relances/", include("tasks.urls")),
    path("fichiers/", include("tasks.file_urls")),
    path("attestations/", include("attestations.urls")),
    path("referentiel/", include("competencies.urls")),
    path("api/v1/", include("config.api_urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)

# Wagtail's page serving comes last: it answers every path the others did not claim. Its own pattern and name, for
# Wagtail's view with the site kept in the cache (cms.views.serve); Wagtail's other URLs after it.
urlpatterns += [
    re_path(wagtail_urls.serve_pattern, cms_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
