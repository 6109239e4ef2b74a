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


class Plain(forms.Form):
    status = forms.ChoiceField(choices=CHOICES, required=False, help_text="Aide")
    q = forms.CharField(max_length=100)
    at_risk = forms.BooleanField(required=False)
    email = forms.EmailField(required=False)
    round = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [("", "Toutes"), ("1", "Campagne 1")]


class Filters(widgets.FilterForm, Plain):
    pass


def test_a_filter_form_uses_them_and_renders_as_a_plain_form():
    form = Filters()
    assert [type(field.widget) for field in form.fields.values()] == [
        widgets.Select,
        widgets.TextInput,
        widgets.CheckboxInput,
        forms.EmailInput,  # not one of the three: Django's own
        widgets.Select,
    ]
    assert type(Plain.base_fields["status"].widget) is forms.Select  # the class's fields are left as they are
    data_sets = (None, {"status": "draft", "q": "", "at_risk": "on", "round": "1"}, {"status": "nowhere", "email": "x"})
    for data in data_sets:
        assert [str(field) for field in Filters(data)] == [str(field) for field in Plain(data)]
