"""URLs of the final validation (mounted at /validation/)."""

from django.urls import path, re_path

from attestations.urls import redirects_to_verification
from final_validation import views as views

app_name = "final_validation"

urlpatterns = [
    path("promotions/<int:cohort_id>/", views.cohort_validation, name="cohort"),
    path("promotions/<int:cohort_id>/seuil/", views.threshold_update, name="threshold"),
    re_path(
        r"^promotions/(?P<cohort_id>[0-9]+)/resultats\.(?P<fmt>csv|xlsx)$",
        views.results_export,
        name="results",
    ),
    path(
        "promotions/<int:cohort_id>/apprenants/<int:enrolment_id>/",
        views.learner_decision,
        name="learner",
    ),
    path(
        "promotions/<int:cohort_id>/apprenants/<int:enrolment_id>/blocs/<int:block_id>/",
        views.learner_block_decision,
        name="block",
    ),
    path(
        "promotions/<int:cohort_id>/apprenants/<int:enrolment_id>/report/",
        views.learner_defer,
        name="defer",
    ),
    path("attestations/<int:attestation_id>.pdf", views.attestation_download, name="attestation"),
    # Printed on earlier attestations: the one verification page now answers.
    *redirects_to_verification(prefix="verifier/", list_name="verify", code_name="verify-code"),
    path("mon-resultat/", views.my_result, name="my-result"),
]
