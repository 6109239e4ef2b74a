"""Selection rounds in the Wagtail admin: for platform administrators (superusers) only.

Coordinators run their rounds from the selection's own pages (/selection/gestion/), and the admin menu
points them there ("Selection rounds"). We chose this over scoping these generic screens to each
coordinator's cohorts because the generic create / edit / delete views bypass what the selection pages
guard: a criterion already scored must keep its weight (deleting it would also erase the jury's
scores), a document already uploaded is archived rather than deleted, an answered question is hidden,
each change is written in the round's history, the jury is given by e-mail address, and a coordinator
must not be able to add themselves to another cohort. Scoping the querysets would still leave every one
of these holes open to coordinators; pointing them to the guarded pages closes them.

The permission policy below is explicit, so that a model permission granted to the Coordinators group
by mistake never reopens these screens. Superusers can still correct a cohort or a round here; the
round's documents, questions and criteria are read-only in the admin, since changing them goes
through the guarded settings page of the round.
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import User
from cohorts.models import Cohort
from cohorts.selectors import cohorts_coordinated_by
from selection.models import RequiredDocument, RoundQuestion, ScoringCriterion, SelectionRound


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    """Only active superusers, whatever model permissions a group may hold."""

    actions = ("view", "add", "change", "delete")

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action in self.actions)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):

        if not set(actions) & set(self.actions):
            return User.objects.none()
        return User.objects.filter(is_active=True, is_superuser=True)


class SuperuserReadOnlyPolicy(SuperuserOnlyPolicy):
    """Seen by superusers; changed only on the round's settings page, where the guards apply."""

    actions = ("view",)


for _model in (Cohort, SelectionRound):
    register_permission_policy(_model, SuperuserOnlyPolicy(_model), exact_class=True)
for _model in (RequiredDocument, ScoringCriterion, RoundQuestion):
    register_permission_policy(_model, SuperuserReadOnlyPolicy(_model), exact_class=True)


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    list_display = ["label", "programme", "starts_on", "capacity"]
    form_fields = ["programme", "label", "starts_on", "ends_on", "capacity", "attendance_threshold", "coordinators"]


class SelectionRoundViewSet(ModelViewSet):
    model = SelectionRound
    icon = "form"
    list_display = ["title", "cohort", "opens_at", "closes_at", "capacity"]
    form_fields = [
        "cohort",
        "title",
        "introduction",
        "opens_at",
        "closes_at",
        "interviews_start_on",
        "interviews_end_on",
        "deliberation_on",
        "capacity",
        "offer_response_days",
        "reviews_per_application",
        "anonymous_first_reading",
        "jury_president",
        "jury_members",
    ]


class RequiredDocumentViewSet(ModelViewSet):
    model = RequiredDocument
    icon = "doc-full"
    inspect_view_enabled = True
    list_display = ["label", "selection_round", "accepted_extensions", "max_size_mb", "archived_at"]
    form_fields = ["label"]


class ScoringCriterionViewSet(ModelViewSet):
    model = ScoringCriterion
    icon = "list-ol"
    inspect_view_enabled = True
    list_display = ["label", "selection_round", "weight", "max_score"]
    form_fields = ["label"]


class RoundQuestionViewSet(ModelViewSet):
    model = RoundQuestion
    icon = "help"
    inspect_view_enabled = True
    list_display = ["label", "selection_round", "identifying", "sensitive", "hidden_at"]
    form_fields = ["label"]


class SelectionGroup(ViewSetGroup):
    menu_label = _("Selection")
    menu_icon = "form"
    items = (
        CohortViewSet("selection_cohorts"),
        SelectionRoundViewSet("selection_rounds"),
        RequiredDocumentViewSet("selection_required_documents"),
        ScoringCriterionViewSet("selection_scoring_criteria"),
        RoundQuestionViewSet("selection_round_questions"),
    )


@hooks.register("register_admin_viewset")
def register_selection_viewsets():
    return SelectionGroup()


class CoordinatorSelectionMenuItem(MenuItem):
    """Coordinators (not superusers, who have the full group above) go to the selection's own pages."""

    def is_shown(self, request):
        user = request.user
        return not user.is_superuser and cohorts_coordinated_by(user=user).exists()


@hooks.register("register_admin_menu_item")
def selection_pages_menu_item():
    return CoordinatorSelectionMenuItem(
        _("Selection rounds"),
        reverse_lazy("selection:manage_rounds"),
        icon_name="form",
        name="selection-pages",
        order=240,
    )
