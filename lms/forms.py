from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import ModulePage


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CohortCalendarForm(forms.Form):
    """One optional date per module; an empty date means "on the cohort's start date"."""

    def __init__(self, *args, calendar: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for row in calendar:
            module = row["module"]
            self.fields[f"module-{module.pk}"] = forms.DateField(
                label=module.title, required=False, initial=row["opens_on"], widget=DateInput()
            )

    def opening_dates(self) -> dict[int, object]:
        return {int(name.split("-", 1)[1]): value for name, value in self.cleaned_data.items()}


class OverrideForm(forms.Form):
    enrolment = forms.ModelChoiceField(label=_("Learner"), queryset=None, empty_label=_("Choose a learner"))
    module = forms.ModelChoiceField(label=_("Module"), queryset=None, empty_label=_("Choose a module"))
    opens_on = forms.DateField(label=_("Opens for this learner on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)

    def __init__(self, *args, cohort, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments
        self.fields["enrolment"].label_from_instance = lambda enrolment: enrolment.learner.full_name
        self.fields["module"].queryset = ModulePage.objects.child_of(cohort.programme).order_by("path")
        self.fields["module"].label_from_instance = lambda module: module.title
