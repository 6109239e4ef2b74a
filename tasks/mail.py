"""Turning an outbox row into an e-mail: HTML and plain text, in the recipient's language."""

from __future__ import annotations

import datetime
import hashlib
import smtplib
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tasks import digests, registry
from tasks.enums import OutboxKind
from tasks.models import Outbox
from tasks.wording import absolute_url, render_text, row_context, rule_wording

# Errors worth trying again a little later: the server is away or busy, not refusing the message.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    ConnectionError,
    TimeoutError,
    socket.timeout,
)

UNSUBSCRIBE_SALT = "tasks.unsubscribe"


class NothingToSend(Exception):
    """A digest whose lines all went away before it was sent."""


def unsubscribe_token(*, user_id: int, rule_code: str) -> str:
    return signing.dumps({"u": user_id, "r": rule_code}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, rule code). Raises signing.BadSignature when the link was altered."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return int(data["u"]), str(data["r"])


def unsubscribe_url(*, user_id: int, rule_code: str) -> str:
    return absolute_url(reverse("tasks:unsubscribe", args=[unsubscribe_token(user_id=user_id, rule_code=rule_code)]))


def language_of(row: Outbox) -> str:
    language = getattr(row.recipient, "preferred_language", "") if row.recipient_id else ""
    language = language or (row.context or {}).get("language", "")
    return language if language in ("fr", "en") else "fr"


def _message_id(row: Outbox) -> str:
    # Stable per row: a mail server (and our delivery tests) can recognise the same reminder twice.
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    digest = hashlib.sha1(row.key.encode()).hexdigest()[:12]
    return f"<reminder.{row.pk}.{digest}@{domain}>"


def build_message(row: Outbox, *, now: datetime.datetime) -> tuple[EmailMultiAlternatives, list[int]]:
    """The e-mail for this row, and (for a digest) the ids of the lines it carries."""

    language = language_of(row)
    lines: list[int] = []
    with translation.override(language):
        context = row_context(row)
        spec = registry.get_rule_spec(row.rule.code)
        if row.kind in (OutboxKind.REMINDER, OutboxKind.MESSAGE) and spec is not None and spec.action_link is not None:
            context["action_url"] = absolute_url(spec.action_link(row))
        subject_source, body_source = rule_wording(row.rule, language)
        headers = {"Message-ID": _message_id(row), "Auto-Submitted": "auto-generated"}
        if row.rule.optional and row.recipient_id:
            context["unsubscribe_url"] = unsubscribe_url(user_id=row.recipient_id, rule_code=row.rule.code)
            headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        template = "reminder"
        if row.kind == OutboxKind.DIGEST:
            lines, sections = digests.collect(row, now=now, language=language)
            if not sections:
                raise NothingToSend
            context["sections"] = sections
            context["count"] = sum(len(section["lines"]) for section in sections)
            template = "digest"
        subject = " ".join(render_text(subject_source, context).split())
        paragraphs = [part.strip() for part in render_text(body_source, context).split("\n\n") if part.strip()]
        context.update({"subject": subject, "paragraphs": paragraphs, "language": language})
        text = render_to_string(f"tasks/email/{template}.txt", context)
        html = render_to_string(f"tasks/email/{template}.html", context)
        attachments = spec.attachments(row) if spec is not None and spec.attachments is not None else []
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.recipient_email],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message, lines
