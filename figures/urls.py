from django.urls import path

from figures import views

app_name = "figures"

urlpatterns = [
    path("programme/<int:programme_id>/", views.programme_figures_page, name="programme"),
    path("programme/<int:programme_id>/export.<str:fmt>", views.programme_figures_export, name="export"),
]
