"""Who must use a second factor, and what this session has proved (allauth's authentication records).

"Privileged" people reach art. 9 data (dossiers, journals, concerns) or the admin: staff, superusers, the
Coordinators and Authors groups and anyone a group or a permission lets into the Wagtail admin, the jury members
and presidents of a selection round, and the coordinators of a cohort. They must pass a second factor (allauth.mfa)
and their sessions expire sooner.

accounts sits at the bottom of the layers: it imports no app above it and asks the database through the user's
reverse relations instead (`jury_rounds`, `presided_rounds`, `coordinated_cohorts`), one query.
"""

import time

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.http import HttpRequest

from accounts.models import User
from core import fragments

STAFF_GROUPS = ("Coordinators", "Authors")
ADMIN_ACCESS_CODENAME = "access_admin"  # wagtailadmin.access_admin
# The answer is kept in the session and asked again after this many seconds, or at once when the person was
# given a role since (`role_given` changes the version of their roles, a version of core.fragments): no query on
# every request, and someone added to a jury or a group during their session is asked for a second factor on their
# next page.
PRIVILEGE_RECHECK_SECONDS = 60
PRIVILEGE_SESSION_KEY = "accounts.privileged"
ROLES_VERSION_KEY = "accounts:roles-version:{pk}"

# Roles held through other apps' tables, named by the reverse relations they give the user model.
ROLE_RELATIONS = ("jury_rounds", "presided_rounds", "coordinated_cohorts")


def is_privileged(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # A group that opens the Wagtail admin makes its members staff too, whatever its name: a programme's own
    # authors or coordinators group, or one made in the admin.
    if user.groups.filter(Q(name__in=STAFF_GROUPS) | Q(permissions__codename=ADMIN_ACCESS_CODENAME)).exists():
        return True
    holds_role = Q(user_permissions__codename=ADMIN_ACCESS_CODENAME)
    for relation in ROLE_RELATIONS:
        holds_role |= Q(**{f"{relation}__isnull": False})
    return User.objects.filter(pk=user.pk).filter(holds_role).exists()


def role_given(user_ids) -> None:
    """Someone was given a role (a jury, a cohort, a group, the staff flag): their sessions ask again at once."""
    fragments.bump(ROLES_VERSION_KEY.format(pk=pk) for pk in user_ids)


def _roles_version(user: User) -> str:
    return fragments.versions([ROLES_VERSION_KEY.format(pk=user.pk)])[0]


def session_privileged(request: HttpRequest, *, refresh: bool = False) -> bool:
    """`is_privileged` for the person of this session, kept in the session for PRIVILEGE_RECHECK_SECONDS unless a
    role was given to them since, and on the request for the rest of it (the middlewares and the user bar ask)."""
    asked = getattr(request, "_accounts_privileged", None)  # (person, answer), when asked already by this request
    if not refresh and asked is not None and asked[0] == request.user.pk:
        return asked[1]
    cached = request.session.get(PRIVILEGE_SESSION_KEY)  # [answer, when, version of the roles then]
    now = time.time()
    if (
        not refresh
        and isinstance(cached, list)
        and len(cached) == 3
        and now - cached[1] < PRIVILEGE_RECHECK_SECONDS
        # A role given only matters to a session not yet privileged: a role added never takes the need away.
        and (cached[0] or _roles_version(request.user) == cached[2])
    ):
        request._accounts_privileged = (request.user.pk, bool(cached[0]))
        return bool(cached[0])
    version = _roles_version(request.user)  # before the rows: a role given while they are read changes it
    privileged = is_privileged(request.user)
    request.session[PRIVILEGE_SESSION_KEY] = [privileged, now, version]
    request._accounts_privileged = (request.user.pk, privileged)
    return privileged


def session_passed_second_factor(request: HttpRequest) -> bool:
    """Did this session prove a second factor (allauth records {"method": "mfa"} when it does)?"""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def has_second_factor(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def record_second_factor(request: HttpRequest, authenticator: Authenticator) -> None:
    """Mark the session as having passed the second factor, as allauth does after a TOTP code.

    Marked as a fresh re-authentication too: the person has just typed a valid code, so allauth need not ask
    for their password again to show the recovery codes made at the same moment.
    """
    record_authentication(
        request, request.user, method="mfa", type=authenticator.type, id=authenticator.pk, reauthenticated=True
    )
