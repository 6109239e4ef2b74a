"""“Download my data” (GDPR articles 15 and 20): every app says what it holds about a person.

accounts cannot import the apps above it, so each app that keeps personal data has a module
``<app>/personal_data.py`` with a function ``sections(user) -> list[DataSection]``. Those modules are found
the way Django finds ``admin.py`` (``autodiscover_modules``), so adding one needs no other wiring.

A section lists records (plain dicts, JSON-friendly thanks to DjangoJSONEncoder) and, optionally, the
files the person uploaded. The archive holds ``donnees.json``, one CSV per section, the files, and a short
README in the person's language explaining what is inside and what is not (and why).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from accounts.models import User

MODULE_NAME = "personal_data"


@dataclass(frozen=True)
class DataSection:
    key: str  # stable and unique, e.g. "lms.journal"
    title: str  # shown to the person, in their language
    records: list[dict]
    # Files the person gave us: (name inside the archive, a Django File/FieldFile that can be opened).
    files: list[tuple[str, object]] = field(default_factory=list)


Provider = Callable[[object], Iterable[DataSection]]
_discovered = False


def providers() -> list[Provider]:
    """Every app's ``sections`` function, in INSTALLED_APPS order."""
    global _discovered
    if not _discovered:
        autodiscover_modules(MODULE_NAME)
        _discovered = True
    found = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.{MODULE_NAME}")
        if module is not None and callable(getattr(module, "sections", None)):
            found.append(module.sections)
    return found


def records(queryset: QuerySet, fields: Iterable[str], *, labels: dict[str, str] | None = None) -> list[dict]:
    """Rows of a queryset as dicts of the chosen fields (``labels`` renames keys for readability)."""
    fields = list(fields)
    labels = labels or {}
    return [{labels.get(name, name): row[name] for name in fields} for row in queryset.values(*fields)]


def collect(user) -> list[DataSection]:
    sections: list[DataSection] = []
    for provider in providers():
        sections.extend(section for section in provider(user) if section.records or section.files)
    return sections


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    columns: list[str] = []
    for row in rows:
        columns.extend(name for name in row if name not in columns)
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: json.loads(json.dumps(value, cls=DjangoJSONEncoder)) for key, value in row.items()})
    return buffer.getvalue()


def build_archive(user) -> bytes:
    """A ZIP of everything the platform holds about ``user``, readable without any tool of ours."""
    sections = collect(user)
    produced_at = timezone.localtime()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "LISEZ-MOI.txt",
            render_to_string(
                "accounts/personal_data_readme.txt",
                {"user": user, "sections": sections, "produced_at": produced_at},
            ),
        )
        payload = {
            "produced_at": produced_at,
            "person": user.email,
            "sections": {section.key: {"title": section.title, "records": section.records} for section in sections},
        }
        archive.writestr("donnees.json", json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for section in sections:
            if section.records:
                archive.writestr(f"tableaux/{section.key}.csv", "\ufeff" + _csv(section.records))
            for name, file in section.files:
                try:
                    with file.open("rb") as handle:
                        archive.writestr(f"fichiers/{get_valid_filename(name)}", handle.read())
                except (FileNotFoundError, OSError, ValueError):
                    # A file deleted by the retention policy, say: the record above still says it existed.
                    continue
    return buffer.getvalue()


def sections(user) -> list[DataSection]:
    """What accounts holds: the profile."""

    return [
        DataSection(
            key="accounts.profile",
            title=_("Your account"),
            records=records(
                User.objects.filter(pk=user.pk),
                ["email", "first_name", "last_name", "preferred_language", "time_zone", "date_joined", "last_login"],
            ),
        )
    ]
