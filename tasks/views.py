"""Public views of the reminder engine: one-click unsubscribe (no login: the signed link is the key)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from tasks import registry
from tasks.mail import read_unsubscribe_token
from tasks.models import ReminderOptOut, ReminderRule
from tasks.services import reminder_resubscribe, reminder_unsubscribe
from tasks.wording import render_text, rule_wording


def language_of_user(user) -> str:
    return user.preferred_language if user.preferred_language in ("fr", "en") else "fr"


def _resolve(token: str):
    try:
        user_id, code = read_unsubscribe_token(token)
    except (signing.BadSignature, KeyError, ValueError, TypeError):
        return None, None
    user = get_user_model().objects.filter(pk=user_id).first()
    rule = ReminderRule.objects.filter(code=code, optional=True).first()
    if user is None or rule is None:
        return None, None
    return user, rule


# The signed token is the credential (mail clients post RFC 8058 one-click requests without a session).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    user, rule = _resolve(token)
    if user is None:
        return render(
            request,
            "tasks/unsubscribe.html",
            {"invalid": True, "page_title": _("This link no longer works")},
            status=404,
        )
    # Name the messages as the person saw them: the subject line, in their language.
    subject, _body = rule_wording(rule, language_of_user(user))
    context = {"rule_name": render_text(subject, {"first_name": user.first_name}), "page_title": _("Unsubscribe")}
    if request.method == "POST" and request.POST.get("action") == "resubscribe":
        reminder_resubscribe(user=user, rule=rule)
        return render(request, "tasks/unsubscribe.html", {**context, "resubscribed": True})
    try:
        reminder_unsubscribe(user=user, rule=rule)
    except ValidationError:
        return render(request, "tasks/unsubscribe.html", {"invalid": True, **context}, status=404)
    return render(request, "tasks/unsubscribe.html", context)


@login_required
def preferences(request):
    """The person's own choice of reminders: every optional nudge can be switched off (or on again) here."""
    rules = list(ReminderRule.objects.filter(optional=True, enabled=True).order_by("audience", "code"))
    opted_out = set(ReminderOptOut.objects.filter(user=request.user).values_list("rule_id", flat=True))
    if request.method == "POST":
        keep = {int(pk) for pk in request.POST.getlist("keep") if pk.isdigit()}
        for rule in rules:
            if rule.pk in keep and rule.pk in opted_out:
                reminder_resubscribe(user=request.user, rule=rule)
            elif rule.pk not in keep and rule.pk not in opted_out:
                reminder_unsubscribe(user=request.user, rule=rule)
        messages.success(
            request,
            _(
                "Your choices are saved. Messages about a step you must take (a decision, a link, a "
                "confirmation) always arrive."
            ),
        )
        return redirect("tasks:preferences")
    items = []
    for rule in rules:
        spec = registry.get_rule_spec(rule.code)
        items.append(
            {
                "rule": rule,
                "name": (spec.description if spec is not None and spec.description else rule.description) or rule.code,
                "audience": rule.get_audience_display(),
                "kept": rule.pk not in opted_out,
            }
        )
    return render(request, "tasks/preferences.html", {"page_title": _("My reminders by e-mail"), "items": items})
