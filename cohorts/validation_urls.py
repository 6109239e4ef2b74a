"""URLs of the final validation, included from cohorts/urls.py (namespace "cohorts", names "validation-...")."""

from django.urls import path, re_path

from cohorts import validation_views as views

urlpatterns = [
    path("validation/promotions/<int:cohort_id>/", views.cohort_validation, name="validation-cohort"),
    path("validation/promotions/<int:cohort_id>/seuil/", views.threshold_update, name="validation-threshold"),
    re_path(
        r"^validation/promotions/(?P<cohort_id>[0-9]+)/resultats\.(?P<fmt>csv|xlsx)$",
        views.results_export,
        name="validation-results",
    ),
    path(
        "validation/promotions/<int:cohort_id>/apprenants/<int:enrolment_id>/",
        views.learner_decision,
        name="validation-learner",
    ),
    path(
        "validation/promotions/<int:cohort_id>/apprenants/<int:enrolment_id>/report/",
        views.learner_defer,
        name="validation-defer",
    ),
    path("validation/attestations/<int:attestation_id>.pdf", views.attestation_download, name="validation-attestation"),
    path("validation/verifier/", views.verify, name="validation-verify"),
    path("validation/verifier/<str:code>/", views.verify, name="validation-verify-code"),
    path("validation/mon-resultat/", views.my_result, name="validation-my-result"),
]
