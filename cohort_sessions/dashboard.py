"""The cohort calendar's part of the learner dashboard ("Prochains regroupements"), registered with lms."""

from django.template.loader import render_to_string

from cohort_sessions import selectors as calendar_selectors
from cohort_sessions.selectors import AttendanceSummary


def learner_sessions_section(*, request, enrolments) -> str:
    """The learner's next sessions, their own attendance rate per current cohort, and their calendar links."""
    if not enrolments:
        return ""
    summaries = calendar_selectors.attendance_summaries_for_learner(user=request.user)
    # `enrolments` are the person's current (active) enrolments, as the dashboard found them.
    attendance = [(enrolment, summaries.get(enrolment.cohort_id, AttendanceSummary())) for enrolment in enrolments]
    context = {
        "sessions": calendar_selectors.upcoming_sessions_for_learner(user=request.user),
        "attendance": attendance,
        "several_cohorts": len(attendance) > 1,
    }
    return render_to_string("cohort_sessions/dashboard_section.html", context, request=request)
