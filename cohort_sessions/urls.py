"""URLs of the cohort calendar, sessions and attendance (mounted at /calendrier/)."""

from django.urls import path, re_path

from cohort_sessions import views as views

app_name = "cohort_sessions"

urlpatterns = [
    path("promotions/", views.cohort_list, name="cohort-list"),
    path("promotions/<int:cohort_id>/", views.cohort_calendar, name="cohort"),
    path(
        "promotions/<int:cohort_id>/regroupements/nouveau/",
        views.session_create,
        name="session-create",
    ),
    re_path(
        r"^promotions/(?P<cohort_id>[0-9]+)/liste\.(?P<fmt>csv|xlsx)$",
        views.cohort_roster,
        name="roster",
    ),
    path("regroupements/<int:session_id>/modifier/", views.session_edit, name="session-edit"),
    path("regroupements/<int:session_id>/presences/", views.session_attendance, name="attendance"),
    re_path(
        r"^regroupements/(?P<session_id>[0-9]+)/emargement\.(?P<fmt>csv|xlsx|pdf)$",
        views.attendance_sheet,
        name="attendance-sheet",
    ),
    path("regroupements/<int:session_id>/ajouter.ics", views.session_ics, name="session-ics"),
    path("mes-regroupements/", views.my_sessions, name="my-sessions"),
    path("mon-assiduite/", views.my_attendance, name="my-attendance"),
    path("abonnement/", views.feed_settings, name="feed-settings"),
    path("abonnement/nouvelle-adresse/", views.feed_regenerate, name="feed-regenerate"),
    path("abonnement/desactiver/", views.feed_revoke, name="feed-revoke"),
    path("flux/<str:token>.ics", views.feed, name="feed"),
]
