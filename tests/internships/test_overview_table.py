"""The coordinators' overview: one page of plain values says what the model rows of the exports say."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation

from internships import selectors, services
from internships.enums import ConcernStatus, EvaluationKind, EvaluationStatus, PlacementStatus, WeekStatus
from internships.models import Concern, Evaluation, TimeEntry, WeekSignoff
from tests.factories import EnrolmentFactory, PlacementFactory


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("hours", ["0", "0.00", "7", "12.50", "12.25", "0.05", "140.00", "1234.75"])
def test_hours_are_shown_as_the_templates_show_them(language, hours):
    with translation.override(language):
        shown = selectors._HoursFormat()
        assert shown.short(Decimal(hours)) == floatformat(Decimal(hours), "-2")
        assert shown.full(Decimal(hours)) == Template("{{ hours }}").render(Context({"hours": Decimal(hours)}))


def test_overview_table_says_what_the_export_rows_say(client, cohort, coordinator, learner, tutor_user, make_placement):
    today = datetime.date.today()
    days = datetime.timedelta

    def placement(**kwargs):
        return PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), **kwargs)

    # Past its middle, nothing approved, the final evaluation due in five days: at risk, both evaluations due.
    late = placement(in_progress=True, starts_on=today - days(40), ends_on=today + days(5))
    # Mid-point evaluation sent: only the final one is still to come (not within the week).
    sent = placement(midpoint_review=True, starts_on=today - days(30), ends_on=today + days(30))
    Evaluation.objects.create(placement=sent, kind=EvaluationKind.MIDPOINT, status=EvaluationStatus.SUBMITTED)
    # A draft does not count as filled in.
    draft = placement(midpoint_review=True, starts_on=today - days(30), ends_on=today + days(30))
    Evaluation.objects.create(placement=draft, kind=EvaluationKind.MIDPOINT, status=EvaluationStatus.DRAFT)
    # An open concern on one, a closed one on another.
    worried = placement(status=PlacementStatus.PROPOSED)
    Concern.objects.create(placement=worried, severity="low", description="x")
    closed = placement(status=PlacementStatus.PROPOSED)
    Concern.objects.create(placement=closed, severity="low", description="x", status=ConcernStatus.CLOSED)
    # Twelve and a half hours approved out of 140.
    monday = today - days(today.weekday() + 7)
    logged = make_placement(PlacementStatus.IN_PROGRESS, starts_on=monday - days(7), ends_on=monday + days(60))
    for day, hours in ((monday, "7"), (monday + days(1), "5.5")):
        services.time_entry_record(
            placement=logged, by=learner, date=day, hours=Decimal(hours), activity="Accueil", day_type="presence"
        )
    services.week_sign_off(placement=logged, week_start=monday, decision="approved", by=tutor_user)

    with translation.override("fr"):
        table = selectors.overview_table(selectors.cohort_placements(cohort=cohort))
        rows = selectors.cohort_overview(cohort=cohort)
    assert [row["pk"] for row in table] == [row.pk for row in rows] and len(rows) == 6
    for shown, model in zip(table, rows, strict=True):
        assert shown["learner"] == model.enrolment.learner.full_name
        assert shown["url"] == reverse("internships:detail", args=[model.pk])
        assert shown["status_label"] == model.get_status_display()
        assert (shown["host"], shown["tutor"]) == (model.host.name, model.tutor.name)
        assert shown["approved_hours"] == model.approved_hours
        assert shown["evaluations_due"] == ", ".join(str(label) for label in model.evaluations_due)
        assert (shown["has_open_concern"], shown["at_risk"]) == (model.has_open_concern, model.at_risk)
    by_pk = {row["pk"]: row for row in table}
    assert by_pk[late.pk]["at_risk"]
    assert by_pk[late.pk]["evaluations_due"] == "Évaluation de mi-parcours (formative), Évaluation finale (sommative)"
    assert by_pk[sent.pk]["evaluations_due"] == ""
    assert by_pk[draft.pk]["evaluations_due"] == "Évaluation de mi-parcours (formative)"
    assert [by_pk[p.pk]["has_open_concern"] for p in (worried, closed)] == [True, False]
    assert (by_pk[logged.pk]["approved_text"], by_pk[logged.pk]["approved_value"]) == (
        "12,50 h approuvées sur 140 h",
        "13",
    )

    client.force_login(coordinator)
    html = client.get(reverse("internships:overview", args=[cohort.pk])).content.decode()
    assert f'href="{reverse("internships:detail", args=[logged.pk])}"' in html
    assert 'value="13"' in html and "12,50 h approuvées sur 140 h" in html
    assert html.count('<span class="badge badge-risk">') == 2  # the open concern and the risk


@pytest.mark.parametrize("span", [9, 10, 11])
def test_at_risk_filter_in_sql_matches_is_at_risk(cohort, span):
    """The overview's "at risk" filter (SQL) keeps what `is_at_risk` says, around the middle day, for odd and even
    lengths, and around half of the planned hours approved."""
    today = datetime.date.today()
    placements = []
    for back in range(span + 1):
        for approved in ("0", "4.50", "5"):
            starts_on = today - datetime.timedelta(days=back)
            placement = PlacementFactory(
                enrolment=EnrolmentFactory(cohort=cohort),
                in_progress=True,
                planned_hours=10,
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(days=span),
            )
            TimeEntry.objects.create(
                placement=placement,
                date=starts_on,
                week_start=starts_on - datetime.timedelta(days=starts_on.weekday()),
                hours=Decimal(approved),
                activity="Accueil",
            )
            WeekSignoff.objects.create(
                placement=placement,
                week_start=starts_on - datetime.timedelta(days=starts_on.weekday()),
                status=WeekStatus.APPROVED,
            )
            placement.approved = Decimal(approved)
            placements.append(placement)
    validated = PlacementFactory(
        enrolment=EnrolmentFactory(cohort=cohort), validated=True, starts_on=today - datetime.timedelta(days=50)
    )
    expected = {p.pk for p in placements if selectors.is_at_risk(placement=p, approved=p.approved, today=today)}
    found = set(selectors.cohort_placements(cohort=cohort, at_risk=True).values_list("pk", flat=True))
    assert found == expected and 0 < len(expected) < len(placements) and validated.pk not in found
