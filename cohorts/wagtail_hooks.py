"""Selection rounds and their settings in the Wagtail admin, grouped under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cohorts.models import Cohort, RequiredDocument, RoundQuestion, ScoringCriterion, SelectionRound


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
    list_display = ["label", "selection_round", "accepted_extensions", "max_size_mb"]
    form_fields = ["selection_round", "label", "help_text", "accepted_extensions", "max_size_mb", "position"]


class ScoringCriterionViewSet(ModelViewSet):
    model = ScoringCriterion
    icon = "list-ol"
    list_display = ["label", "selection_round", "weight", "max_score"]
    form_fields = ["selection_round", "label", "weight", "max_score", "position"]


class RoundQuestionViewSet(ModelViewSet):
    model = RoundQuestion
    icon = "help"
    list_display = ["label", "selection_round", "identifying", "sensitive"]
    form_fields = ["selection_round", "label", "identifying", "sensitive", "position"]


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
