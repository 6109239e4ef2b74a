"""`{% site_userbar %}`: Wagtail's user bar on the pages Wagtail serves, without reading every permission of every
visitor on every page.

Wagtail's own tag asks `user.has_perm("wagtailadmin.access_admin")`, which loads the person's permissions (two
queries) on each page. Whether a person may use the admin changes rarely, so the answer is kept in the shared cache
for `CMS_ADMIN_ACCESS_CACHE_SECONDS` (5 minutes) under the person's id and sign-up time, and forgotten for everyone
as soon as groups or permissions change (`cms.signals`); it is asked only for a privileged session (the others may
not use the admin: `accounts.security.session_privileged`, asked on each request by the middlewares, and rechecked
each minute or at once when a role is given). The bar is only a shortcut: the admin checks its permissions
itself, so a bar shown or hidden a moment too long opens nothing.
"""

import uuid

from django import template
from django.conf import settings
from django.core.cache import cache
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page

from accounts.security import session_privileged

register = template.Library()
ADMIN_ACCESS_VERSION_KEY = "cms:admin-access-version"


def admin_access_changed(**kwargs) -> None:
    """Forget every cached answer (groups, permissions or a person's flags changed). Connected in cms.signals."""
    cache.set(ADMIN_ACCESS_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def may_use_admin(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    version = cache.get(ADMIN_ACCESS_VERSION_KEY, 0)
    key = f"cms:admin-access:{version}:{user.pk}:{user.date_joined.timestamp()}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, timeout=getattr(settings, "CMS_ADMIN_ACCESS_CACHE_SECONDS", 300))
    return allowed


@register.simple_tag(takes_context=True)
def site_userbar(context, position="bottom-right"):
    """The bar on the pages Wagtail serves (programmes, modules, lessons...), where it offers to edit the page.

    The platform's own pages (dashboards, lists, forms) have none: it would only repeat the "Administration" link of
    the menu, at the cost of rendering it (and reading the person's permissions) on every page a coordinator opens.
    """
    if not isinstance(context.get("page"), Page):
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    # Whoever may use the admin is privileged (a group or a permission that opens it, staff, superusers: see
    # accounts.security), which the session knows already: a learner's page reads nothing more for the bar.
    if not session_privileged(request) or not may_use_admin(user):
        return ""
    return wagtailuserbar(context, position)
