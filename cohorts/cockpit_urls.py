"""URLs of the coordinator's cohort dashboard, included from cohorts/urls.py (namespace "cohorts")."""

from django.urls import path

from cohorts import cockpit_views as views

urlpatterns = [
    path("promotions/<int:cohort_id>/tableau-de-bord/", views.cockpit, name="cockpit"),
    path("promotions/<int:cohort_id>/tableau-de-bord/ecrire/", views.write, name="cockpit-write"),
]
