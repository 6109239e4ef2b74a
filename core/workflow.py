"""The one transition helper for every state machine of the platform (applications, offers, placements,
enrolments, the reminder outbox, and the smaller machines: document check, week sign-off, evaluation,
concern, amendment).

Each machine keeps its table of allowed moves next to its status `TextChoices` (`enums.py`) and its own
domain error; `transition()` does the rest the same way every time: in one transaction, lock the row
(`select_for_update`), refuse a move the table does not allow with a French message, stamp the decision
fields, save, write a history row (who, when, from, to, note) and queue the notifications for after commit.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _


class TransitionRefused(Exception):
    """A move the machine's table does not allow; the message is meant for the person who tried it."""


def _label(choices, value) -> str:
    if choices is None or not value:
        return str(value or "∅")
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def check(
    transitions: Mapping[str, Iterable[str]],
    from_status: str,
    to_status: str,
    *,
    choices=None,
    error: type[Exception] = TransitionRefused,
    message: str | None = None,
) -> None:
    """Raise `error` unless the table allows `from_status -> to_status`. `message` may use %(from)s and
    %(to)s (the statuses' labels)."""
    if to_status in transitions.get(from_status, ()):
        return
    text = message or _("This cannot go from “%(from)s” to “%(to)s”.")
    raise error(text % {"from": _label(choices, from_status), "to": _label(choices, to_status)})


def history_row(model: type[Model], *, parent: str, by_field: str = "by", states: str = "status") -> Callable:
    """A history factory for `transition`: one `model` row with `parent`, who, from, to and the note.
    `states` is the prefix of the from/to columns (`status` -> from_status/to_status)."""

    def write(*, obj, from_status: str, to_status: str, by, note: str):
        return model.objects.create(
            **{
                parent: obj,
                by_field: by if by is None or getattr(by, "is_authenticated", False) else None,
                f"from_{states}": from_status,
                f"to_{states}": to_status,
                "note": note,
            }
        )

    return write


def transition(
    obj: Model,
    *,
    to_status: str,
    transitions: Mapping[str, Iterable[str]],
    by=None,
    note: str = "",
    status_field: str = "status",
    choices=None,
    error: type[Exception] = TransitionRefused,
    message: str | None = None,
    stamp: Callable[[Model, str, Any], Iterable[str]] | None = None,
    history: Callable | None = None,
    notify: Callable[[Model], None] | None = None,
    fields: Mapping[str, Any] | None = None,
) -> Model:
    """Move `obj` to `to_status` and return the locked, saved row; `obj` itself is updated too.

    - `stamp(locked, from_status, now)` sets the decision fields and returns the names it changed;
    - `fields` are plain values to set with the move;
    - `history(obj=, from_status=, to_status=, by=, note=)` writes the history row (see `history_row`);
    - `notify(locked)` runs after the transaction commits (never for a move that was rolled back).
    """
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        from_status = getattr(locked, status_field)
        check(transitions, from_status, to_status, choices=choices, error=error, message=message)
        now = timezone.now()
        setattr(locked, status_field, to_status)
        changed = {status_field}
        for name, value in (fields or {}).items():
            setattr(locked, name, value)
            changed.add(name)
        if stamp is not None:
            changed.update(stamp(locked, from_status, now) or ())
        if any(f.name == "updated_at" for f in locked._meta.concrete_fields):
            changed.add("updated_at")
        locked.save(update_fields=sorted(changed))
        if history is not None:
            history(obj=locked, from_status=from_status, to_status=to_status, by=by, note=note)
        if notify is not None:
            transaction.on_commit(lambda: notify(locked))
    for name in changed:
        setattr(obj, name, getattr(locked, name))
    return locked
