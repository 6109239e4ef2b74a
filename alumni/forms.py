from django import forms
from django.utils.translation import gettext_lazy as _

from alumni.enums import Contract, Pay, StructureKind


class ConsentForm(forms.Form):
    agreed = forms.TypedChoiceField(
        label=_("May we send you a short survey 6, 12 and 24 months after your diploma?"),
        choices=[
            ("yes", _("Yes, I agree to receive it (I can change my mind at any time)")),
            ("no", _("No, thank you")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one answer.")},
    )


BLANK = [("", _("— Choose —"))]


class SurveyForm(forms.Form):
    works_as_peer_supporter = forms.TypedChoiceField(
        label=_("Do you work as a peer supporter today (paid or volunteer)?"),
        choices=[("yes", _("Yes")), ("no", _("No, not at the moment"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer this question: it is the only one required.")},
    )
    structure_kind = forms.ChoiceField(
        label=_("In which kind of structure?"), choices=BLANK + list(StructureKind.choices), required=False
    )
    contract = forms.ChoiceField(label=_("Contract"), choices=BLANK + list(Contract.choices), required=False)
    pay = forms.ChoiceField(label=_("Paid or volunteer?"), choices=BLANK + list(Pay.choices), required=False)
    weekly_hours = forms.IntegerField(
        label=_("About how many hours a week?"),
        min_value=0,
        max_value=80,
        required=False,
        error_messages={
            "min_value": _("Give a number of hours between 0 and 80."),
            "max_value": _("Give a number of hours between 0 and 80."),
            "invalid": _("Give a number of hours between 0 and 80."),
        },
    )
    helped_text = forms.CharField(
        label=_("What helped you, since the diploma?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    hindered_text = forms.CharField(
        label=_("What made things harder?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("works_as_peer_supporter") and not data.get("structure_kind"):
            self.add_error("structure_kind", _("Please say in which kind of structure you work."))
        return data
