"""URLs of the coordinator's cohort dashboard (mounted at /promotions/)."""

from django.urls import path

from cockpit import views as views

app_name = "cockpit"

urlpatterns = [
    path("<int:cohort_id>/tableau-de-bord/", views.cockpit, name="dashboard"),
    path("<int:cohort_id>/tableau-de-bord/ecrire/", views.write, name="write"),
    path("<int:cohort_id>/acces/<int:person_id>/", views.access_log, name="access"),
    path("<int:cohort_id>/tableau-de-bord/inscriptions/", views.enrolments, name="enrolments"),
    path("<int:cohort_id>/tableau-de-bord/signalements/", views.concerns, name="concerns"),
    path("<int:cohort_id>/tableau-de-bord/inscriptions/<int:enrolment_id>/", views.enrolment, name="enrolment"),
]
