from django import forms
from django.utils.translation import gettext_lazy as _


class JournalEntryForm(forms.Form):
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Your text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Only you can read it, unless you choose to share it with your coordinators."),
    )
