"""The public verification page (mounted at /attestations/)."""

from django.urls import path
from django.views.generic import RedirectView

from attestations import views

app_name = "attestations"

urlpatterns = [
    path("verifier/", views.verify, name="verify"),
    path("verifier/<str:code>/", views.verify, name="verify-code"),
]


def redirects_to_verification(*, prefix: str, list_name: str, code_name: str | None = None) -> list:
    """URL patterns that keep an app's earlier verification addresses (printed on attestations already handed
    out) working, by a permanent redirect to the one page."""
    patterns = [
        path(
            prefix,
            RedirectView.as_view(pattern_name="attestations:verify", query_string=True, permanent=True),
            name=list_name,
        )
    ]
    if code_name:
        patterns.append(
            path(
                f"{prefix}<str:code>/",
                RedirectView.as_view(pattern_name="attestations:verify-code", permanent=True),
                name=code_name,
            )
        )
    return patterns
