"""The prepared files' pages (mounted at /fichiers/)."""

from django.urls import path

from tasks import file_views

app_name = "prepared_files"

urlpatterns = [
    path("<uuid:file_id>/", file_views.page, name="page"),
    path("<uuid:file_id>/etat.json", file_views.status, name="status"),
    path("<uuid:file_id>/telecharger/", file_views.download, name="download"),
]
