from django import forms
from django.utils.translation import gettext_lazy as _


class VerificationForm(forms.Form):
    code = forms.RegexField(
        label=_("Verification code"),
        regex=r"^[0-9A-Za-z][0-9A-Za-z-]{5,19}$",
        max_length=20,
        help_text=_("Printed at the bottom of the attestation."),
        error_messages={"invalid": _("Letters and digits only, as printed on the attestation.")},
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
