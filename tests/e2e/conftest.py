"""Real-browser journeys: Playwright (Python) driving Debian's Chromium against pytest-django's live server.

A browser download by Playwright cannot work here, so the system Chromium is launched directly.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories.accounts import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def screenshot(page, name: str) -> None:
    """A full-page screenshot of `page`, saved as `name` in the folder that E2E_SCREENSHOTS names, to look at a
    journey's pages after a run; nothing when it is unset (as in CI): a picture asserts nothing, and costs the browser
    a full render each time. `make screenshots` takes every role's main pages for the docs."""
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / Path(name).name), full_page=True)


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


_LIVE_SERVER: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _live_server_url(request):
    """The live server's address, for `login` (a cookie is given for an address, and a page may be blank yet)."""
    if "live_server" in request.fixturenames:
        _LIVE_SERVER["url"] = request.getfixturevalue("live_server").url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.conftest import service_unavailable

    path = chromium_path()
    if path is None:
        service_unavailable("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


DESKTOP = {"width": 1280, "height": 900}
PHONE_390 = {"width": 390, "height": 844}


class BrowserContexts:
    """Browser contexts (each a person's browser: cookies, cache) kept for the run, by viewport.

    A context costs Chromium about a third of a second of CPU to make and close (a profile, a renderer process),
    more than most pages it then opens; a journey takes one from here instead and gives it back at the end, emptied:
    its extra tabs closed, its page on `about:blank`, its cookies gone (the platform keeps nothing else in the
    browser). A test that has two people at once takes two. A context that cannot be emptied is closed.
    """

    def __init__(self, browser, base_url: str):
        self.browser, self.base_url = browser, base_url
        self.idle: dict[tuple[int, int], list] = {}

    def page(self, viewport: dict):
        idle = self.idle.setdefault((viewport["width"], viewport["height"]), [])
        if idle:
            return idle.pop().pages[0]
        context = self.browser.new_context(base_url=self.base_url, locale="fr-FR", viewport=viewport)
        context.set_default_timeout(15_000)
        return context.new_page()

    def give_back(self, page) -> None:
        from playwright.sync_api import Error

        context = page.context
        if page.is_closed():  # the journey closed it: its context is not handed out again
            context.close()
            return
        try:
            for other in context.pages:
                if other != page:
                    other.close()
            page.goto("about:blank")
            context.clear_cookies()
        except Error:
            context.close()
            return
        size = page.viewport_size  # as the journey left it: a context is handed out again for the size it has
        self.idle.setdefault((size["width"], size["height"]), []).append(context)

    def close(self) -> None:
        for contexts in self.idle.values():
            for context in contexts:
                context.close()


@pytest.fixture(scope="session")
def browser_contexts(browser, live_server):
    contexts = BrowserContexts(browser, live_server.url)
    yield contexts
    contexts.close()


@pytest.fixture
def new_page(browser_contexts):
    """`new_page(viewport)`: a page of its own browser for one more person in the journey (desktop by default)."""
    taken = []

    def new_page(viewport: dict = DESKTOP):
        taken.append(browser_contexts.page(viewport))
        return taken[-1]

    yield new_page
    for page in taken:
        browser_contexts.give_back(page)


@pytest.fixture
def page(new_page):
    return new_page(DESKTOP)


@pytest.fixture
def phone_page(new_page):
    return new_page(PHONE_390)


@pytest.fixture
def small_phone_page(new_page):
    """The narrowest phone the product is laid out for: 360 px wide."""
    from tests.e2e.a11y import PHONE

    return new_page(PHONE)


def login(page, email: str, password: str = PASSWORD) -> None:
    """Sign in as the log-in form would, without typing it, and land where the form lands (the person's space).

    The password is checked, the session is opened on the server as the form opens it (Django's `login`, with
    allauth's record of the methods used: password, and the second factor of staff, as after a code) and its
    cookie is given to the browser. One page load instead of the form's three to five; the form itself, with the
    code staff type, is walked by `login_with_the_form` (the foundation and identity journeys).
    """
    from django.conf import settings
    from django.urls import reverse

    from accounts.models import User
    from tests.conftest import SecondFactorClient

    user = User.objects.get(email=email.strip().lower())
    assert user.check_password(password), f"wrong password for {email}"
    client = SecondFactorClient()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": _LIVE_SERVER["url"]}])
    page.goto(reverse(settings.LOGIN_REDIRECT_URL))
    page.wait_for_load_state()


def login_with_the_form(page, email: str, password: str = PASSWORD) -> None:
    """Log in through the real form; staff also type the code of their authenticator app, as they must.

    A staff member without one is given one first (as if they had set it up on an earlier visit).
    """
    secret = staff_totp_secret(email)
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    if secret is not None:
        expect(page.locator("input[name=code]")).to_be_visible()
        page.locator("input[name=code]").fill(fresh_totp_code(email, secret))
        page.locator("#main form button[type=submit]").first.click()
        page.wait_for_load_state()
        expect(page.locator("input[name=code]")).to_have_count(0)


def staff_totp_secret(email: str) -> str | None:
    """The TOTP secret of a person who must use a second factor (created when missing), None for others."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.utils import decrypt

    from accounts.models import User
    from accounts.security import is_privileged

    user = User.objects.filter(email=email.strip().lower()).first()
    if user is None or not is_privileged(user):
        return None
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        TOTP.activate(user, E2E_TOTP_SECRET)
        return E2E_TOTP_SECRET
    return decrypt(authenticator.data["secret"])


E2E_TOTP_SECRET = "E2EPAIRAIDANCEE2EPAIRAIDANCEE2EP"


def fresh_totp_code(email: str, secret: str) -> str:
    """The current code, made usable again: allauth refuses a code already used, and tests log in often."""
    import time

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    authenticator = Authenticator.objects.get(user__email=email.strip().lower(), type=Authenticator.Type.TOTP)
    from django.core.cache import cache

    cache.delete(TOTP(authenticator)._get_used_cache_key(code))
    return code
