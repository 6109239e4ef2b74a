from django.urls import path, register_converter

from lms import api


class RecordId:
    """A database id in a URL: at most 18 digits, so that no id overflows a 64-bit column (a longer or signed
    value is simply not an address of the API, and answers the API's JSON 404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(RecordId, "id")


app_name = "lms_api"

urlpatterns = [
    path("progress/", api.ProgressView.as_view(), name="progress"),
    path("lessons/<id:lesson_id>/done/", api.LessonDoneView.as_view(), name="lesson_done"),
    path("lessons/<id:lesson_id>/quizzes/<str:quiz_id>/", api.QuizView.as_view(), name="quiz"),
    path("journal/", api.JournalListView.as_view(), name="journal"),
    path("journal/<id:pk>/", api.JournalDetailView.as_view(), name="journal_entry"),
    path("journal/<id:entry_id>/share/", api.JournalShareView.as_view(), name="journal_share"),
]
