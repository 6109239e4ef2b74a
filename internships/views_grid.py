"""The coordinator's page linking the evaluation grid's criteria to the programme's competencies."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.models import ProgrammePage
from competencies.selectors import competencies_of
from internships import grid
from internships.enums import Competency as Criterion
from internships.errors import InternshipError


class CriteriaMappingForm(forms.Form):
    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.pk, f"{c.block.code} · {c.code} — {c.title}") for c in competencies]
        for key, label in Criterion.choices:
            self.fields[key] = forms.TypedMultipleChoiceField(
                label=label, choices=choices, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
            )


@login_required
@require_http_methods(["GET", "POST"])
def criteria_mapping(request, programme_id: int):
    programme = get_object_or_404(ProgrammePage, pk=programme_id)
    if not request.user.has_perm("cohorts.coordinate_programme", programme):
        raise Http404
    competencies = list(competencies_of(programme_id=programme.pk))
    form = CriteriaMappingForm(
        request.POST if request.method == "POST" else None,
        competencies=competencies,
        initial=grid.criteria_mapping(programme_id=programme.pk),
    )
    back = reverse("competencies:referentiel", args=[programme.pk])
    if request.method == "POST" and form.is_valid():
        try:
            grid.criteria_mapping_set(programme=programme, mapping=form.cleaned_data, by=request.user)
        except InternshipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The evaluation grid is linked to the référentiel."))
            return redirect(back)
    return render(
        request,
        "internships/form_page.html",
        {
            "form": form,
            "back": back,
            "page_title": _("Evaluation grid and référentiel — %(programme)s") % {"programme": programme.title},
            "intro": _(
                "For each criterion of the internship evaluation grid, tick the competencies it shows. The tutor's "
                "final rating on a criterion then counts for the blocks of these competencies."
            ),
            "submit_label": _("Save the links"),
        },
    )
