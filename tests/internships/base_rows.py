"""Rows the data migrations create (Wagtail root and home page, staff groups) come back after a flush.

A transactional test (transaction=True) ends with a flush that empties every table; a later transactional
test then finds no home page and no groups. Tests of this app that need them call `ensure_base_rows()`.
"""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group


def ensure_base_rows() -> None:
    from wagtail.models import Locale, Page

    if not Group.objects.filter(name="Coordinators").exists():
        importlib.import_module("accounts.migrations.0002_groups").create_groups(apps, None)
    if not Page.objects.filter(depth=1).exists():
        from django.conf import settings

        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(instance=Page(title="Root", slug="root", draft_title="Root"))
    if not Page.objects.filter(depth=2).exists():
        importlib.import_module("cms.migrations.0002_create_homepage").create_homepage(apps, None)
