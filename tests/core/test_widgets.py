import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core import widgets

CHOICES = [
    ("", gettext_lazy("All")),
    ("draft", "Brouillon <b> & « guillemets »"),
    (3, 3000),
    ("safe", mark_safe("<em>déjà sûr</em>")),
]
GROUPED = [("", "—"), ("Groupe A", [("a1", "A1"), ("a2", "A2 & co")]), ("Groupe <B>", [("b1", "B1")])]
ATTRS = [None, {"id": "id_f", "required": True, "disabled": False, "aria-describedby": 'f_help "x"'}]


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", [None, "", "draft", 3, "3", "safe", "nowhere", ["draft", 3]])
@pytest.mark.parametrize("choices", [CHOICES, GROUPED, []])
@pytest.mark.parametrize("multiple", [False, True])
def test_select_writes_what_django_writes(choices, value, attrs, multiple):
    options = {"choices": choices, "attrs": {"class": "x", "data-on": True, "data-off": False}}
    if multiple:
        options["attrs"]["multiple"] = True
    with translation.override("fr"):
        expected = forms.Select(**options).render("status", value, attrs=attrs)
        assert widgets.Select(**options).render("status", value, attrs=attrs) == expected


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", [None, "", 'Dupont <b> & "co"', 42, 1.5, mark_safe("<i>sûr</i>")])
def test_text_input_writes_what_django_writes(value, attrs):
    options = {"attrs": {"maxlength": 100, "placeholder": "Nom & co"}}
    with translation.override("fr"):
        assert widgets.TextInput(**options).render("q", value, attrs=attrs) == forms.TextInput(**options).render(
            "q", value, attrs=attrs
        )


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", [None, True, False, "", "on", "yes"])
def test_checkbox_writes_what_django_writes(value, attrs):
    expected = forms.CheckboxInput().render("at_risk", value, attrs=attrs)
    assert widgets.CheckboxInput().render("at_risk", value, attrs=attrs) == expected


def test_a_form_renders_the_same_through_them():
    class Plain(forms.Form):
        status = forms.ChoiceField(choices=CHOICES, required=False, help_text="Aide")
        q = forms.CharField(max_length=100)
        at_risk = forms.BooleanField(required=False)

    class Quick(Plain):
        status = forms.ChoiceField(choices=CHOICES, required=False, help_text="Aide", widget=widgets.Select)
        q = forms.CharField(max_length=100, widget=widgets.TextInput)
        at_risk = forms.BooleanField(required=False, widget=widgets.CheckboxInput)

    for data in (None, {"status": "draft", "q": "", "at_risk": "on"}, {"status": "nowhere"}):
        plain, quick = Plain(data), Quick(data)
        assert [str(field) for field in quick] == [str(field) for field in plain]
