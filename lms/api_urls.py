from django.urls import path

import core.converters  # noqa: F401  (the `id` converter)
from lms import api

app_name = "lms_api"

urlpatterns = [
    path("progress/", api.ProgressView.as_view(), name="progress"),
    path("lessons/<id:lesson_id>/done/", api.LessonDoneView.as_view(), name="lesson_done"),
    path("lessons/<id:lesson_id>/quizzes/<str:quiz_id>/", api.QuizView.as_view(), name="quiz"),
    path("journal/", api.JournalListView.as_view(), name="journal"),
    path("journal/<id:pk>/", api.JournalDetailView.as_view(), name="journal_entry"),
    path("journal/<id:entry_id>/share/", api.JournalShareView.as_view(), name="journal_share"),
]
