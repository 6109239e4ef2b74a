"""Forms of the cohort calendar pages. They parse input; the rules live in calendar_services."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cohort_sessions.enums import AttendanceStatus, SessionMode
from cohort_sessions.services import AttendanceEntry
from cohorts.models import Cohort


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("For example: Session 3 — Active listening."))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts_at = forms.TimeField(
        label=_("Start time"),
        help_text=_("Paris time."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    ends_at = forms.TimeField(
        label=_("End time"), help_text=_("Paris time."), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    mode = forms.ChoiceField(label=_("Format"), choices=SessionMode.choices, widget=forms.RadioSelect)
    place = forms.CharField(
        label=_("Place"), required=False, max_length=255, help_text=_("Address or room, for an in-person session.")
    )
    video_url = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https", help_text=_("Link to join a remote session.")
    )
    modules = forms.ModelMultipleChoiceField(
        label=_("Modules covered"),
        queryset=Page.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The module pages of the programme that this session covers."),
    )
    speakers = forms.CharField(
        label=_("Speakers"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line.")
    )
    notes = forms.CharField(
        label=_("Notes for learners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What to bring, how to get there, the programme of the day…"),
    )

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        # Module pages live below the programme page (the ModulePage type comes from the cms app).
        self.fields["modules"].queryset = Page.objects.descendant_of(cohort.programme).order_by("path")
        if not self.fields["modules"].queryset.exists():
            self.fields["modules"].help_text = _("This programme has no module pages yet.")


class AttendanceForm(forms.Form):
    """One status and one reason field per learner of the register, named status_<id> and reason_<id>."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            learner_id = row.learner.pk
            recorded = row.attendance
            self.fields[f"status_{learner_id}"] = forms.ChoiceField(
                label=row.learner.full_name or row.learner.email,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                initial=recorded.status if recorded else AttendanceStatus.PRESENT,
                error_messages={"required": _("Choose a status.")},
            )
            self.fields[f"reason_{learner_id}"] = forms.CharField(
                label=_("Reason for the excused absence"),
                required=False,
                max_length=500,
                initial=recorded.reason if recorded else "",
            )

    def lines(self):
        """(row, status bound field, reason bound field) for the template."""
        for row in self.rows:
            yield row, self[f"status_{row.learner.pk}"], self[f"reason_{row.learner.pk}"]

    def entries(self):

        return [
            AttendanceEntry(
                learner_id=row.learner.pk,
                status=self.cleaned_data[f"status_{row.learner.pk}"],
                reason=self.cleaned_data.get(f"reason_{row.learner.pk}", ""),
            )
            for row in self.rows
        ]
