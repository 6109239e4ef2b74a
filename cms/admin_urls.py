from django.urls import path

from cms import views

app_name = "cms_sharing"
urlpatterns = [
    path("", views.SharedModulesView.as_view(), name="index"),
    path("<int:programme_id>/reprendre/<int:module_id>/", views.SharedModuleCopyView.as_view(), name="copy"),
]
