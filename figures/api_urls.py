from django.urls import path

from figures import api

app_name = "figures_api"

# `id` is the API's id converter (lms.api_urls): at most 18 digits, anything else is the API's JSON 404.
urlpatterns = [
    path("programmes/<id:programme_id>/figures/", api.ProgrammeFiguresView.as_view(), name="programme_figures"),
]
