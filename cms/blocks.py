"""The blocks a teacher composes a lesson from.

Two rules shape them:
- nothing a learner must not see is rendered: quiz templates show the questions and the choices, never which
  choice is correct, its feedback or the explanation (those stay on the server for scoring);
- every quiz question and choice has a stable id (the ListBlock item id, a UUID kept across revisions), so that
  the learning records can score a submission on the server against the revision the learner saw.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from cms.enums import QuestionKind

# No image feature: images are served from the media folder without a permission check, so lesson text
# cannot embed them. Documents are linked through the permission-checked serve view.
LESSON_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"]


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    points = blocks.ListBlock(blocks.CharBlock(label=_("Point"), max_length=500), label=_("Points"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "cms/blocks/key_points.html"


def _require_one_source(value, *, with_embed: bool) -> None:
    sources = [value.get("media")] + ([value.get("embed")] if with_embed else [])
    if sum(1 for source in sources if source) != 1:
        message = (
            _("Choose either an uploaded file or an embedded video, not both and not neither.")
            if with_embed
            else _("Choose the uploaded audio file.")
        )
        raise blocks.StructBlockValidationError(non_block_errors=ErrorList([ValidationError(message)]))


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    media = DocumentChooserBlock(
        label=_("Uploaded video file"),
        required=False,
        help_text=_("An MP4 or WebM file uploaded to this programme's collection."),
    )
    embed = EmbedBlock(label=_("Embedded video"), required=False, help_text=_("Address of a video hosted elsewhere."))
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=LESSON_RICH_TEXT_FEATURES, help_text=_("Required for accessibility.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        _require_one_source(value, with_embed=True)
        return value


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    media = DocumentChooserBlock(label=_("Uploaded audio file"), required=False)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=LESSON_RICH_TEXT_FEATURES, help_text=_("Required for accessibility.")
    )

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "cms/blocks/audio.html"

    def clean(self, value):
        value = super().clean(value)
        _require_one_source(value, with_embed=False)
        return value


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), max_length=200, required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "cms/blocks/download.html"


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    situation = blocks.RichTextBlock(label=_("Situation"), features=LESSON_RICH_TEXT_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question"), max_length=500), label=_("Questions for discussion"), min_num=1
    )

    class Meta:
        icon = "group"
        label = _("Case study")
        template = "cms/blocks/case_study.html"


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Prompt"))
    guidance = blocks.TextBlock(label=_("Guidance"), required=False)

    class Meta:
        icon = "edit"
        label = _("Reflection prompt")
        template = "cms/blocks/reflection.html"


class ContentNoteBlock(blocks.StructBlock):
    topics = blocks.CharBlock(label=_("Topics"), max_length=300)
    message = blocks.TextBlock(label=_("Message"))

    class Meta:
        icon = "warning"
        label = _("Content note")
        template = "cms/blocks/content_note.html"


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False, search_index=False)
    feedback = blocks.TextBlock(label=_("Feedback for this answer"), required=False, search_index=False)

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class QuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    text = blocks.TextBlock(label=_("Question"))
    explanation = blocks.TextBlock(label=_("Explanation shown after answering"), required=False, search_index=False)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=2)

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        errors = []
        if value["kind"] == QuestionKind.MULTIPLE:
            if correct < 1:
                errors.append(_("Mark at least one correct answer."))
        elif correct != 1:
            errors.append(_("Mark exactly one correct answer."))
        if value["kind"] == QuestionKind.TRUE_FALSE and len(value["choices"]) != 2:
            errors.append(_("A true-or-false question has exactly two choices."))
        if errors:
            raise blocks.StructBlockValidationError(non_block_errors=ErrorList([ValidationError(e) for e in errors]))
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), min_value=0, max_value=100, default=70, help_text=_("Percentage of points needed.")
    )
    max_attempts = blocks.IntegerBlock(label=_("Maximum attempts"), min_value=1, max_value=20, default=3)
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        template = "cms/blocks/quiz.html"


def lesson_body_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("text", blocks.RichTextBlock(label=_("Text"), features=LESSON_RICH_TEXT_FEATURES, icon="pilcrow")),
        ("key_points", KeyPointsBlock()),
        ("video", VideoBlock()),
        ("audio", AudioBlock()),
        ("document", DownloadBlock()),
        ("case_study", CaseStudyBlock()),
        ("reflection", ReflectionBlock()),
        ("quiz", QuizBlock()),
        ("content_note", ContentNoteBlock()),
    ]


def quiz_questions_public(quiz_value) -> list[dict]:
    """What a learner may see of a quiz: ids, kinds, question and choice texts. Nothing about correctness."""
    questions = []
    for question in quiz_value["questions"].bound_blocks:
        questions.append(
            {
                "id": question.id,
                "kind": question.value["kind"],
                "text": question.value["text"],
                "choices": [
                    {"id": choice.id, "text": choice.value["text"]} for choice in question.value["choices"].bound_blocks
                ],
            }
        )
    return questions


def quiz_score(quiz_value, answers: dict[str, set[str]]) -> dict:
    """Score a submission on the server.

    `answers` maps a question id to the set of choice ids the learner ticked. A question scores one point when
    the ticked set is exactly the set of correct choices. Returns the score, the percentage, whether it passes
    the quiz's pass mark, and per question the feedback and explanation that may now be shown.
    """
    results = []
    for question in quiz_value["questions"].bound_blocks:
        ticked = set(answers.get(question.id, set()))
        choices = question.value["choices"].bound_blocks
        correct_ids = {choice.id for choice in choices if choice.value["correct"]}
        results.append(
            {
                "question_id": question.id,
                "correct": ticked == correct_ids,
                "explanation": question.value["explanation"],
                "feedback": [choice.value["feedback"] for choice in choices if choice.id in ticked],
            }
        )
    points = sum(1 for result in results if result["correct"])
    percent = round(100 * points / len(results)) if results else 0
    return {
        "points": points,
        "out_of": len(results),
        "percent": percent,
        "passed": percent >= quiz_value["pass_mark"],
        "questions": results,
    }
