"""Who may read course content: cms asks, the access policy (settings.CMS_CONTENT_ACCESS_POLICY) answers.

cms sits below cohorts and lms in the dependency graph, so it cannot know who is enrolled or who coordinates a
cohort. It asks a policy object named by a setting (in this project `lms.access.ContentAccessPolicy`) on every
path that can show lesson content: page serving, previews, the programme search, and documents/media. Without
the setting nobody but superusers reads lessons.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

ALLOWED = "allowed"
ANONYMOUS = "anonymous"
NOT_ENROLLED = "not_enrolled"
NOT_OPEN = "not_open"


@dataclass(frozen=True)
class AccessDecision:
    allowed: bool
    reason: str
    opens_on: date | None = None
    # What the policy read to decide, handed on to the lesson panel (settings.CMS_LESSON_PANEL) so that it does not
    # read it again; cms never looks inside.
    records: object = field(default=None, compare=False, repr=False)


class SuperusersOnlyPolicy:
    """The fallback when no policy is configured: closed to everyone but superusers."""

    def lesson_decision(self, user, lesson, programme, module=None) -> AccessDecision:
        if user.is_authenticated and user.is_superuser:
            return AccessDecision(True, ALLOWED)
        return AccessDecision(False, ANONYMOUS if not user.is_authenticated else NOT_ENROLLED)

    def can_read_programme(self, user, programme) -> bool:
        return bool(user.is_authenticated and user.is_superuser)

    def readable_module_ids(self, user, programme) -> set[int] | None:
        return None if self.can_read_programme(user, programme) else set()

    def module_opening(self, user, programme, module) -> date | None:
        return None

    def can_read_document(self, user, document) -> bool:
        return bool(user.is_authenticated and user.is_superuser)


def policy():
    path = getattr(settings, "CMS_CONTENT_ACCESS_POLICY", "")
    return import_string(path)() if path else SuperusersOnlyPolicy()


def lesson_decision(user, lesson, programme, module=None) -> AccessDecision:
    if programme is None:
        return AccessDecision(False, NOT_ENROLLED)
    return policy().lesson_decision(user, lesson, programme, module)


def can_read_programme(user, programme) -> bool:
    """May this person read some lessons of the programme (and so search it)?"""
    return programme is not None and policy().can_read_programme(user, programme)


def readable_module_ids(user, programme) -> set[int] | None:
    """Ids of the modules whose lessons this person may open now; None means all of them."""
    return policy().readable_module_ids(user, programme)


def module_opening(user, programme, module) -> date | None:
    """For an enrolled learner, the date the module opens for them when it is not open yet."""
    if programme is None or not user.is_authenticated:
        return None
    return policy().module_opening(user, programme, module)


def can_read_document(user, document) -> bool:
    return policy().can_read_document(user, document)


def refusal_response(request, *, programme, decision: AccessDecision, lesson=None, status: int = 403):
    """A calm page explaining why the content is not available and how to get access (never a bare 403)."""
    return TemplateResponse(
        request,
        "cms/access_refused.html",
        {
            "programme": programme,
            "lesson": lesson,
            "decision": decision,
            "reason": decision.reason,
            "page_title": _("This content is reserved for learners"),
        },
        status=status,
    )
