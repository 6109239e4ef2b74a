"""/api/v1/: the learner's own modules, progress, lesson completion, quizzes and journal.

Same services and the same rules as the pages: a learner reaches only their own records (anyone else's is a
404), and every write goes through `lms.services`. Each operation documents its own success answers here; the
error answers every operation can give (400, 401, 403, 404, 405, 406, 415) are added to the schema by
`config.api_schema.document_error_responses`, and tests/lms/test_api_contract.py holds the API to it.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cms import access as cms_access
from cms.blocks import quiz_questions_public
from cms.enums import CompletionRule
from cms.models import LessonPage
from lms import records, services
from lms.models import JournalEntry
from lms.progress import enrolment_progress, learner_enrolments_for_dashboard, quiz_summary


class ModuleProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="module.pk")
    title = serializers.CharField(source="module.title")
    is_open = serializers.BooleanField()
    opens_on = serializers.DateField()
    lessons_done = serializers.IntegerField()
    lesson_total = serializers.IntegerField()
    percent = serializers.IntegerField()
    explanation = serializers.CharField()
    completed_lesson_ids = serializers.SerializerMethodField()

    def get_completed_lesson_ids(self, state) -> list[int]:
        return sorted(state.done_ids)


class EnrolmentProgressSerializer(serializers.Serializer):
    enrolment_id = serializers.IntegerField(source="enrolment.pk")
    programme = serializers.CharField(source="enrolment.cohort.programme.title")
    cohort = serializers.CharField(source="enrolment.cohort.label")
    lessons_done = serializers.IntegerField()
    lesson_total = serializers.IntegerField()
    percent = serializers.IntegerField()
    explanation = serializers.CharField()
    last_activity_at = serializers.DateTimeField(source="progress.last_activity_at", allow_null=True, default=None)
    completed = serializers.BooleanField(source="is_complete")
    next_lesson_id = serializers.IntegerField(source="next_lesson.pk", allow_null=True, default=None)
    modules = ModuleProgressSerializer(many=True)


class ProgressView(APIView):
    """The learner's programmes, modules and progress (a fixed number of queries)."""

    @extend_schema(responses=EnrolmentProgressSerializer(many=True))
    def get(self, request):
        progresses = [enrolment_progress(e) for e in learner_enrolments_for_dashboard(user=request.user)]
        return Response(EnrolmentProgressSerializer(progresses, many=True).data)


def _readable_lesson(request, lesson_id: int) -> LessonPage:
    """A live lesson the learner may open; anything else is a 404 (nothing said about what exists)."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        raise NotFound
    place = records.lesson_place(lesson)
    if not records.learner_enrolments(learner=request.user, programme_id=place.programme.pk):
        raise NotFound
    if not cms_access.lesson_decision(request.user, lesson, place.programme, place.module).allowed:
        raise NotFound
    return lesson


CompletionSerializer = inline_serializer(
    "Completion",
    {
        "lesson_id": serializers.IntegerField(),
        "completed_at": serializers.DateTimeField(),
        "how": serializers.CharField(),
        "created": serializers.BooleanField(),
    },
)


class LessonDoneView(APIView):
    """Mark a lesson done (its rule must be "marked done"). Repeating it changes nothing (200 instead of 201)."""

    @extend_schema(request=None, responses={201: CompletionSerializer, 200: CompletionSerializer})
    def post(self, request, lesson_id: int):
        lesson = _readable_lesson(request, lesson_id)
        try:
            completion, created = services.lesson_complete(
                learner=request.user, lesson=lesson, how=CompletionRule.MARKED_DONE
            )
        except services.LearningError as error:
            raise ValidationError({"detail": str(error)}) from error
        data = {
            "lesson_id": lesson.pk,
            "completed_at": completion.completed_at,
            "how": completion.how,
            "created": created,
        }
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class QuizSubmissionSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="The `token` given by GET; one token per attempt.")
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Question id -> list of the chosen choice ids.",
    )


class QuizView(APIView):
    """GET: the quiz's questions (never the answers), the attempts used and a token for the next attempt.
    POST: submit the answers with that token; the response gives the score and the feedback per question."""

    def _quiz(self, request, lesson_id, quiz_id):
        lesson = _readable_lesson(request, lesson_id)
        quiz = records.lesson_quizzes(lesson).get(quiz_id)
        if quiz is None:
            raise NotFound
        return lesson, quiz

    @extend_schema(
        responses=inline_serializer(
            "Quiz", {"questions": serializers.ListField(), "token": serializers.CharField(allow_null=True)}
        )
    )
    def get(self, request, lesson_id: int, quiz_id: str):
        lesson, quiz = self._quiz(request, lesson_id, quiz_id)
        summary = quiz_summary(learner=request.user, lesson=lesson, quiz_id=quiz_id)
        return Response(
            {
                "title": quiz["title"],
                "pass_mark": quiz["pass_mark"],
                "max_attempts": quiz["max_attempts"],
                "attempts_used": summary["used"],
                "best_percent": summary["best"],
                "last_percent": summary["last"].percent if summary["last"] else None,
                "passed": summary["passed"],
                "questions": quiz_questions_public(quiz),
                "token": records.quiz_token(learner=request.user, lesson=lesson, quiz_id=quiz_id),
            }
        )

    @extend_schema(
        request=QuizSubmissionSerializer,
        responses={
            201: inline_serializer(
                "QuizResult", {"percent": serializers.IntegerField(), "passed": serializers.BooleanField()}
            )
        },
    )
    def post(self, request, lesson_id: int, quiz_id: str):
        lesson, _quiz = self._quiz(request, lesson_id, quiz_id)
        serializer = QuizSubmissionSerializer(data=request.data)
        if not serializer.is_valid():
            raise ValidationError({"detail": _("The answers could not be read. Please reload the quiz and try again.")})
        try:
            attempt, result = services.quiz_submit(
                learner=request.user,
                lesson=lesson,
                quiz_id=quiz_id,
                token=serializer.validated_data["token"],
                answers=serializer.validated_data["answers"],
            )
        except services.LearningError as error:
            raise ValidationError({"detail": str(error)}) from error
        return Response({"attempt": attempt.number, **result}, status=status.HTTP_201_CREATED)


class JournalEntrySerializer(serializers.ModelSerializer):
    lesson_id = serializers.IntegerField(required=False, allow_null=True)
    shared = serializers.BooleanField(source="is_shared", read_only=True)

    class Meta:
        model = JournalEntry
        fields = [
            "id",
            "title",
            "body",
            "lesson_id",
            "prompt_id",
            "prompt",
            "shared",
            "shared_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["prompt", "shared_at", "created_at", "updated_at"]


class JournalListView(generics.ListCreateAPIView):
    """The learner's own journal; new entries are private."""

    serializer_class = JournalEntrySerializer

    def get_queryset(self):
        return JournalEntry.objects.filter(learner=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        lesson = _readable_lesson(request, data["lesson_id"]) if data.get("lesson_id") else None
        try:
            entry = services.journal_entry_write(
                learner=request.user,
                title=data.get("title", ""),
                body=data["body"],
                lesson=lesson,
                prompt_id=data.get("prompt_id", ""),
            )
        except services.LearningError as error:
            raise ValidationError({"detail": str(error)}) from error
        return Response(JournalEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class ObjectRulePermission(BasePermission):
    """The API's door to the django-rules permissions: the view names the one its object needs."""

    def has_object_permission(self, request, view, obj):
        return request.user.has_perm(view.object_permission, obj)


class JournalDetailView(generics.RetrieveUpdateDestroyAPIView):
    """One of the learner's own entries (anyone else's is a 404). Only title and body can change."""

    serializer_class = JournalEntrySerializer
    permission_classes = [IsAuthenticated, ObjectRulePermission]
    object_permission = "lms.edit_journal_entry"
    http_method_names = ["get", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return JournalEntry.objects.filter(learner=self.request.user)

    def update(self, request, *args, **kwargs):
        entry = self.get_object()
        serializer = self.get_serializer(entry, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        try:
            entry = services.journal_entry_update(
                entry=entry,
                learner=request.user,
                title=serializer.validated_data.get("title", entry.title),
                body=serializer.validated_data.get("body", entry.body),
            )
        except services.LearningError as error:
            raise ValidationError({"detail": str(error)}) from error
        return Response(JournalEntrySerializer(entry).data)

    def perform_destroy(self, instance):
        services.journal_entry_delete(entry=instance, learner=self.request.user)


class JournalShareView(APIView):
    """POST shares the entry with the coordinators; DELETE withdraws the share."""

    @extend_schema(request=None, responses=JournalEntrySerializer)
    def post(self, request, entry_id: int):
        entry = get_object_or_404(JournalEntry, pk=entry_id, learner=request.user)
        return Response(JournalEntrySerializer(services.journal_entry_share(entry=entry, learner=request.user)).data)

    @extend_schema(request=None, responses={200: JournalEntrySerializer})
    def delete(self, request, entry_id: int):
        entry = get_object_or_404(JournalEntry, pk=entry_id, learner=request.user)
        return Response(JournalEntrySerializer(services.journal_entry_unshare(entry=entry, learner=request.user)).data)
