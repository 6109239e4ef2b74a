"""The coordinator's référentiel pages. Thin: the programme if the person may edit it (404 otherwise), a
service, a page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.models import ProgrammePage
from competencies import selectors, services
from competencies.forms import BlockForm, CompetencyForm
from competencies.models import Block, Competency


def _editable_programme(request, programme_id: int) -> ProgrammePage:
    programme = get_object_or_404(ProgrammePage, pk=programme_id)
    if not request.user.has_perm("competencies.edit_referentiel", programme):
        raise Http404
    return programme


def _back(programme):
    return redirect("competencies:referentiel", programme_id=programme.pk)


@login_required
@require_GET
def index(request):
    programmes = list(selectors.programmes_for_editor(user=request.user))
    if not programmes:
        raise Http404
    return render(
        request, "competencies/index.html", {"programmes": programmes, "page_title": _("Competency référentiels")}
    )


@login_required
@require_GET
def referentiel(request, programme_id: int):
    programme = _editable_programme(request, programme_id)
    return render(
        request,
        "competencies/referentiel.html",
        {
            "programme": programme,
            "blocks": selectors.referentiel(programme=programme),
            "block_form": BlockForm(),
            "page_title": _("Référentiel — %(programme)s") % {"programme": programme.title},
        },
    )


def _block_page(request, programme, form, block=None):
    title = _("Change the block") if block else _("Add a block")
    return render(
        request,
        "competencies/edit_form.html",
        {"programme": programme, "form": form, "block": block, "page_title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def block_add(request, programme_id: int):
    programme = _editable_programme(request, programme_id)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            block = services.block_create(programme=programme, by=request.user, **form.cleaned_data)
        except services.ReferentielError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Block %(block)s added.") % {"block": block})
            return _back(programme)
    return _block_page(request, programme, form)


@login_required
@require_http_methods(["GET", "POST"])
def block_edit(request, programme_id: int, block_id: int):
    programme = _editable_programme(request, programme_id)
    block = get_object_or_404(Block, pk=block_id, programme=programme)
    initial = {"code": block.code, "title": block.title, "description": block.description, "order": block.order}
    form = BlockForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            block = services.block_update(block=block, by=request.user, **form.cleaned_data)
        except services.ReferentielError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Block %(block)s saved.") % {"block": block})
            return _back(programme)
    return _block_page(request, programme, form, block)


@login_required
@require_POST
def block_remove(request, programme_id: int, block_id: int):
    programme = _editable_programme(request, programme_id)
    block = get_object_or_404(Block, pk=block_id, programme=programme)
    try:
        services.block_delete(block=block, by=request.user)
    except services.ReferentielError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Block %(block)s deleted.") % {"block": block})
    return _back(programme)


def _competency_form(request, programme, initial):
    module_choices, lesson_choices = selectors.mapping_choices(programme=programme)
    return CompetencyForm(
        request.POST or None,
        initial=initial,
        blocks=selectors.blocks_of(programme_id=programme.pk),
        module_choices=module_choices,
        lesson_choices=lesson_choices,
    )


def _competency_page(request, programme, form, competency=None):
    title = _("Change the competency") if competency else _("Add a competency")
    return render(
        request,
        "competencies/edit_form.html",
        {"programme": programme, "form": form, "competency": competency, "page_title": title},
    )


def _competency_fields(programme, data) -> dict:
    fields = dict(data)
    fields["block"] = get_object_or_404(Block, pk=fields["block"], programme=programme)
    return fields


@login_required
@require_http_methods(["GET", "POST"])
def competency_add(request, programme_id: int):
    programme = _editable_programme(request, programme_id)
    form = _competency_form(request, programme, {"block": request.GET.get("bloc")})
    if request.method == "POST" and form.is_valid():
        try:
            competency = services.competency_create(by=request.user, **_competency_fields(programme, form.cleaned_data))
        except services.ReferentielError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Competency %(competency)s added.") % {"competency": competency})
            return _back(programme)
    return _competency_page(request, programme, form)


@login_required
@require_http_methods(["GET", "POST"])
def competency_edit(request, programme_id: int, competency_id: int):
    programme = _editable_programme(request, programme_id)
    competency = get_object_or_404(Competency, pk=competency_id, block__programme=programme)
    initial = {
        "block": competency.block_id,
        "code": competency.code,
        "title": competency.title,
        "description": competency.description,
        "order": competency.order,
        "modules": list(competency.modules.values_list("pk", flat=True)),
        "lessons": list(competency.lessons.values_list("pk", flat=True)),
    }
    form = _competency_form(request, programme, initial)
    if request.method == "POST" and form.is_valid():
        try:
            competency = services.competency_update(
                competency=competency, by=request.user, **_competency_fields(programme, form.cleaned_data)
            )
        except services.ReferentielError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Competency %(competency)s saved.") % {"competency": competency})
            return _back(programme)
    return _competency_page(request, programme, form, competency)


@login_required
@require_POST
def competency_remove(request, programme_id: int, competency_id: int):
    programme = _editable_programme(request, programme_id)
    competency = get_object_or_404(Competency, pk=competency_id, block__programme=programme)
    try:
        services.competency_delete(competency=competency, by=request.user)
    except services.ReferentielError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Competency %(competency)s deleted.") % {"competency": competency})
    return _back(programme)
