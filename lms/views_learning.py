"""The learner's pages: dashboard, marking a lesson done, quizzes, journal, attestation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from attestations import services as attestation_services
from attestations.selectors import verify_url
from cms import access as cms_access
from cms.enums import CompletionRule
from cms.models import LessonPage
from lms import records, services
from lms.forms_learning import JournalEntryForm
from lms.models import JournalEntry
from lms.progress import quiz_summary


def _lesson_or_404(lesson_id: int) -> LessonPage:
    return get_object_or_404(LessonPage.objects.live(), pk=lesson_id)


@login_required
@require_POST
def lesson_mark_done(request, lesson_id: int):
    lesson = _lesson_or_404(lesson_id)
    try:
        _completion, created = services.lesson_complete(
            learner=request.user, lesson=lesson, how=CompletionRule.MARKED_DONE
        )
    except services.LearningError as error:
        messages.error(request, str(error))
    else:
        if created:
            messages.success(request, _("Well done: this lesson is marked as completed."))
        else:
            messages.info(request, _("This lesson was already completed."))
    return redirect(lesson.get_url(request) or "my_space:learning")


def _quiz_context(request, lesson, quiz_id, quiz, *, result=None, attempt=None, error=None):
    summary = quiz_summary(learner=request.user, lesson=lesson, quiz_id=quiz_id)
    if result is None and summary["last"] is not None:  # show the last attempt's corrections again
        attempt = summary["last"]
        result = records.quiz_result_for(attempt=attempt, lesson=lesson)
    feedback = {}
    if result is not None:
        feedback = {row["question_id"]: row for row in result["questions"]}
    questions = []
    for question in quiz["questions"].bound_blocks:
        ticked = set(attempt.answers.get(question.id, [])) if attempt else set()
        questions.append(
            {
                "id": question.id,
                "kind": question.value["kind"],
                "text": question.value["text"],
                "choices": [
                    {"id": choice.id, "text": choice.value["text"], "ticked": choice.id in ticked}
                    for choice in question.value["choices"].bound_blocks
                ],
                "feedback": feedback.get(question.id),
            }
        )
    token = records.quiz_token(learner=request.user, lesson=lesson, quiz_id=quiz_id)
    return {
        "lesson": lesson,
        "lesson_url": lesson.get_url(request),
        "quiz": quiz,
        "quiz_id": quiz_id,
        "questions": questions,
        "result": result,
        "attempt": attempt,
        "summary": summary,
        "left": max(quiz["max_attempts"] - summary["used"], 0),
        "token": token,
        "error": error,
        "page_title": quiz["title"],
    }


@login_required
def quiz(request, lesson_id: int, quiz_id: str):
    lesson = _lesson_or_404(lesson_id)
    quiz_value = records.lesson_quizzes(lesson).get(quiz_id)
    if quiz_value is None:
        raise Http404
    place = records.lesson_place(lesson)
    if not records.learner_enrolments(learner=request.user, programme_id=place.programme.pk):
        raise Http404

    if not cms_access.lesson_decision(request.user, lesson, place.programme, place.module).allowed:
        raise Http404
    if request.method != "POST":
        return render(request, "lms/quiz.html", _quiz_context(request, lesson, quiz_id, quiz_value))
    answers = {
        key.removeprefix("question-"): request.POST.getlist(key) for key in request.POST if key.startswith("question-")
    }
    try:
        attempt, result = services.quiz_submit(
            learner=request.user, lesson=lesson, quiz_id=quiz_id, token=request.POST.get("token", ""), answers=answers
        )
    except services.LearningError as error:
        context = _quiz_context(request, lesson, quiz_id, quiz_value, error=str(error))
        return render(request, "lms/quiz.html", context, status=400)
    return render(
        request, "lms/quiz.html", _quiz_context(request, lesson, quiz_id, quiz_value, result=result, attempt=attempt)
    )


# --- Journal -------------------------------------------------------------------------------------------------


def _own_entry_or_404(request, entry_id: int) -> JournalEntry:
    # Another person's entry is "not found", shared or not: the journal pages are the author's only.
    return get_object_or_404(JournalEntry, pk=entry_id, learner=request.user)


@login_required
def journal(request):
    entries = JournalEntry.objects.filter(learner=request.user).select_related("lesson")
    return render(request, "lms/journal.html", {"entries": entries, "page_title": _("My learning journal")})


@login_required
def journal_new(request):
    lesson = None
    prompt_id = request.GET.get("invite", "") if request.method == "GET" else request.POST.get("invite", "")
    lesson_id = request.GET.get("lecon") if request.method == "GET" else request.POST.get("lecon")
    if lesson_id:
        if not str(lesson_id).isdigit():
            raise Http404
        lesson = _lesson_or_404(int(lesson_id))
    prompt = records.lesson_reflections(lesson).get(prompt_id) if lesson and prompt_id else None
    form = JournalEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_entry_write(
                learner=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                lesson=lesson,
                prompt_id=prompt_id,
            )
        except services.LearningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your entry is saved in your journal. Only you can read it."))
            return redirect("lms:journal")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "lms/journal_form.html",
        {
            "form": form,
            "lesson": lesson,
            "prompt": prompt,
            "prompt_id": prompt_id if prompt else "",
            "page_title": _("New journal entry"),
        },
        status=status,
    )


@login_required
def journal_edit(request, entry_id: int):
    entry = _own_entry_or_404(request, entry_id)
    form = JournalEntryForm(request.POST or None, initial={"title": entry.title, "body": entry.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_entry_update(
                entry=entry, learner=request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
            )
        except services.LearningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your entry is updated."))
            return redirect("lms:journal")
    return render(
        request,
        "lms/journal_form.html",
        {
            "form": form,
            "entry": entry,
            "prompt": {"prompt": entry.prompt} if entry.prompt else None,
            "page_title": _("Edit a journal entry"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def journal_share(request, entry_id: int):
    entry = _own_entry_or_404(request, entry_id)
    services.journal_entry_share(entry=entry, learner=request.user)
    messages.success(request, _("This entry is now shared with your coordinators. You can withdraw the share."))
    return redirect("lms:journal")


@login_required
@require_POST
def journal_unshare(request, entry_id: int):
    entry = _own_entry_or_404(request, entry_id)
    services.journal_entry_unshare(entry=entry, learner=request.user)
    messages.success(request, _("This entry is private again: only you can read it."))
    return redirect("lms:journal")


@login_required
def journal_delete(request, entry_id: int):
    """GET asks for confirmation (a journal entry deleted is lost); POST deletes."""
    entry = _own_entry_or_404(request, entry_id)
    if request.method != "POST":
        return render(request, "lms/journal_delete.html", {"entry": entry, "page_title": _("Delete a journal entry")})
    services.journal_entry_delete(entry=entry, learner=request.user)
    messages.success(request, _("The entry has been deleted."))
    return redirect("lms:journal")


@login_required
def journal_export(request):
    entries = JournalEntry.objects.filter(learner=request.user).select_related("lesson").order_by("created_at", "pk")
    text = render_to_string(
        "lms/journal_export.md", {"entries": entries, "learner": request.user, "now": timezone.now()}, request=request
    )
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="journal-de-bord.md"'
    return response


# --- Attestation ---------------------------------------------------------------------------------------------


@login_required
def attestation_pdf(request, enrolment_id: int):
    enrolment = get_object_or_404(request.user.enrolments.select_related("cohort__programme"), pk=enrolment_id)
    try:
        attestation = services.attestation_issue(enrolment=enrolment, learner=request.user)
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect("my_space:learning")
    pdf = attestation_services.attestation_pdf(
        attestation=attestation,
        verify_url=request.build_absolute_uri(verify_url(attestation.code)),
        base_url=request.build_absolute_uri("/"),
        context={"cohort": enrolment.cohort},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attestation-de-suivi-{attestation.code}.pdf"'
    return response


@login_required
@require_POST
def api_token(request):
    """Create (or replace) the person's API token and show it once."""
    Token.objects.filter(user=request.user).delete()
    token = Token.objects.create(user=request.user)
    messages.success(
        request,
        _("Your new API key: %(key)s — copy it now, it will not be shown again. The previous key no longer works.")
        % {"key": token.key},
    )
    return redirect("my_space:learning")
