"""Schema hooks of /api/v1/ (drf-spectacular) and the JSON answer for paths the API does not have."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: `detail` says what went wrong, or each invalid field lists its problems.",
    "properties": {"detail": {"description": "What went wrong, in the person's language."}},
    "additionalProperties": True,
}
# Every answer an endpoint can give besides its own: who may not call it, what does not exist, bad input.
ERRORS = {
    "400": "The request could not be read or a value is invalid; the body says which.",
    "401": "No valid credentials (token authentication).",
    "403": "Not signed in (session authentication), or not allowed.",
    "404": "Nothing of yours at this address (another person's records are not found either).",
    "405": "This method is not allowed here.",
    "406": "The API answers in JSON only.",
    "415": "The body must be JSON (or a form).",
}
BODYLESS_METHODS = {"get", "delete", "head", "options"}


def only_public_api(endpoints):
    """Document our /api/v1/ only, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def document_error_responses(result, generator, request, public):
    """Add the error answers to every operation (with a shared `Error` component)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code == "415" and method in BODYLESS_METHODS:
                    continue
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result


class NotFoundView(APIView):
    """Any /api/v1/ address that matches no endpoint (a malformed id included): a JSON 404, never the site's HTML
    page. Anonymous callers get it too: it says nothing about what exists."""

    permission_classes = [AllowAny]
    authentication_classes = []
    schema = None

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound(_("There is nothing at this address of the API."))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound(_("There is nothing at this address of the API."))

    def get(self, request, *args, **kwargs):  # pragma: no cover - initial() always answers first
        raise NotFound
