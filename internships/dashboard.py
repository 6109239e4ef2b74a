"""The internship's part of the learner dashboard ("Votre stage"), registered with lms.dashboard."""

from django.template.loader import render_to_string

from internships import selectors


def learner_placement_section(*, request, enrolments) -> str:
    """The learner's own placement(s): status in plain words, host and tutor, hours, next step. "" if none."""
    cards = selectors.learner_dashboard_placements(user=request.user)
    if not cards:
        return ""
    return render_to_string("internships/dashboard/learner_section.html", {"cards": cards}, request=request)
