from django.urls import path

from selection import views

app_name = "selection"

urlpatterns = [
    # Public call and account
    path("appel/<int:round_id>/", views.round_detail, name="round"),
    path("appel/<int:round_id>/postuler/", views.apply, name="apply"),
    # Candidate
    path("mes-candidatures/", views.my_applications, name="my_applications"),
    path("dossier/<int:pk>/", views.dossier, name="dossier"),
    path("dossier/<int:pk>/modifier/", views.dossier_edit, name="dossier_edit"),
    path("dossier/<int:pk>/pieces/<int:required_pk>/", views.document_upload, name="document_upload"),
    path("dossier/<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("dossier/<int:pk>/entretien/", views.book_interview, name="book_interview"),
    path("dossier/<int:pk>/entretien/annuler/", views.cancel_interview, name="cancel_interview"),
    path("dossier/<int:pk>/entretien/entretien.ics", views.interview_calendar_file, name="interview_ics"),
    path("dossier/<int:pk>/offre/", views.answer_offer, name="answer_offer"),
    path("dossier/<int:pk>/lettre.pdf", views.decision_letter, name="decision_letter"),
    path("fichier/<int:document_pk>/", views.document_file, name="document_file"),
    # Coordinators
    path("gestion/", views.manage_rounds, name="manage_rounds"),
    path("gestion/nouvelle/", views.round_create, name="round_create"),
    path("gestion/<int:round_id>/", views.manage_dashboard, name="manage_dashboard"),
    path("gestion/<int:round_id>/reglages/", views.round_settings, name="round_settings"),
    path("gestion/<int:round_id>/candidatures/", views.manage_applications, name="manage_applications"),
    path("gestion/<int:round_id>/candidatures/<int:pk>/", views.manage_application, name="manage_application"),
    path(
        "gestion/<int:round_id>/candidatures/<int:pk>/dossier.pdf", views.manage_dossier_pdf, name="manage_dossier_pdf"
    ),
    path("gestion/<int:round_id>/candidatures/<int:pk>/<slug:action>/", views.manage_action, name="manage_action"),
    path("gestion/<int:round_id>/jury/", views.manage_jury, name="manage_jury"),
    path("gestion/<int:round_id>/entretiens/", views.manage_slots, name="manage_slots"),
    path("gestion/<int:round_id>/export/", views.manage_export, name="manage_export"),
    path("gestion/<int:round_id>/classement/", views.ranking, name="ranking"),
    path("gestion/<int:round_id>/classement/lettres.pdf", views.decision_letters_bundle, name="letters_bundle"),
    # Jury
    path("jury/", views.jury_home, name="jury_home"),
    path("jury/dossier/<int:pk>/", views.jury_review, name="jury_review"),
    path("jury/dossier/<int:pk>/dossier.pdf", views.jury_dossier_pdf, name="jury_dossier_pdf"),
    path("jury/dossier/<int:pk>/conflit/", views.jury_conflict, name="jury_conflict"),
    path("jury/dossier/<int:pk>/entretien/", views.jury_interviewed, name="jury_interviewed"),
]
