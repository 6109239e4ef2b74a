from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """The extra fields of allauth's signup form (ACCOUNT_SIGNUP_FORM_CLASS): the person's name.

    allauth adds the e-mail address and the password, saves the names (its adapter's `save_user`) and then calls
    `signup`. An address that already has an account never gets that far: its owner is sent an e-mail instead,
    and nothing of the existing account changes.
    """

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput({"autocomplete": "family-name"})
    )

    def signup(self, request, user) -> None:
        """Remember the language the person signed up in: later e-mails are written in it."""
        language = getattr(request, "LANGUAGE_CODE", "")
        if language in dict(settings.LANGUAGES) and user.preferred_language != language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
