from django.urls import path

from lms import views

app_name = "lms"

urlpatterns = [
    path("calendriers/", views.calendars, name="calendars"),
    path("cohortes/<int:cohort_id>/calendrier/", views.cohort_calendar, name="cohort_calendar"),
    path("cohortes/<int:cohort_id>/calendrier/dates-individuelles/", views.override_add, name="override_add"),
    path(
        "cohortes/<int:cohort_id>/calendrier/dates-individuelles/<int:override_id>/supprimer/",
        views.override_delete,
        name="override_delete",
    ),
]
