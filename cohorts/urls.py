from django.urls import path  # noqa: F401

app_name = "cohorts"

urlpatterns: list = []

from cohorts.calendar_urls import urlpatterns as calendar_urlpatterns  # noqa: E402 - cohort calendar and attendance

urlpatterns += calendar_urlpatterns
