"""Every URL of the project, asked anonymously: only the explicit public list answers with content.

The patterns come from the root URLconf (pages, Wagtail and Django admin, API, downloads, feeds, tutor
links); each path parameter is filled with the id (or token) of a real object of the world below, so a
view answers about something that exists rather than "not found" for lack of data.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.world import build_world

# name (namespace:name) -> why anonymous visitors may open it.
PUBLIC = {
    "healthz": "liveness probe (status only)",
    "account_login": "the login page",
    "account_signup": "candidates create their account",
    "account_inactive": "says calmly that an account is not active",
    "account_reset_password": "password reset form (answers the same whether or not an account exists)",
    "account_reset_password_done": "password reset: the e-mail is on its way",
    "account_email_verification_sent": "says that a verification e-mail is on its way",
    "account_reset_password_from_key_done": "password reset: the new password is saved",
    "attestations:verify": "public check of an attestation",
    "attestations:verify-code": "public check of an attestation",
    "selection:round": "a published call for applications",
    "cohort_sessions:feed": "a private calendar feed (the secret token is the credential)",
    "final_validation:verify": "public check of an attestation",
    "final_validation:verify-code": "public check of an attestation",
    "lms:verify": "public check of an attestation",
    "lms:verify_code": "public check of an attestation",
    "internships:verify": "public check of a placement attestation",
    "internships:link": "a tutor's personal link (the secret token is the credential)",
    "alumni:survey": "a graduate's survey link (the secret token is the credential; single-use, expiring)",
    "tasks:unsubscribe": "one-click unsubscribe (the token is the credential)",
    "api-schema": "the API's OpenAPI description",
    "api-docs": "the API's documentation page",
    "wagtailcore_login": "Wagtail's login for private pages",
    "wagtail_serve": "the public editorial pages",
    "wagtailadmin_login": "the admin's login page",
    "wagtailadmin_password_reset": "password reset form",
    "wagtailadmin_password_reset_done": "password reset form",
    "wagtailadmin_password_reset_confirm": "password reset form",
    "wagtailadmin_password_reset_complete": "password reset form",
    "wagtailadmin_javascript_catalog": "the admin's translated strings (no data)",
    "wagtailadmin_icons": "the admin's icon sprite",
    "wagtailadmin_sprite": "the admin's icon sprite",
    "admin:login": "the Django admin's login page",
    "admin:jsi18n": "translated strings (no data)",
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
            yield prefix + str(pattern.pattern), name


def _values(world) -> dict[str, str]:
    o = world.objects
    return {
        # selection
        "round_id": o["round"].pk,
        "document_pk": o["file_a"].pk,
        "required_pk": o["file_a"].required_document_id,
        # calendar, validation, cockpit, lms
        "cohort_id": o["cohort"].pk,
        "cohort_pk": o["cohort"].pk,
        "session_id": o["session"].pk,
        "enrolment_id": o["enrolment_a"].pk,
        "entry_id": o["entry_a"].pk,
        "lesson_id": o["lesson"].pk,
        "override_id": o["override"].pk,
        "attestation_id": 1,
        # référentiel
        "programme_id": o["programme"].pk,
        "block_id": o["block"].pk,
        "competency_id": o["competency"].pk,
        # tokens and strings
        "token": world.tokens["link"],
        "quiz_id": "q1",
        "code": "ABCD-EFGH",
        "week": "2026-W01",
        "kind": "midpoint",
        "name": "approve",
        "action": "check",
        "fmt": "csv",
        "file_id": "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",  # a prepared file: anonymous visitors are sent to log in
        # Wagtail admin
        "page_id": o["programme"].pk,
        "module_id": o["shared_module"].pk,
        "parent_page_id": o["programme"].pk,
        "app_label": "internships",
        "model_name": "tutor",
        "app_name": "internships",
        "content_type_app_name": "internships",
        "content_type_model_name": "tutor",
        "content_type_id": "internships/tutor",
        "object_id": str(o["placement_a"].tutor_id),
        "filter_spec": "original",
        "uidb64": "MQ",
        "url": "internships/tutor/",
    }


def _pk_for(route: str, world) -> int:
    o = world.objects
    if route.startswith("selection/"):
        return o["dossier_a"].pk
    if route.startswith("stages/evaluations/"):
        return o["evaluation_a"].pk
    if route.startswith("stages/signalements/"):
        return o["concern_a"].pk
    if route.startswith("stages/liens/"):
        return o["link"].pk
    if route.startswith("stages/"):
        return o["placement_a"].pk
    if route.startswith("api/v1/journal/"):
        return o["entry_a"].pk
    return o["placement_a"].tutor_id


def _fill(route: str, world) -> list[str]:
    """Concrete paths for a route pattern or a regex pattern."""
    values = _values(world)
    if route.endswith("^((?:[\\w\\-]+/)*)$"):
        programme = world.objects["programme"]
        return ["/", programme.url or "/"]
    path = route.replace("^", "").replace("$", "")

    def route_param(match):
        name = match.group(2)
        if name == "pk":
            return str(_pk_for(route, world))
        if name == "token" and route.startswith("calendrier/"):
            return world.tokens["feed"]
        return str(values.get(name, 1))

    path = re.sub(r"<(?:(\w+):)?(\w+)>", route_param, path)

    def regex_param(match):
        name, body = match.group(1), match.group(2)
        if "|" in body:
            return body.split("|")[0]
        return str(values.get(name, 1))

    path = re.sub(r"\(\?P<(\w+)>([^)]*)\)", regex_param, path)
    path = path.replace(r"(\d+)", str(world.objects["programme"].pk)).replace("(.*)", "fichier.pdf")
    path = path.replace("\\.", ".").replace("\\", "")
    return ["/" + path]


def _has_content(response) -> bool:
    if getattr(response, "streaming", False):
        return bool(b"".join(response.streaming_content))
    return bool(response.content.strip())


@pytest.mark.django_db
def test_anonymous_visitor_reaches_nothing_outside_the_public_list(client):
    world = build_world()
    patterns = list(_walk(get_resolver().url_patterns))
    assert len(patterns) > 400  # the whole URLconf, admin included
    reached, public_reached, statuses = [], set(), {}
    for route, name in patterns:
        for path in _fill(route, world):
            response = client.get(path)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if 200 <= response.status_code < 300 and _has_content(response):
                if (name or route) in PUBLIC:
                    public_reached.add(name or route)
                else:
                    reached.append(f"{response.status_code} {path} ({name or route})")
    assert reached == []
    # The walk's own check: the ids and tokens it fills in are real, so the public pages that need one
    # (a call, a tutor's link, a calendar feed) did answer; and most doors sent the visitor to a login.
    assert {"healthz", "selection:round", "internships:link", "cohort_sessions:feed", "wagtail_serve"} <= (
        public_reached
    ), public_reached
    assert statuses.get(302, 0) > 300, statuses
