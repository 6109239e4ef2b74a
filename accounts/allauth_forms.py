"""allauth's login and signup forms with the project's labels (ACCOUNT_FORMS).

Apart from accounts.forms because allauth imports that module (ACCOUNT_SIGNUP_FORM_CLASS) while building
its own forms, which these subclass.
"""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _


def _label(form, name: str, label, autocomplete: str) -> None:
    field = form.fields.get(name)
    if field is not None:
        field.label = label
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs["autocomplete"] = autocomplete


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label(self, "login", _("E-mail address"), "email")
        _label(self, "password", _("Password"), "current-password")
        self.fields["password"].help_text = ""  # the page has its own "Forgotten your password?" link


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label(self, "email", _("E-mail address"), "email")
        _label(self, "password1", _("Password"), "new-password")
        self.fields["password1"].help_text = _("At least 10 characters.")
        self.order_fields(["first_name", "last_name", "email", "password1"])


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label(self, "email", _("E-mail address"), "email")
