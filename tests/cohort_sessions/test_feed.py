"""Private iCalendar feeds: valid, stable, scoped to the person, revocable."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cohort_sessions.models import CalendarFeedToken
from cohort_sessions.selectors import feed_owner_for_token
from cohort_sessions.services import feed_token_regenerate, feed_token_revoke, session_update
from tests.factories import CohortFactory, CohortSessionFactory, EnrolmentFactory, UserFactory
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def feed_url(raw):
    return reverse("cohort_sessions:feed", args=[raw])


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_learner_feed_is_valid_icalendar_with_their_current_cohort_sessions(client, cohort, learner):
    session = CohortSessionFactory(
        cohort=cohort,
        title="Regroupement 3 — Gestion de crise",
        date=datetime.date(2027, 3, 30),  # the day after the switch to summer time
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(17, 0),
        hybrid=True,
        notes="Apporter son carnet de bord.",
    )
    old = CohortFactory(ended=True)
    EnrolmentFactory(cohort=old, learner=learner, status="completed")
    CohortSessionFactory(cohort=old, title="Ancienne promotion")
    CohortSessionFactory(title="Autre promotion")
    raw = feed_token_regenerate(user=learner)

    by_summary = events(client.get(feed_url(raw)))

    title = f"Regroupement 3 — Gestion de crise — {cohort.programme.title}"
    assert list(by_summary) == [title]
    event = by_summary[title]
    assert str(event["UID"]).startswith(f"cohort-session-{session.pk}@")
    assert event["DTSTART"].dt == datetime.datetime(2027, 3, 30, 9, 30, tzinfo=PARIS)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTEND"].dt == datetime.datetime(2027, 3, 30, 17, 0, tzinfo=PARIS)
    assert event["DTSTART"].dt.utcoffset() == datetime.timedelta(hours=2)
    assert str(event["LOCATION"]) == "Salle 204, 12 rue des Tilleuls, Lyon"
    assert str(event["URL"]) == "https://visio.example.test/du-pair"
    assert "Lien visio : https://visio.example.test/du-pair" in str(event["DESCRIPTION"])
    assert "Apporter son carnet de bord." in str(event["DESCRIPTION"])
    assert int(event["SEQUENCE"]) == 0


def test_feed_contains_the_timezone_definition(client, learner, cohort):
    CohortSessionFactory(cohort=cohort)
    raw = feed_token_regenerate(user=learner)
    calendar = Calendar.from_ical(client.get(feed_url(raw)).content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_feed_uid_is_stable_and_sequence_grows_when_the_session_changes(client, cohort, learner):
    session = CohortSessionFactory(cohort=cohort, title="Regroupement 5")
    raw = feed_token_regenerate(user=learner)
    before = next(iter(events(client.get(feed_url(raw))).values()))

    session_update(session=session, starts_at=datetime.time(10, 0))

    after = next(iter(events(client.get(feed_url(raw))).values()))
    assert str(after["UID"]) == str(before["UID"])
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
    assert after["DTSTART"].dt.time() == datetime.time(10, 0)


def test_coordinator_feed_has_sessions_of_each_coordinated_cohort_only(client, cohort, coordinator):
    second = CohortFactory(coordinators=[coordinator])
    CohortSessionFactory(cohort=cohort, title="Session A")
    CohortSessionFactory(cohort=second, title="Session B")
    CohortSessionFactory(title="Session C")
    raw = feed_token_regenerate(user=coordinator)
    summaries = sorted(s.split(" — ")[0] for s in events(client.get(feed_url(raw))))
    assert summaries == ["Session A", "Session B"]


def test_regenerating_revokes_the_old_address(client, cohort, learner):
    CohortSessionFactory(cohort=cohort)
    first = feed_token_regenerate(user=learner)
    second = feed_token_regenerate(user=learner)
    assert client.get(feed_url(first)).status_code == 404
    assert client.get(feed_url(second)).status_code == 200
    assert CalendarFeedToken.objects.filter(user=learner, revoked_at__isnull=True).count() == 1


def test_revoked_unknown_or_deactivated_address_is_404(client, learner):
    raw = feed_token_regenerate(user=learner)
    assert client.get(feed_url("not-a-token")).status_code == 404
    learner.is_active = False
    learner.save()
    assert client.get(feed_url(raw)).status_code == 404
    learner.is_active = True
    learner.save()
    assert client.get(feed_url(raw)).status_code == 200
    feed_token_revoke(user=learner)
    assert client.get(feed_url(raw)).status_code == 404


def test_token_is_stored_hashed(learner):
    raw = feed_token_regenerate(user=learner)
    stored = CalendarFeedToken.objects.get(user=learner)
    assert raw not in stored.token_hash
    assert stored.token_hash == CalendarFeedToken.hash_token(raw)
    assert feed_owner_for_token(raw_token=raw) == learner


def test_feed_settings_shows_the_new_address_once_then_only_its_date(client, learner):
    client.force_login(learner)
    response = client.post(reverse("cohort_sessions:feed-regenerate"), follow=True)
    html = response.content.decode()
    assert "/calendrier/flux/" in html
    assert "Copier l'adresse" in html
    again = client.get(reverse("cohort_sessions:feed-settings")).content.decode()
    assert "/calendrier/flux/" not in again
    assert "Vous avez une adresse privée, créée le" in again
    client.post(reverse("cohort_sessions:feed-revoke"))
    assert not CalendarFeedToken.objects.filter(user=learner, revoked_at__isnull=True).exists()


def test_feed_token_actions_need_post_and_login(client, learner):
    assert client.post(reverse("cohort_sessions:feed-regenerate")).status_code == 302  # to the login page
    assert not CalendarFeedToken.objects.exists()
    client.force_login(learner)
    assert client.get(reverse("cohort_sessions:feed-regenerate")).status_code == 405


def test_single_session_ics_only_for_people_of_its_cohort(client, cohort, learner, coordinator, outsider):
    session = CohortSessionFactory(cohort=cohort, title="Regroupement 6")
    other_learner = EnrolmentFactory().learner
    target = reverse("cohort_sessions:session-ics", args=[session.pk])
    for person in (learner, coordinator):
        client.force_login(person)
        response = client.get(target)
        assert len(events(response)) == 1
        assert "attachment" in response["Content-Disposition"]
    for person in (outsider, other_learner):
        client.force_login(person)
        assert client.get(target).status_code == 404


def test_feed_queries_do_not_grow_with_sessions(client, cohort, learner):
    raw = feed_token_regenerate(user=learner)
    module = cohort.programme.add_child(instance=type(cohort.programme)(title="Module 1", slug="module-un"))

    def make_rows(n):
        for _ in range(n):
            CohortSessionFactory(cohort=cohort, date=timezone.localdate()).modules.add(module)

    def fetch():
        assert client.get(feed_url(raw)).status_code == 200

    assert_constant_queries(make_rows, fetch, queries=3)


def test_feed_for_someone_with_no_session_is_an_empty_valid_calendar(client):
    raw = feed_token_regenerate(user=UserFactory())
    assert events(client.get(feed_url(raw))) == {}
