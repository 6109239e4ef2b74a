"""iCalendar documents for sessions: one event, or a person's whole private feed."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from cohort_sessions.models import CohortSession

PRODID = "-//Pair-aidance//Calendrier des promotions//FR"


def session_uid(session: CohortSession) -> str:
    """Stable for the life of the session, whatever changes: calendars update the event instead of duplicating."""
    host = (settings.SITE_URL or "pair-aidance").split("://")[-1].split("/")[0].split(":")[0]
    return f"cohort-session-{session.pk}@{host}"


def _event(session: CohortSession) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", session.updated_at or timezone.now())
    event.add("dtstart", session.start_datetime)  # Europe/Paris with TZID; the VTIMEZONE is added below
    event.add("dtend", session.end_datetime)
    event.add("sequence", session.sequence)
    event.add("summary", f"{session.title} — {session.cohort.programme.title}")
    location = session.place or (session.video_url if session.mode == "remote" else "")
    if location:
        event.add("location", location)
    if session.video_url:
        event.add("url", session.video_url)
    lines = []
    modules = list(session.modules.all())
    if modules:
        lines.append("Modules : " + ", ".join(m.title for m in modules))
    if session.speaker_list:
        lines.append("Intervenants : " + ", ".join(session.speaker_list))
    if session.video_url:
        lines.append("Lien visio : " + session.video_url)
    if session.notes:
        lines.append(session.notes)
    lines.append(settings.SITE_URL.rstrip("/") + reverse("cohort_sessions:my-sessions"))
    event.add("description", "\n\n".join(lines))
    return event


def calendar_for(sessions, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for session in sessions:
        calendar.add_component(_event(session))
    calendar.add_missing_timezones()
    return calendar.to_ical()
