"""Forms of the final validation pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from final_validation.enums import BlockOutcome, JuryOutcome


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FinalDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision of the jury"), choices=JuryOutcome.choices, widget=forms.RadioSelect)
    jury_date = forms.DateField(label=_("Date of the jury"), widget=DateInput())
    note = forms.CharField(
        label=_("Note for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required for a deferral (what remains to be done) and when the diploma is not awarded (the reason). "
            "The learner reads it in their space: please write it kindly."
        ),
    )
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when a decision is already recorded. Kept in the history."),
    )

    def __init__(self, *args, has_decision: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jury_date"].initial = timezone.localdate()
        if not has_decision:
            del self.fields["change_reason"]


class DeferralForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Later cohort"), queryset=None, empty_label=None)

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts


class ThresholdForm(forms.Form):
    attendance_threshold = forms.IntegerField(
        label=_("Attendance threshold (%)"),
        min_value=0,
        max_value=100,
        help_text=_("0 means no attendance requirement."),
    )


class BlockDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision about the block"), choices=BlockOutcome.choices, widget=forms.RadioSelect
    )
    jury_date = forms.DateField(label=_("Date of the jury"), widget=DateInput())
    reason = forms.CharField(
        label=_("What remains to be done, or the reason for a change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the block is deferred or a decision is already recorded. The learner reads it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jury_date"].initial = timezone.localdate()
