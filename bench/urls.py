from django.http import HttpResponse
from django.urls import include, path


def baseline(request):
    """The floor: a bare Django view through the same middleware, server and process."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/baseline/", baseline, name="bench-baseline"), path("", include("config.urls"))]
