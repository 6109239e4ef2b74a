from django.urls import path

from alumni import views

app_name = "alumni"

urlpatterns = [
    path("", views.my_follow_up, name="my-follow-up"),
    path("questionnaire/<str:token>/", views.survey_page, name="survey"),
    path("programme/<int:programme_id>/reponses/", views.programme_answers, name="programme-answers"),
]
