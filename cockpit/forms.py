"""Forms of the cohort dashboard: who to write to, then the message itself."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cockpit.selectors import DEFAULT_ATTENDANCE_THRESHOLD, Audience
from cockpit.services import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH
from cohorts.enums import EnrolmentStatus
from core.widgets import FilterForm
from internships.enums import ConcernStatus, Severity


class AudienceForm(forms.Form):
    """ "Write to the learners who..." — read from the address (GET) and carried along in the message form."""

    audience = forms.ChoiceField(label=_("Write to the learners who…"), choices=Audience.choices)
    module = forms.TypedChoiceField(label=_("Module"), coerce=int, required=False, empty_value=None)
    threshold = forms.IntegerField(
        label=_("Attendance threshold (%)"),
        min_value=1,
        max_value=100,
        required=False,
        initial=DEFAULT_ATTENDANCE_THRESHOLD,
    )

    def __init__(self, *args, modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.modules = {item.module.pk: item.module for item in modules}
        self.fields["module"].choices = [("", _("Choose a module"))] + [
            (pk, module.title) for pk, module in self.modules.items()
        ]

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience == Audience.NOT_STARTED and not data.get("module"):
            self.add_error("module", _("Choose the module the learners have not started."))
        if audience == Audience.LOW_ATTENDANCE and data.get("threshold") is None and "threshold" not in self.errors:
            self.add_error("threshold", _("Give the attendance threshold, between 1 and 100 %."))
        return data

    @property
    def module_page(self):
        return self.modules.get(self.cleaned_data.get("module"))


class MessageForm(forms.Form):
    recipients = forms.TypedMultipleChoiceField(
        label=_("Recipients"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service says, in French, that nobody was chosen
        help_text=_("Untick a person to leave them out of this message."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH, required=False)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=BODY_MAX_LENGTH,
        required=False,
        help_text=_(
            "The e-mail starts with “Hello” and the person's first name and ends with your name. Leave a blank "
            "line between paragraphs."
        ),
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].choices = [
            (row.learner.pk, f"{row.learner.full_name or row.learner.email} ({row.learner.email})") for row in rows
        ]


class EnrolmentChangeForm(forms.Form):
    """Defer, withdraw or bring back a learner: the coordinator confirms, and gives a reason to withdraw."""

    action = forms.ChoiceField(choices=[("defer", "defer"), ("withdraw", "withdraw"), ("resume", "resume")])
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Kept in the learner's record. Required to withdraw a learner."),
    )
    confirm = forms.BooleanField(
        label=_("I confirm this change."),
        error_messages={"required": _("Tick the box to confirm this change.")},
    )

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(action, action) for action in actions]
        self.fields["action"].error_messages["invalid_choice"] = _("This change is no longer possible.")

    def clean(self):
        data = super().clean()
        if data.get("action") == "withdraw" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the withdrawal: it is kept in the learner's record."))
        return data


class EnrolmentFilterForm(FilterForm):
    """The enrolments page of a cohort: filters and search (all optional)."""

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *EnrolmentStatus.choices])
    q = forms.CharField(label=_("Learner's name or e-mail"), required=False, max_length=100)


class ConcernFilterForm(FilterForm):
    """The open concerns of a cohort: filters and search (all optional)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *[(v, label) for v, label in ConcernStatus.choices if v != ConcernStatus.CLOSED]],
    )
    severity = forms.ChoiceField(label=_("Severity"), required=False, choices=[("", _("All")), *Severity.choices])
    q = forms.CharField(label=_("Learner's name or e-mail"), required=False, max_length=100)
