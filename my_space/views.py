"""A person's home ("Mon espace") and the learner dashboard: pages that gather what several apps know."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from cms.models import outline_version, with_urls
from cohorts.changes import version_keys
from core import fragments
from core.prepared import PreparedQuery
from lms import versions as lms_versions
from lms.progress import enrolment_progress, learner_enrolments_for_dashboard
from my_space.dashboard import sections_for
from my_space.spaces import user_spaces

# Whether the learner has an API key: asked on every view of the dashboard (core.prepared).
_TOKEN = PreparedQuery(
    lambda user: Token.objects.filter(user_id=user).order_by().values_list("pk", flat=True)[:1], "user"
)


@login_required
def home(request):
    """The person's own space: one entry per role they hold, each leading to its work."""
    spaces = user_spaces(user=request.user)
    groups: dict[str, list] = {}
    for space in spaces:
        if space.group:
            groups.setdefault(space.group, []).append(space)
    return render(
        request,
        "my_space/home.html",
        {
            "page_title": _("My space"),
            "spaces": [space for space in spaces if not space.group],
            "cohort_groups": list(groups.items()),
        },
    )


@login_required
def learning(request):
    """The learner dashboard: progress per programme, what comes next, sessions and internship."""
    enrolments = learner_enrolments_for_dashboard(user=request.user)
    # Every version the figures and the sections are kept under, in one cache read (core.fragments keeps them for
    # the rest of the request).
    cohort_ids = sorted({enrolment.cohort_id for enrolment in enrolments})
    fragments.versions(
        [*version_keys(cohort_ids), *lms_versions.keys(learner_id=request.user.pk, cohort_ids=cohort_ids)]
    )
    outline = outline_version()  # read once for the figures and the sections
    progresses = [enrolment_progress(enrolment, cached=True, version=outline) for enrolment in enrolments]
    with_urls([state.module for p in progresses for state in p.modules] + [p.next_lesson for p in progresses])
    return render(
        request,
        "my_space/learning.html",
        {
            "progresses": progresses,
            "sections": sections_for(request=request, enrolments=enrolments, outline=outline),
            # Read with the enrolments; asked apart only when there is none.
            "has_token": enrolments[0].learner_has_api_token if enrolments else bool(_TOKEN(user=request.user.pk)),
            "page_title": _("My learning"),
        },
    )
