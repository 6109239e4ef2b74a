"""/healthz: is the database reachable, is the broker reachable. 503 when one is not.

Anyone gets the status only. The details (which service failed, database vendor, broker transport, debug flag)
go to a logged-in superuser, or to a monitor that sends the X-Health-Token header equal to HEALTHZ_TOKEN.
"""

import hmac

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.security import session_passed_second_factor
from tasks.celery import app


def _check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down", reported as text
        return False, exc.__class__.__name__
    return True, connection.vendor


def _check_broker() -> tuple[bool, str]:

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as exc:  # noqa: BLE001
        return False, exc.__class__.__name__
    return True, str(transport)


@never_cache
@require_GET
def healthz(request):
    db_ok, db_detail = _check_database()
    broker_ok, broker_detail = _check_broker()
    healthy = db_ok and broker_ok
    payload = {"status": "ok" if healthy else "error"}
    if _may_see_details(request):
        payload.update(
            {
                "database": {"ok": db_ok, "detail": db_detail},
                "broker": {"ok": broker_ok, "detail": broker_detail},
                "debug": settings.DEBUG,
            }
        )
    return JsonResponse(payload, status=200 if healthy else 503)


def _may_see_details(request) -> bool:
    token = settings.HEALTHZ_TOKEN
    sent = request.headers.get("X-Health-Token", "")
    if token and sent and hmac.compare_digest(token.encode(), sent.encode()):
        return True
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_superuser:
        return False

    return session_passed_second_factor(request)  # /healthz is outside the second-factor gate
