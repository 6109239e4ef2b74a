"""`make screenshots`: each role's main pages at 360 px and 1280 px, into docs/screenshots/*.png.

A fresh demo database (var/screenshots.sqlite3) is migrated and seeded, a server is started on it
(SCREENSHOTS_PORT, 8809 by default), and Chromium (CHROMIUM_PATH or the system one) logs in as each demo
account. For every page the script also reports what a reviewer would check by hand: serious or critical
axe-core violations, and whether the page scrolls sideways on a 360 px phone. It exits with 1 when one of
those checks fails, so that it can serve as a smoke test too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
DB = ROOT / "var" / "screenshots.sqlite3"
PORT = int(os.environ.get("SCREENSHOTS_PORT", "8809"))
BASE = f"http://127.0.0.1:{PORT}"
WIDTHS = (360, 1280)
# Roles whose pages must never scroll sideways on a phone (coordinators' tables scroll inside their frame).
PHONE_FIRST = {"public", "candidate", "learner", "tutor", "tutor-without-account"}


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{DB}",
        "DEBUG": "False",
        "SITE_URL": BASE,
    }


def prepare_database() -> None:
    DB.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    python = sys.executable
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"], ["seed_demo"]):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=environment(), check=True, stdout=subprocess.DEVNULL
        )


def pages() -> dict[str, list[tuple[str, str]]]:
    """(file name, path) per role, read from the seeded demo."""
    os.environ.update(environment())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.urls import reverse

    from accounts.demo import demo_email
    from cms.models import LessonPage, ModulePage, ProgrammePage
    from cohorts.models import Cohort
    from internships.models import Placement
    from selection.models import Application, SelectionRound

    def email(key):
        return demo_email(key)

    cohort = Cohort.objects.filter(coordinators__email=email("coordinator")).order_by("-starts_on").first()
    selection_round = SelectionRound.objects.filter(cohort__coordinators__email=email("coordinator")).first()
    application = Application.objects.filter(candidate__email=email("candidate")).first()
    learner_placement = Placement.objects.filter(enrolment__learner__email=email("learner")).first()
    tutor_placement = Placement.objects.filter(tutor__user__email=email("tutor")).first()
    programme = ProgrammePage.objects.live().first()
    lesson = LessonPage.objects.live().first()
    jury_application = Application.objects.filter(assignments__reviewer__email=email("jury")).first()
    second_cohort = Cohort.objects.filter(coordinators__email=email("coordinator-court")).first()
    module = ModulePage.objects.live().first()
    result = {
        "public": [
            ("home", "/"),
            ("login", reverse("account_login")),
            ("signup", reverse("account_signup")),
            ("verify-attestation", reverse("attestations:verify")),
            ("not-found", "/cette-page-n-existe-pas/"),
        ],
        "candidate": [
            ("my-space", reverse("my_space:home")),
            ("applications", reverse("selection:my_applications")),
            ("reminders", reverse("tasks:preferences")),
        ],
        "learner": [
            ("my-space", reverse("my_space:home")),
            ("learning", reverse("my_space:learning")),
            ("journal", reverse("lms:journal")),
            ("journal-new", reverse("lms:journal_new")),
            ("sessions", reverse("cohort_sessions:my-sessions")),
            ("attendance", reverse("cohort_sessions:my-attendance")),
            ("final-result", reverse("final_validation:my-result")),
            ("placements", reverse("internships:learner_home")),
            ("propose-placement", reverse("internships:propose")),
            ("reminders", reverse("tasks:preferences")),
        ],
        "tutor": [("my-space", reverse("my_space:home")), ("interns", reverse("internships:tutor_home"))],
        "jury": [("my-space", reverse("my_space:home")), ("dossiers", reverse("selection:jury_home"))],
        "coordinator": [("my-space", reverse("my_space:home"))],
        "coordinator-court": [("my-space", reverse("my_space:home"))],
        "author": [("my-space", reverse("my_space:home")), ("admin-pages", "/admin/pages/")],
    }
    if programme is not None:
        result["public"].append(("programme", programme.url))
    if module is not None:
        result["public"].append(("module", module.url))
        result["candidate"].append(("lesson-refused", LessonPage.objects.live().child_of(module).first().url))
    if selection_round is not None:
        result["public"].append(("call", reverse("selection:round", args=[selection_round.pk])))
        result["coordinator"] += [
            ("selection-dashboard", reverse("selection:manage_dashboard", args=[selection_round.pk])),
            ("applications", reverse("selection:manage_applications", args=[selection_round.pk])),
            ("jury", reverse("selection:manage_jury", args=[selection_round.pk])),
            ("interview-slots", reverse("selection:manage_slots", args=[selection_round.pk])),
            ("ranking", reverse("selection:ranking", args=[selection_round.pk])),
        ]
    if application is not None:
        result["candidate"] += [("dossier", reverse("selection:dossier", args=[application.pk]))]
    if jury_application is not None:
        result["jury"].append(("review", reverse("selection:jury_review", args=[jury_application.pk])))
    if lesson is not None:
        result["learner"].append(("lesson", lesson.url))
        result["author"].append(("lesson-editor", f"/admin/pages/{lesson.pk}/edit/"))
    if learner_placement is not None:
        result["learner"].append(("placement", reverse("internships:detail", args=[learner_placement.pk])))
    if tutor_placement is not None:
        result["tutor"].append(("placement", reverse("internships:detail", args=[tutor_placement.pk])))
    if cohort is not None:
        result["coordinator"] += [
            ("cohort-dashboard", reverse("cockpit:dashboard", args=[cohort.pk])),
            ("write-to-learners", reverse("cockpit:write", args=[cohort.pk])),
            ("progression", reverse("lms:progress_matrix", args=[cohort.pk])),
            ("to-support", reverse("lms:at_risk", args=[cohort.pk])),
            ("calendar", reverse("cohort_sessions:cohort", args=[cohort.pk])),
            ("final-validation", reverse("final_validation:cohort", args=[cohort.pk])),
            ("internships", reverse("internships:overview", args=[cohort.pk])),
        ]
    if second_cohort is not None:
        result["coordinator-court"].append(("cohort-dashboard", reverse("cockpit:dashboard", args=[second_cohort.pk])))
    result["coordinator"] += [("outbox", "/admin/relances/envois/"), ("reminder-rules", "/admin/relances/regles/")]
    from internships.enums import WeekStatus
    from internships.models import WeekSignoff

    pending = WeekSignoff.objects.filter(status=WeekStatus.PENDING, placement__tutor__user__isnull=True).first()
    if pending is not None:
        from internships import services as internship_services
        from internships.enums import LinkPurpose

        _link, token = internship_services.link_create(
            placement=pending.placement, purpose=LinkPurpose.SIGN_OFF_WEEK, week_start=pending.week_start
        )
        result["tutor-without-account"] = [("week-link", reverse("internships:link", args=[token]))]
    return result


def wait_for_server(process: subprocess.Popen) -> None:
    for _attempt in range(120):
        if process.poll() is not None:
            raise SystemExit("The server stopped before answering.")
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("The server did not answer within a minute.")


USED_CODES: set[str] = set()


def log_in(page, email: str) -> None:
    """The demo password, then for staff the demo authenticator's code (a code is accepted once: wait for a new one)."""
    from accounts.demo import DEMO_PASSWORD, demo_totp_code

    page.goto(f"{BASE}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    if page.locator("input[name=code]").count():
        while (code := demo_totp_code()) in USED_CODES:
            time.sleep(1)
        USED_CODES.add(code)
        page.locator("input[name=code]").fill(code)
        page.locator("#main form button[type=submit]").first.click()
        page.wait_for_load_state()


def main() -> int:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.e2e.a11y import describe, serious_axe_violations
    from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path

    prepare_database()
    catalogue = pages()
    from accounts.demo import demo_email

    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):  # pages renamed or gone leave no stale picture behind
        old.unlink()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    problems: list[str] = []
    try:
        wait_for_server(server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            for role, entries in catalogue.items():
                context = browser.new_context(locale="fr-FR", viewport={"width": WIDTHS[0], "height": 900})
                page = context.new_page()
                if role not in ("public", "tutor-without-account"):
                    log_in(page, demo_email(role))
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    for name, path in entries:
                        page.goto(f"{BASE}{path}")
                        page.wait_for_load_state("networkidle")
                        target = OUT / f"{role}-{name}-{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                        scroll_width = page.evaluate("document.documentElement.scrollWidth")
                        line = f"{target.name}: {scroll_width} px wide"
                        if width == 360 and role in PHONE_FIRST and scroll_width > width:
                            problems.append(f"{role} {path}: {scroll_width} px wide at 360 px")
                        # Phone-first pages at both widths, the others at 1280 px; of the admin, the page editor only.
                        if (width == 1280 or role in PHONE_FIRST) and (
                            not path.startswith("/admin/") or path.endswith("/edit/")
                        ):
                            violations = serious_axe_violations(page)
                            if violations:
                                problems.append(f"{role} {path}:\n{describe(violations)}")
                        print(line)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    for problem in problems:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
