"""Forms of the référentiel pages (the services validate again)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BlockForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("For example: BC1."))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    order = forms.IntegerField(
        label=_("Position"), min_value=0, max_value=999, initial=0, help_text=_("Blocks are shown in this order.")
    )


class CompetencyForm(forms.Form):
    block = forms.TypedChoiceField(label=_("Block"), coerce=int)
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("For example: C1.2."))
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    order = forms.IntegerField(
        label=_("Position"), min_value=0, max_value=999, initial=0, help_text=_("Position in the block.")
    )
    modules = forms.TypedMultipleChoiceField(
        label=_("Modules that work on it"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every lesson of a module chosen here counts for the competency."),
    )
    lessons = forms.TypedMultipleChoiceField(
        label=_("Lessons that work on it"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, blocks, module_choices, lesson_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [(block.pk, str(block)) for block in blocks]
        self.fields["modules"].choices = module_choices
        self.fields["lessons"].choices = lesson_choices
