from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("compte/", include("accounts.urls")),
    path("selection/", include("selection.urls")),
    path("calendrier/", include("cohort_sessions.urls")),
    path("validation/", include("final_validation.urls")),
    path("promotions/", include("cockpit.urls")),
    path("apprendre/", include("lms.urls")),
    path("stages/", include("internships.urls")),
    path("relances/", include("tasks.urls")),
    path("attestations/", include("attestations.urls")),
    path("api/v1/", include("config.api_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)

# Wagtail's page serving comes last: it answers every path the others did not claim.
urlpatterns += [path("", include(wagtail_urls))]
