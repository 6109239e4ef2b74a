"""A file response tells the page (by a short cookie) that its download has begun."""

from django.http import HttpResponse
from django.test import RequestFactory

from core.downloads import FILE_READY_COOKIE, FileReadyCookieMiddleware
from core.exports import download


def test_a_file_sets_the_cookie_the_page_waits_for():
    middleware = FileReadyCookieMiddleware(
        lambda request: download(b"a;b\n", content_type="text/csv", filename="x.csv")
    )
    response = middleware(RequestFactory().get("/x.csv"))
    cookie = response.cookies[FILE_READY_COOKIE]
    assert cookie.value == "1" and cookie["max-age"] == 60 and not cookie["httponly"]


def test_a_page_sets_no_cookie():
    middleware = FileReadyCookieMiddleware(lambda request: HttpResponse("<p>Bonjour</p>"))
    assert FILE_READY_COOKIE not in middleware(RequestFactory().get("/")).cookies
