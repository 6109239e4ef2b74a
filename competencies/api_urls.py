from django.urls import path

import core.converters  # noqa: F401  (the `id` converter)
from competencies import api

app_name = "competencies_api"

urlpatterns = [
    path("programmes/<id:programme_id>/referentiel/", api.ReferentielView.as_view(), name="referentiel"),
]
