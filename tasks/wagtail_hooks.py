"""The coordinator's view of the reminder engine in the Wagtail admin: menu "Relances".

Rules: edit offsets, wording, repeats, on/off (rules are declared in code; none is added or deleted
here). Outbox: who received what, when, what failed; filter by cohort and state; send again or cancel.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
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
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cohorts.selectors import cohorts_coordinated_by
from tasks import registry
from tasks.enums import Audience, OutboxState
from tasks.models import Outbox, ProgrammeRuleSetting, ProgrammeRuleSettingChange, ReminderRule
from tasks.registry import RuleSpec
from tasks.selectors import (
    outbox_for_listing,
    outbox_visible_to,
    programme_rule_rows,
    programmes_with_reminder_settings_for,
)
from tasks.services import (
    ReminderError,
    outbox_cancel,
    outbox_resend,
    programme_setting_reset,
    programme_setting_save,
    rule_update,
)


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


# --- A programme's own settings ---------------------------------------------------------------------


class InheritSelect(forms.NullBooleanSelect):
    """On, off, or "as the platform" (blank): the choice of a programme's setting."""

    def __init__(self, default_label: str, attrs=None):
        super().__init__(attrs)
        self.choices = (
            ("unknown", default_label),
            ("true", _("Switched on for this programme")),
            ("false", _("Switched off for this programme")),
        )


class ProgrammeRuleSettingForm(forms.ModelForm):
    """A programme's values; each blank field keeps the platform's value, shown beside it."""

    class Meta:
        model = ProgrammeRuleSetting
        fields = list(ProgrammeRuleSetting.OVERRIDES)

    def __init__(self, *args, rule: ReminderRule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule
        default = _("As the platform (%(state)s)") % {"state": _("on") if rule.enabled else _("off")}
        self.fields["enabled"] = forms.NullBooleanField(
            label=_("Sent to this programme"), required=False, widget=InheritSelect(default)
        )
        if self.instance.pk:
            self.initial["enabled"] = self.instance.enabled
        for name in ProgrammeRuleSetting.OVERRIDES:
            if name == "enabled":
                continue
            field = self.fields[name]
            field.required = False
            default = rule.offset_label if name == "offset_value" else str(getattr(rule, name))
            if len(default) > 80:
                default = default[:80] + "…"
            platform = _("Platform default: %(value)s. Leave blank to keep it.") % {"value": default}
            field.help_text = f"{field.help_text} {platform}" if field.help_text else platform
            field.widget.attrs["aria-describedby"] = f"id_{name}-help"


def _programme_or_404(request, programme_id):
    """The programme, if this person sets its reminders; a 404 otherwise (nothing said about others)."""
    programme = get_object_or_404(programmes_with_reminder_settings_for(user=request.user), pk=programme_id)
    if not request.user.has_perm("tasks.edit_programme_reminders", programme):
        raise Http404
    return programme


class ProgrammeSettingsMixin(WagtailAdminTemplateMixin):
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        # Who reads the rules may open these pages; each programme is then checked on its own. Others (an author,
        # say) get "not found", like a programme that is not theirs.
        if not request.user.is_authenticated or not request.user.has_perm("tasks.view_reminderrule"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def index_crumb(self):
        return {"url": reverse("programme_reminders:index"), "label": _("Per programme")}


class ProgrammeListView(ProgrammeSettingsMixin, TemplateView):
    """The programmes whose reminders this person sets (one: straight to it)."""

    template_name = "tasks/admin/programme_list.html"
    page_title = gettext_lazy("Reminders per programme")

    def get(self, request, *args, **kwargs):
        self.programmes = list(programmes_with_reminder_settings_for(user=request.user))
        if len(self.programmes) == 1:
            return redirect("programme_reminders:programme", self.programmes[0].pk)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "programmes": self.programmes}


class ProgrammeRulesView(ProgrammeSettingsMixin, TemplateView):
    """One programme's reminders: what its people receive, and what the programme set its own way."""

    template_name = "tasks/admin/programme_rules.html"

    def dispatch(self, request, *args, **kwargs):
        self.programme = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.programme = _programme_or_404(request, kwargs["programme_id"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Reminders of %(programme)s") % {"programme": self.programme.title}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, self.index_crumb(), {"url": "", "label": self.programme.title}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "programme": self.programme,
            "rows": programme_rule_rows(programme=self.programme),
        }


class ProgrammeRuleEditView(ProgrammeSettingsMixin, TemplateView):
    """Set one rule for one programme; "back to the platform default" removes the programme's values."""

    template_name = "tasks/admin/programme_rule_edit.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.programme = self.rule = self.setting = None

    def load(self):
        self.programme = _programme_or_404(self.request, self.kwargs["programme_id"])
        self.rule = get_object_or_404(ReminderRule, pk=self.kwargs["rule_id"])
        spec = registry.get_rule_spec(self.rule.code)
        if spec is None or spec.is_digest:
            raise Http404
        self.setting = ProgrammeRuleSetting.objects.filter(rule=self.rule, programme=self.programme).first()

    def get_page_title(self):
        return str(self.rule)

    def get_page_subtitle(self):
        return self.programme.title

    def rules_url(self):
        return reverse("programme_reminders:programme", args=[self.programme.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.index_crumb(),
            {"url": self.rules_url(), "label": self.programme.title},
            {"url": "", "label": str(self.rule)},
        ]

    def get(self, request, *args, **kwargs):
        self.load()
        self.form = ProgrammeRuleSettingForm(instance=self.setting, rule=self.rule)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        if "reset" in request.POST:
            programme_setting_reset(rule=self.rule, programme=self.programme, by=request.user)
            messages.success(request, _("This reminder follows the platform default again for this programme."))
            return redirect(self.rules_url())
        self.form = ProgrammeRuleSettingForm(request.POST, instance=self.setting, rule=self.rule)
        if self.form.is_valid():
            changes = {name: self.form.cleaned_data[name] for name in ProgrammeRuleSetting.OVERRIDES}
            try:
                programme_setting_save(rule=self.rule, programme=self.programme, changes=changes, by=request.user)
            except ValidationError as exc:
                self.form.add_error(None, exc)
            else:
                messages.success(request, _("The reminder is saved for this programme."))
                return redirect(self.rules_url())
        messages.error(request, _("The setting could not be saved: please correct the fields shown below."))
        return self.render_to_response(self.get_context_data(), status=200)

    def get_context_data(self, **kwargs):
        labels = {
            name: ProgrammeRuleSetting._meta.get_field(name).verbose_name for name in ProgrammeRuleSetting.OVERRIDES
        }
        labels["enabled"] = _("Sent to this programme")
        changes = [
            {"change": change, "fields": [str(labels.get(name, name)) for name in change.changes]}
            for change in ProgrammeRuleSettingChange.objects.filter(
                rule=self.rule, programme=self.programme
            ).select_related("by")[:10]
        ]
        return {
            **super().get_context_data(**kwargs),
            "form": self.form,
            "rule": self.rule,
            "programme": self.programme,
            "setting": self.setting,
            "changes": changes,
            "rules_url": self.rules_url(),
        }


class ProgrammeRemindersViewSet(ViewSet):
    name = "programme_reminders"
    url_prefix = "relances/formations"
    icon = "cogs"
    menu_label = gettext_lazy("Per programme")

    @cached_property
    def menu_item_class(self):
        def is_shown(_item, request):
            return request.user.has_perm("tasks.view_reminderrule")  # group permissions: no query of its own

        return type("ProgrammeRemindersMenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        return [
            path("", ProgrammeListView.as_view(), name="index"),
            path("<int:programme_id>/", ProgrammeRulesView.as_view(), name="programme"),
            path("<int:programme_id>/<int:rule_id>/", ProgrammeRuleEditView.as_view(), name="edit"),
        ]


class RemindersGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Reminders")
    menu_icon = "mail"
    menu_order = 400
    items = (OutboxViewSet, RuleViewSet, ProgrammeRemindersViewSet)


@hooks.register("register_admin_viewset")
def register_reminders():
    return RemindersGroup()
