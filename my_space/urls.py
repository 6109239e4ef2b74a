from django.urls import path

from my_space import views

app_name = "my_space"

urlpatterns = [
    path("compte/mon-espace/", views.home, name="home"),
    path("apprendre/", views.learning, name="learning"),
]
