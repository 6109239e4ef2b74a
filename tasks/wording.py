"""The words of a reminder: its rule's wording in the recipient's language, rendered as plain text with the
row's context, and absolute links. Used by the e-mails (tasks.mail) and the digests' lines (tasks.digests)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.template import Context, Template

from tasks.models import Outbox, ReminderRule


def absolute_url(path: str) -> str:
    if not path or "://" in path:
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    # A batch renders the same few wordings many times: compile each text once per process.
    return Template(source)


def render_text(source: str, context: dict) -> str:
    """A rule's wording (Django template syntax, written by coordinators) rendered as plain text."""
    return _compiled(source).render(Context(context, autoescape=False)).strip()


def rule_wording(rule: ReminderRule, language: str) -> tuple[str, str]:
    if language == "en":
        return rule.subject_en, rule.body_en
    return rule.subject_fr, rule.body_fr


def row_context(row: Outbox) -> dict:
    recipient = row.recipient
    context = {
        "first_name": (recipient.first_name if recipient else "") or "",
        "full_name": (recipient.full_name if recipient else "") or row.recipient_email,
        "action_url": absolute_url(row.action_url),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    context.update(row.context or {})
    return context
