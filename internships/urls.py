from django.urls import path

from attestations.urls import redirects_to_verification
from internships import views, views_grid

app_name = "internships"

urlpatterns = [
    path("", views.learner_home, name="learner_home"),
    path("proposer/", views.propose, name="propose"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/action/<slug:name>/", views.action, name="action"),
    path("<int:pk>/signer/", views.sign, name="sign"),
    path("<int:pk>/avenant/", views.amendment_request, name="amendment_request"),
    path("<int:pk>/avenant/approuver/", views.amendment_sign, name="amendment_sign"),
    path("<int:pk>/signee-hors-plateforme/", views.signed_outside, name="signed_outside"),
    path("<int:pk>/heures/", views.log_hours, name="log_hours"),
    path("<int:pk>/semaines/<str:week>/envoyer/", views.submit_week, name="submit_week"),
    path("<int:pk>/semaines/<str:week>/valider/", views.sign_off_week, name="sign_off_week"),
    path("<int:pk>/evaluations/<slug:kind>/", views.evaluation_fill, name="evaluation_fill"),
    path("evaluations/<int:pk>/", views.evaluation_view, name="evaluation"),
    path("<int:pk>/signalement/", views.concern_raise, name="concern_raise"),
    path("<int:pk>/convention.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/attestation.pdf", views.attestation_pdf, name="attestation_pdf"),
    # Printed on earlier attestations: the one verification page now answers.
    *redirects_to_verification(prefix="attestations/verifier/", list_name="verify"),
    path("grille/<int:programme_id>/", views_grid.criteria_mapping, name="criteria_mapping"),
    path("signalements/", views.concerns_mine, name="concerns"),
    path("signalements/<int:pk>/", views.concern_detail, name="concern"),
    path("tuteur/", views.tutor_home, name="tutor_home"),
    path("lien/<str:token>/", views.link_page, name="link"),
    path("liens/<int:pk>/retirer/", views.link_revoke, name="link_revoke"),
    path("coordination/<int:cohort_pk>/", views.overview, name="overview"),
    path("coordination/<int:cohort_pk>/export.<slug:fmt>", views.overview_export, name="overview_export"),
    path("coordination/<int:cohort_pk>/supervision/", views.supervision_new, name="supervision_new"),
]
