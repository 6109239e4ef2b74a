"""URLs of the cohort calendar, included from cohorts/urls.py (namespace "cohorts", names "calendar-...")."""

from django.urls import path, re_path

from cohorts import calendar_views as views

urlpatterns = [
    path("calendrier/promotions/", views.cohort_list, name="calendar-cohort-list"),
    path("calendrier/promotions/<int:cohort_id>/", views.cohort_calendar, name="calendar-cohort"),
    path(
        "calendrier/promotions/<int:cohort_id>/regroupements/nouveau/",
        views.session_create,
        name="calendar-session-create",
    ),
    re_path(
        r"^calendrier/promotions/(?P<cohort_id>[0-9]+)/liste\.(?P<fmt>csv|xlsx)$",
        views.cohort_roster,
        name="calendar-roster",
    ),
    path("calendrier/regroupements/<int:session_id>/modifier/", views.session_edit, name="calendar-session-edit"),
    path("calendrier/regroupements/<int:session_id>/presences/", views.session_attendance, name="calendar-attendance"),
    re_path(
        r"^calendrier/regroupements/(?P<session_id>[0-9]+)/emargement\.(?P<fmt>csv|xlsx|pdf)$",
        views.attendance_sheet,
        name="calendar-attendance-sheet",
    ),
    path("calendrier/regroupements/<int:session_id>/ajouter.ics", views.session_ics, name="calendar-session-ics"),
    path("calendrier/mes-regroupements/", views.my_sessions, name="calendar-my-sessions"),
    path("calendrier/mon-assiduite/", views.my_attendance, name="calendar-my-attendance"),
    path("calendrier/abonnement/", views.feed_settings, name="calendar-feed-settings"),
    path("calendrier/abonnement/nouvelle-adresse/", views.feed_regenerate, name="calendar-feed-regenerate"),
    path("calendrier/abonnement/desactiver/", views.feed_revoke, name="calendar-feed-revoke"),
    path("calendrier/flux/<str:token>.ics", views.feed, name="calendar-feed"),
]
