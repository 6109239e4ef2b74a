"""Form widgets that write, in Python, the same HTML as Django's widget templates, for the filter forms shown on
every request of the coordinators' lists (Django renders each option of a select through two template includes).

Each renders what `get_context` gives, as `django/forms/widgets/{select,select_option,attrs,input}.html` would
(tests/core/test_widgets.py compares them with Django's own rendering).
"""

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime


def _text(value) -> str:
    """`{{ value }}` in a template: localised, escaped unless safe."""
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless safe."""
    text = str(value) if isinstance(value, tuple) else value
    text = "%s" % (text,)  # noqa: UP031 (what the stringformat filter does)
    return conditional_escape(SafeString(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {_text(name)}" + ("" if value is True else f'="{_formatted(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                html.append(
                    f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{_text(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # every value above is escaped


class _Input:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
        html = f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
        return mark_safe(html)  # every value above is escaped


class TextInput(_Input, forms.TextInput):
    pass


class CheckboxInput(_Input, forms.CheckboxInput):
    pass


QUICK = {forms.Select: Select, forms.TextInput: TextInput, forms.CheckboxInput: CheckboxInput}


class FilterForm(forms.Form):
    """A form of filters shown on each request of a list: its plain selects, text boxes and checkboxes (the default
    widgets of choice, text and boolean fields) are written by the widgets above, whatever the subclass declares or
    sets up in its own `__init__` after this one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # each form's own copy of its fields and widgets
            quick = QUICK.get(type(field.widget))
            if quick is not None:
                field.widget.__class__ = quick  # the same widget, its state unchanged, rendered by the subclass
