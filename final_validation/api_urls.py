from django.urls import path

import core.converters  # noqa: F401  (the `id` converter)
from final_validation import api

app_name = "final_validation_api"

urlpatterns = [
    path("enrolments/<id:enrolment_id>/attainment/", api.AttainmentView.as_view(), name="attainment"),
]
