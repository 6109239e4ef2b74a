"""Files made on request (exports, PDF bundles, the personal-data ZIP) can take a while before the download starts.

The page says so at once (static/js/forms.js shows "Preparing the file..." next to the link). When a response
is a file (its Content-Disposition says attachment), this middleware sets a short-lived cookie, `file_ready`,
that the script watches for to take the message down: the download has begun.
"""

FILE_READY_COOKIE = "file_ready"


class FileReadyCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.headers.get("Content-Disposition", "").startswith("attachment"):
            # Read by the page's script (not HttpOnly); it says nothing but "a file has started".
            response.set_cookie(FILE_READY_COOKIE, "1", max_age=60, samesite="Lax", httponly=False)
        return response
