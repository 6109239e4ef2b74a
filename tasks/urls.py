from django.urls import path

from tasks import views

app_name = "tasks"

urlpatterns = [
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mes-rappels/", views.preferences, name="preferences"),
]
