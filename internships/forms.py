from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import FilterForm
from internships.enums import Competency, DayType, Level, PlacementStatus, Severity, WeekStatus
from internships.models import HostSite, Tutor


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TutorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.role}, {obj.host.name}"


class EnrolmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.cohort)


class ProposeForm(forms.Form):
    enrolment = EnrolmentChoiceField(queryset=None, label=_("Cohort"), empty_label=None)
    tutor = TutorChoiceField(
        queryset=Tutor.objects.select_related("host").order_by("host__name", "name"),
        label=_("Tutor and host organisation"),
        help_text=_("If your tutor is not in the list, please ask your coordinator to add them."),
    )
    site = forms.ModelChoiceField(
        queryset=HostSite.objects.select_related("host"), label=_("Site"), required=False, empty_label=_("Main site")
    )
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput())
    ends_on = forms.DateField(label=_("End date"), widget=DateInput())
    weekly_schedule = forms.CharField(
        label=_("Weekly schedule"), help_text=_("For example: Monday and Tuesday, 9:00-17:00."), max_length=500
    )
    planned_hours = forms.IntegerField(label=_("Planned hours"), min_value=1, max_value=2000)
    max_weekly_hours = forms.IntegerField(label=_("Maximum weekly hours"), min_value=1, max_value=48, initial=21)
    tasks_and_objectives = forms.CharField(label=_("Tasks and objectives"), widget=forms.Textarea)
    binome = forms.CharField(
        label=_("Binôme"), help_text=_("The team member you will work in pair with."), max_length=200
    )

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class SignedOutsideForm(forms.Form):
    signed_file = forms.FileField(label=_("Signed agreement (PDF)"))


class TimeEntryForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=DateInput())
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_value=12, decimal_places=2, max_digits=4)
    day_type = forms.ChoiceField(label=_("Kind of day"), choices=DayType.choices)
    activity = forms.CharField(label=_("What you did"), widget=forms.Textarea(attrs={"rows": 2}))
    replace = forms.BooleanField(label=_("Replace the day already recorded"), required=False)


class WeekSignoffForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (WeekStatus.APPROVED, _("I approve these hours")),
            (WeekStatus.NEEDS_INFO, _("I have a question")),
            (WeekStatus.REJECTED, _("I reject these hours")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Question or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you have a question or reject the hours."),
    )


class EvaluationForm(forms.Form):
    general_comment = forms.CharField(label=_("General comment"), required=False, widget=forms.Textarea)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("This evaluation was already submitted: say why you change it."),
    )

    def __init__(self, *args, evaluation=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {r.competency: r for r in evaluation.ratings.all()} if evaluation else {}
        for value, label in Competency.choices:
            rating = existing.get(value)
            self.fields[f"level_{value}"] = forms.TypedChoiceField(
                label=label,
                choices=Level.choices,
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
                initial=rating.level if rating else None,
            )
            self.fields[f"comment_{value}"] = forms.CharField(
                label=_("Comment on “%(competency)s”") % {"competency": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=rating.comment if rating else "",
            )
        if evaluation:
            self.fields["general_comment"].initial = evaluation.general_comment
        if not evaluation or evaluation.status == "draft":
            del self.fields["reason"]

    def competency_rows(self):
        return [(self[f"level_{value}"], self[f"comment_{value}"]) for value in Competency.values]

    def ratings(self) -> dict:
        data = self.cleaned_data
        return {
            value: (data[f"level_{value}"], data.get(f"comment_{value}", ""))
            for value in Competency.values
            if data.get(f"level_{value}")
        }


class CountersignForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Do you agree with this evaluation?"),
        choices=[("yes", _("Yes, I agree")), ("no", _("No, I disagree"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Your comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed if you disagree; welcome in any case."),
    )


class ConcernForm(forms.Form):
    severity = forms.ChoiceField(label=_("How serious is it?"), choices=Severity.choices, widget=forms.RadioSelect)
    description = forms.CharField(label=_("What is happening"), widget=forms.Textarea)
    about_own_wellbeing = forms.BooleanField(label=_("It is about my own wellbeing"), required=False)

    def __init__(self, *args, for_learner: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_learner:
            del self.fields["about_own_wellbeing"]


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("Follow-up note"), widget=forms.Textarea(attrs={"rows": 3}))
    close = forms.BooleanField(label=_("Close this concern"), required=False)


class SupervisionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("supervision", _("Supervision")), ("intervision", _("Intervision"))]
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600)
    attendees = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Attendees"), required=False, widget=forms.CheckboxSelectMultiple
    )
    facilitator_notes = forms.CharField(
        label=_("Notes (only you will see them)"), required=False, widget=forms.Textarea
    )

    def __init__(self, *args, learners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = learners


class AmendmentForm(forms.Form):
    new_starts_on = forms.DateField(label=_("New start date"), required=False, widget=DateInput())
    new_ends_on = forms.DateField(label=_("New end date"), required=False, widget=DateInput())
    new_tutor = TutorChoiceField(queryset=None, label=_("New tutor"), required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_tutor"].queryset = (
            Tutor.objects.filter(host_id=placement.host_id).exclude(pk=placement.tutor_id).select_related("host")
        )


class OverviewFilterForm(FilterForm):
    """The coordinators' overview of a cohort's placements: filters and search (all optional)."""

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *PlacementStatus.choices])
    q = forms.CharField(label=_("Learner's name or e-mail"), required=False, max_length=100)
    at_risk = forms.BooleanField(label=_("At risk only"), required=False)
