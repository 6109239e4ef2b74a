from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("langue/", views.set_language, name="set_language"),
    path("mon-espace/mes-donnees/", views.personal_data, name="personal_data"),
]
