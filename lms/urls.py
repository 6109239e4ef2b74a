from django.urls import path

from attestations.urls import redirects_to_verification
from lms import views, views_coordination, views_learning

app_name = "lms"

urlpatterns = [
    path("calendriers/", views.calendars, name="calendars"),
    path("lecons/<int:lesson_id>/terminee/", views_learning.lesson_mark_done, name="lesson_mark_done"),
    path("lecons/<int:lesson_id>/quiz/<str:quiz_id>/", views_learning.quiz, name="quiz"),
    path("journal/", views_learning.journal, name="journal"),
    path("journal/nouveau/", views_learning.journal_new, name="journal_new"),
    path("journal/export/", views_learning.journal_export, name="journal_export"),
    path("journal/<int:entry_id>/", views_learning.journal_edit, name="journal_edit"),
    path("journal/<int:entry_id>/partager/", views_learning.journal_share, name="journal_share"),
    path("journal/<int:entry_id>/retirer-partage/", views_learning.journal_unshare, name="journal_unshare"),
    path("journal/<int:entry_id>/supprimer/", views_learning.journal_delete, name="journal_delete"),
    path("attestation/<int:enrolment_id>/", views_learning.attestation_pdf, name="attestation"),
    # Printed on earlier attestations: the one verification page now answers.
    *redirects_to_verification(prefix="verifier/", list_name="verify", code_name="verify_code"),
    path("cle-api/", views_learning.api_token, name="api_token"),
    path("cohortes/<int:cohort_id>/progression/", views_coordination.progress_matrix, name="progress_matrix"),
    path("cohortes/<int:cohort_id>/progression.csv", views_coordination.export_csv, name="progress_csv"),
    path("cohortes/<int:cohort_id>/progression.xlsx", views_coordination.export_xlsx, name="progress_xlsx"),
    path("cohortes/<int:cohort_id>/a-accompagner/", views_coordination.at_risk, name="at_risk"),
    path("cohortes/<int:cohort_id>/apprenants/<int:enrolment_id>/", views_coordination.learner, name="learner_detail"),
    path("cohortes/<int:cohort_id>/calendrier/", views.cohort_calendar, name="cohort_calendar"),
    path("cohortes/<int:cohort_id>/calendrier/dates-individuelles/", views.override_add, name="override_add"),
    path(
        "cohortes/<int:cohort_id>/calendrier/dates-individuelles/<int:override_id>/supprimer/",
        views.override_delete,
        name="override_delete",
    ),
]
