"""The coordinator's view of the reminder engine in the Wagtail admin: menu "Relances".

Rules: edit offsets, wording, repeats, on/off (rules are declared in code; none is added or deleted
here). Outbox: who received what, when, what failed; filter by cohort and state; send again or cancel.
"""

import django_filters
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cohorts.selectors import cohorts_coordinated_by
from tasks.enums import Audience, OutboxState
from tasks.models import Outbox, ReminderRule
from tasks.registry import RuleSpec
from tasks.selectors import outbox_for_listing, outbox_visible_to
from tasks.services import ReminderError, outbox_cancel, outbox_resend, rule_update


class RulePermissionPolicy(ModelPermissionPolicy):
    """Rules come from the code: viewed here, changed by administrators only, never added or deleted.

    They are the defaults of every programme, so a coordinator (who runs one programme's cohorts) reads
    them and does not change them for the others (see tasks/rules.py).
    """

    def user_has_permission(self, user, action):
        if action == "change":
            return user.has_perm("tasks.edit_reminder_rules")
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """The outbox is read here; its rows move only through the explicit actions (send again, cancel)."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ReminderRule, RulePermissionPolicy(ReminderRule), exact_class=True)
register_permission_policy(Outbox, OutboxPermissionPolicy(Outbox), exact_class=True)


# --- Rules -----------------------------------------------------------------------------------------


class RuleFilterSet(WagtailFilterSet):
    audience = django_filters.ChoiceFilter(label=gettext_lazy("Audience"), choices=Audience.choices)
    enabled = django_filters.BooleanFilter(label=gettext_lazy("Enabled"))

    class Meta:
        model = ReminderRule
        fields = ["audience", "enabled"]


class RuleEditView(generic.EditView):
    def save_instance(self):
        changes = {
            name: self.form.cleaned_data[name] for name in RuleSpec.EDITABLE_FIELDS if name in self.form.cleaned_data
        }
        return rule_update(rule=self.object, changes=changes, by=self.request.user)


def _yes_no(name: str):
    """A column that says "Oui"/"Non" in words (Wagtail's boolean icons carry a raw True/False title)."""

    def accessor(row):
        return _("Yes") if getattr(row, name) else _("No")

    return accessor


class RuleViewSet(ModelViewSet):
    model = ReminderRule
    icon = "cogs"
    menu_label = gettext_lazy("Rules")
    url_prefix = "relances/regles"
    name = "reminder_rules"
    edit_view_class = RuleEditView
    copy_view_enabled = False
    form_fields = list(RuleSpec.EDITABLE_FIELDS)
    list_display = [
        "description",
        "audience",
        Column("offset", label=gettext_lazy("Offset"), accessor="offset_label"),
        "repeat_limit",
        Column("enabled", label=gettext_lazy("Enabled"), accessor=_yes_no("enabled"), sort_key="enabled"),
        Column("customised", label=gettext_lazy("Changed by a coordinator"), accessor=_yes_no("customised")),
        "code",
    ]
    filterset_class = RuleFilterSet
    search_fields = ["code", "description"]


# --- Outbox ----------------------------------------------------------------------------------------


def _cohort_choices(request):

    if request is None:
        return ReminderRule.objects.none()
    return cohorts_coordinated_by(user=request.user).select_related("programme")


class OutboxFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=gettext_lazy("State"), choices=OutboxState.choices)
    cohort = django_filters.ModelChoiceFilter(label=gettext_lazy("Cohort"), queryset=_cohort_choices)
    rule = django_filters.ModelChoiceFilter(label=gettext_lazy("Rule"), queryset=ReminderRule.objects.all())

    class Meta:
        model = Outbox
        fields = ["state", "cohort", "rule"]


STATE_COLOURS = {
    OutboxState.PENDING: "primary",
    OutboxState.SENDING: "primary",
    OutboxState.SENT: "success",
    OutboxState.FAILED: "critical",
    OutboxState.CANCELLED: "secondary",
}


class StateColumn(StatusTagColumn):
    def get_primary(self, instance):
        return instance.state in (OutboxState.SENT,)


def _action_buttons(row, user) -> list[Button]:
    if not user.has_perm("tasks.change_outbox"):
        return []
    buttons = []
    if row.state in (OutboxState.FAILED, OutboxState.CANCELLED):
        buttons.append(
            Button(
                _("Send again"), url=reverse("reminder_outbox:resend", args=[row.pk]), icon_name="redirect", priority=10
            )
        )
    if row.state in (OutboxState.PENDING, OutboxState.FAILED):
        buttons.append(
            Button(_("Cancel"), url=reverse("reminder_outbox:cancel", args=[row.pk]), icon_name="cross", priority=20)
        )
    return buttons


def _local_datetime(name):
    def accessor(instance):
        value = getattr(instance, name)
        return date_format(localtime(value), "SHORT_DATETIME_FORMAT") if value else ""

    return accessor


class OutboxIndexView(generic.IndexView):
    def get_base_queryset(self):
        return outbox_for_listing(user=self.request.user)

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *_action_buttons(instance, self.request.user)]


class OutboxInspectView(generic.InspectView):
    # Dates in Paris time, empty values as a dash: what a coordinator reads, not what the database holds.
    def _when(self, name):
        value = getattr(self.object, name)
        return date_format(localtime(value), "DATETIME_FORMAT") if value else "—"

    def get_due_at_display_value(self):
        return self._when("due_at")

    def get_sent_at_display_value(self):
        return self._when("sent_at")

    def get_created_at_display_value(self):
        return self._when("created_at")

    def get_digest_display_value(self):
        return str(self.object.digest) if self.object.digest_id else "—"

    def get_cohort_display_value(self):
        return str(self.object.cohort) if self.object.cohort_id else "—"

    def get_last_error_display_value(self):
        return self.object.last_error or "—"

    def get_sent_subject_display_value(self):
        return self.object.sent_subject or "—"

    def get_object(self, queryset=None):
        return get_object_or_404(outbox_visible_to(user=self.request.user).select_related("rule"), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *_action_buttons(self.object, self.request.user)]


class OutboxActionView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) then do (POST) a hand action on one outbox row the coordinator may see."""

    permission_required = "tasks.change_outbox"
    template_name = "tasks/admin/confirm_action.html"
    header_icon = "mail"
    action = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise PermissionDenied
        self.row = get_object_or_404(outbox_visible_to(user=request.user).select_related("rule"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def handle_no_permission(self):
        raise PermissionDenied

    def get_page_title(self):
        return _("Send this reminder again?") if self.action == "resend" else _("Cancel this reminder?")

    def get_page_subtitle(self):
        return f"{self.row.rule} → {self.row.recipient_email}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reminder_outbox:index"), "label": _("Outbox")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"row": self.row, "action": self.action, "index_url": reverse("reminder_outbox:index")})
        return context

    def post(self, request, *args, **kwargs):
        try:
            if self.action == "resend":
                outbox_resend(outbox=self.row, by=request.user)
                messages.success(request, _("The reminder will be sent again at the next allowed time."))
            elif self.action == "cancel":
                outbox_cancel(outbox=self.row, by=request.user)
                messages.success(request, _("The reminder is cancelled: it will not be sent."))
            else:  # pragma: no cover - the URL patterns only route the two actions
                raise Http404
        except ReminderError as exc:
            messages.error(request, str(exc))
        return redirect("reminder_outbox:index")


class OutboxViewSet(ModelViewSet):
    model = Outbox
    icon = "mail"
    menu_label = gettext_lazy("Outbox")
    url_prefix = "relances/envois"
    name = "reminder_outbox"
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = OutboxFilterSet
    list_per_page = 50
    list_display = [
        "recipient_email",
        "rule",
        "kind",
        Column("cohort", label=gettext_lazy("Cohort"), accessor=lambda row: row.cohort.label if row.cohort else ""),
        StateColumn("state", label=gettext_lazy("State"), accessor="get_state_display", sort_key="state"),
        Column("due_at", label=gettext_lazy("Due at"), accessor=_local_datetime("due_at"), sort_key="due_at"),
        Column("sent_at", label=gettext_lazy("Sent at"), accessor=_local_datetime("sent_at"), sort_key="sent_at"),
        "attempts",
        "last_error",
    ]
    inspect_view_fields = [
        "recipient_email",
        "rule",
        "kind",
        "cohort",
        "state",
        "due_at",
        "sent_at",
        "sent_subject",
        "attempts",
        "last_error",
        "digest",
        "created_at",
    ]
    form_fields = []

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("resend/<int:pk>/", OutboxActionView.as_view(action="resend"), name="resend"),
            path("cancel/<int:pk>/", OutboxActionView.as_view(action="cancel"), name="cancel"),
        ]


class RemindersGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Reminders")
    menu_icon = "mail"
    menu_order = 400
    items = (OutboxViewSet, RuleViewSet)


@hooks.register("register_admin_viewset")
def register_reminders():
    return RemindersGroup()
