"""Test helpers shared by every app."""

import importlib
import sys
from contextlib import contextmanager
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse


@contextmanager
def count_queries():
    """`with count_queries() as ctx: ...` then `len(ctx)` is the number of SQL queries run inside."""
    with CaptureQueriesContext(connection) as context:
        yield context


def import_settings_afresh(module: str, environment: dict[str, str]):
    """The settings module `module` as a process started with exactly `environment` would read it.

    Imported afresh (with `config.settings` and its base), then forgotten: this process's settings stay as they
    were. Settings are computed when their module is imported, so this reads what a server would, without the
    cost of a Python and Django start-up per case.
    """
    import config

    def loaded() -> list[str]:
        return [name for name in sys.modules if name == "config.settings" or name.startswith("config.settings.")]

    saved = {name: sys.modules.pop(name) for name in loaded()}
    try:
        with mock.patch.dict("os.environ", environment, clear=True):
            return importlib.import_module(module)
    finally:
        for name in loaded():
            del sys.modules[name]
        sys.modules.update(saved)
        config.settings = saved["config.settings"]


def queries_for(func, *args, **kwargs) -> int:
    """Run `func` and return how many SQL queries it made."""
    with count_queries() as context:
        func(*args, **kwargs)
    return len(context)


def assert_constant_queries(make_rows, fetch, *, queries: int, few: int = 1, many: int = 12) -> None:
    """A list or dashboard runs exactly `queries` SQL queries at `few` rows and again at `many` rows.

    `make_rows(n)` adds n rows; `fetch()` renders the page (and should assert it succeeded). The count is a
    literal in each test (pretalx's `django_assert_num_queries(n)` style): a constant but high count fails too.
    """
    make_rows(few)
    fetch()  # warm caches (content types, site root) so both measures compare like with like
    at_few = queries_for(fetch)
    make_rows(many - few)
    fetch()  # again: new rows (pages, people) make the shared caches read once more (outline, user bar)
    at_many = queries_for(fetch)
    assert (at_few, at_many) == (queries, queries), (
        f"{at_few} queries with {few} row(s) and {at_many} with {many}, expected {queries} both times"
    )


def pass_second_factor(client, user) -> None:
    """Mark the client's session as having passed the second factor, as allauth records it after a TOTP code.

    The user gets a TOTP authenticator (random secret) if they have none, like a staff member who set one up.
    """
    import time

    from allauth.account.internal.flows import login as login_flow
    from allauth.account.internal.userkit import user_id_to_str
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        authenticator = TOTP.activate(user, generate_totp_secret()).instance
    session = client.session
    now = time.time()
    session[login_flow.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": authenticator.type, "id": authenticator.pk},
    ]
    session[login_flow._AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()


def body(response) -> bytes:
    """The bytes of a response, streamed (CSV exports) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def prepared_file(client, url, data=None, *, or_direct: bool = False):
    """An export built in the background, as the person gets it: the export's address sends them to "Préparation du
    fichier" (the build runs when the request's transaction commits; Celery is eager in tests), then the file's
    download. Returns the download's response (streamed: read it once, with `body`). With `or_direct`, an export
    answered at once is returned as it is."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(url, data)
    if or_direct and response.status_code != 302:
        return response
    assert response.status_code == 302, response.status_code
    match = resolve(response["Location"])
    assert match.view_name == "prepared_files:page", response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return client.get(reverse("prepared_files:download", args=[match.kwargs["file_id"]]))
