"""The référentiel pages (mounted at /referentiel/)."""

from django.urls import path

from competencies import views

app_name = "competencies"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:programme_id>/", views.referentiel, name="referentiel"),
    path("<int:programme_id>/blocs/nouveau/", views.block_add, name="block_add"),
    path("<int:programme_id>/blocs/<int:block_id>/", views.block_edit, name="block_edit"),
    path("<int:programme_id>/blocs/<int:block_id>/supprimer/", views.block_remove, name="block_delete"),
    path("<int:programme_id>/competences/nouvelle/", views.competency_add, name="competency_add"),
    path("<int:programme_id>/competences/<int:competency_id>/", views.competency_edit, name="competency_edit"),
    path(
        "<int:programme_id>/competences/<int:competency_id>/supprimer/",
        views.competency_remove,
        name="competency_delete",
    ),
]
