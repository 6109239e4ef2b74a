"""Structure of the seeded course content (cms.demo_content): plain data, no database."""

import re
from html.parser import HTMLParser

import pytest

from cms.demo_content import DU_CORSE, PROGRAMMES

PROGRAMME_KEYS = {
    "slug",
    "title",
    "summary",
    "objectives",
    "audience",
    "admission",
    "duration",
    "hours",
    "places",
    "locations",
    "modules",
}
MODULE_KEYS = {"slug", "title", "order", "summary", "objectives", "competencies", "estimated_hours", "lessons"}
LESSON_KEYS = {"slug", "title", "estimated_minutes", "completion_rule", "content_note", "body"}
COMPLETION_RULES = {"viewed", "quiz_passed", "reflection_written", "marked_done"}
BLOCK_TYPES = {"text", "key_points", "case_study", "reflection", "quiz", "content_note"}
QUESTION_KINDS = {"single", "multiple", "true_false"}
ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "strong", "em", "blockquote"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DU_SLUG = "du-pair-aidance-sante-mentale"
# Words that mark a passage about suicide, self-harm or restraint: such a lesson needs a content note.
SENSITIVE_RE = re.compile(r"suicid|automutil|scarification|contention|chambre d’isolement", re.IGNORECASE)
# Naming the national prevention line in a list of resources is not, by itself, a passage about suicide.
PREVENTION_LINE = "3114, numéro national de prévention du suicide"

MODULES = [(programme, module) for programme in PROGRAMMES for module in programme["modules"]]
LESSONS = [(programme, module, lesson) for programme, module in MODULES for lesson in module["lessons"]]


def ids_of(items):
    return [item[-1]["slug"] for item in items]


def blocks(lesson, block_type):
    return [value for kind, value in lesson["body"] if kind == block_type]


def strings_in(value):
    """Every string inside a nested structure of dicts, lists and tuples."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def plain_words(value) -> int:
    """Words a learner reads in a value: tags stripped, block type names and feedback keys ignored."""
    words = 0
    for string in strings_in(value):
        if string in BLOCK_TYPES or string in QUESTION_KINDS:
            continue
        words += len(re.sub(r"<[^>]+>", " ", string).split())
    return words


class TagChecker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag <{tag}> not allowed")
        if attrs:
            self.errors.append(f"attributes on <{tag}>")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}>")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if not self.stack and data.strip():
            self.errors.append(f"text outside any element: {data.strip()[:40]!r}")


def html_errors(html: str) -> list[str]:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    return checker.errors + [f"unclosed <{tag}>" for tag in checker.stack]


def test_there_are_two_programmes_and_the_du_comes_first():
    assert PROGRAMMES[0]["slug"] == DU_SLUG
    assert PROGRAMMES[0]["title"] == "DU Pair-aidance en santé mentale"
    assert len(PROGRAMMES) == 2


@pytest.mark.parametrize("programme", PROGRAMMES, ids=lambda p: p["slug"])
def test_programme_has_every_key_with_the_right_type(programme):
    assert set(programme) - {"share_modules"} == PROGRAMME_KEYS
    assert isinstance(programme.get("share_modules", False), bool)
    for key in ("slug", "title", "summary", "audience", "admission", "duration", "locations"):
        assert isinstance(programme[key], str), key
    assert isinstance(programme["hours"], int) and programme["hours"] > 0
    assert isinstance(programme["places"], int) and programme["places"] > 0
    assert programme["objectives"] and all(isinstance(o, str) for o in programme["objectives"])
    assert isinstance(programme["modules"], list) and programme["modules"]
    sentences = re.findall(r"[.!?](?:\s|$)", programme["summary"])
    assert 2 <= len(sentences) <= 3, "the summary is two or three sentences"


@pytest.mark.parametrize("programme", PROGRAMMES, ids=lambda p: p["slug"])
def test_modules_are_ordered_and_fit_in_the_programme_hours(programme):
    orders = [m["order"] for m in programme["modules"]]
    assert orders == list(range(1, len(orders) + 1))
    assert sum(m["estimated_hours"] for m in programme["modules"]) <= programme["hours"]


def test_the_du_has_the_six_required_modules_in_order():
    du = PROGRAMMES[0]
    titles = [m["title"].lower() for m in du["modules"]]
    assert len(titles) >= 6
    expected = ["écoute active", "crise", "éthique", "préserver", "rétablissement", "système de santé mentale"]
    for title, word in zip(titles, expected, strict=False):
        assert word in title


@pytest.mark.parametrize(("programme", "module"), MODULES, ids=ids_of(MODULES))
def test_module_structure(programme, module):
    assert set(module) == MODULE_KEYS
    for key in ("slug", "title", "summary"):
        assert isinstance(module[key], str), key
    assert isinstance(module["order"], int)
    assert isinstance(module["estimated_hours"], int) and module["estimated_hours"] > 0
    assert module["objectives"] and all(isinstance(o, str) for o in module["objectives"])
    assert module["competencies"] and all(isinstance(c, str) for c in module["competencies"])
    lessons = module["lessons"]
    assert len(lessons) >= 3
    assert any(blocks(lesson, "quiz") for lesson in lessons), "each module has a quiz"
    assert any(blocks(lesson, "reflection") for lesson in lessons), "each module has a reflection prompt"


@pytest.mark.parametrize(("programme", "module", "lesson"), LESSONS, ids=ids_of(LESSONS))
def test_lesson_structure(programme, module, lesson):
    assert set(lesson) == LESSON_KEYS
    assert isinstance(lesson["title"], str)
    assert isinstance(lesson["estimated_minutes"], int) and 5 <= lesson["estimated_minutes"] <= 180
    assert lesson["completion_rule"] in COMPLETION_RULES
    if lesson["completion_rule"] == "quiz_passed":
        assert blocks(lesson, "quiz")
    if lesson["completion_rule"] == "reflection_written":
        assert blocks(lesson, "reflection")
    note = lesson["content_note"]
    assert note is None or (set(note) == {"topics", "message"} and all(isinstance(v, str) for v in note.values()))
    assert lesson["body"] and all(isinstance(b, tuple) and len(b) == 2 for b in lesson["body"])
    assert {kind for kind, _ in lesson["body"]} <= BLOCK_TYPES


@pytest.mark.parametrize(("programme", "module", "lesson"), LESSONS, ids=ids_of(LESSONS))
def test_block_values_have_the_agreed_shape(programme, module, lesson):
    for kind, value in lesson["body"]:
        if kind == "text":
            assert isinstance(value, str)
            assert html_errors(value) == []
        elif kind == "key_points":
            assert set(value) == {"title", "points"} and value["points"]
            assert all(isinstance(p, str) for p in value["points"])
        elif kind == "case_study":
            assert set(value) == {"title", "situation", "questions"} and value["questions"]
            assert html_errors(value["situation"]) == []
        elif kind == "reflection":
            assert set(value) == {"prompt", "guidance"}
        elif kind == "content_note":
            assert set(value) == {"topics", "message"}


QUIZZES = [(lesson, quiz) for _, _, lesson in LESSONS for quiz in blocks(lesson, "quiz")]


@pytest.mark.parametrize(("lesson", "quiz"), QUIZZES, ids=[lesson["slug"] for lesson, _ in QUIZZES])
def test_quiz_is_well_formed(lesson, quiz):
    assert set(quiz) == {"title", "pass_mark", "max_attempts", "questions"}
    assert isinstance(quiz["pass_mark"], int) and 1 <= quiz["pass_mark"] <= 100
    assert isinstance(quiz["max_attempts"], int) and quiz["max_attempts"] >= 1
    assert 3 <= len(quiz["questions"]) <= 5
    assert len({q["kind"] for q in quiz["questions"]}) >= 2, "kinds are mixed"
    for question in quiz["questions"]:
        assert set(question) == {"kind", "text", "explanation", "choices"}
        assert question["kind"] in QUESTION_KINDS
        choices = question["choices"]
        assert all(set(c) == {"text", "correct", "feedback"} for c in choices)
        assert all(isinstance(c["correct"], bool) for c in choices)
        correct = sum(c["correct"] for c in choices)
        assert correct >= 1
        if question["kind"] in {"single", "true_false"}:
            assert correct == 1
        if question["kind"] == "true_false":
            assert [c["text"] for c in choices] == ["Vrai", "Faux"]
        else:
            assert len(choices) >= 3
            assert len({c["text"] for c in choices}) == len(choices)


def test_the_crisis_module_carries_kind_content_notes():
    crisis = next(m for m in PROGRAMMES[0]["modules"] if "crise" in m["title"].lower())
    notes = [lesson["content_note"] for lesson in crisis["lessons"] if lesson["content_note"]]
    assert len(notes) >= 2
    for note in notes:
        assert "3114" in note["message"]
        assert "plus tard" in note["message"]


@pytest.mark.parametrize(("programme", "module", "lesson"), LESSONS, ids=ids_of(LESSONS))
def test_lessons_about_suicide_self_harm_or_restraint_have_a_content_note(programme, module, lesson):
    readable = [value for kind, value in lesson["body"] if kind != "content_note"]
    if any(SENSITIVE_RE.search(s.replace(PREVENTION_LINE, "3114")) for s in strings_in(readable)):
        note = lesson["content_note"]
        assert note is not None and note["topics"].strip() and note["message"].strip()


def test_slugs_are_unique_and_slug_shaped():
    slugs = [p["slug"] for p in PROGRAMMES]
    slugs += [m["slug"] for _, m in MODULES]
    slugs += [lesson["slug"] for _, _, lesson in LESSONS]
    assert len(slugs) == len(set(slugs))
    assert all(SLUG_RE.match(slug) for slug in slugs)


def test_no_filler_no_empty_string_and_consistent_apostrophes():
    for string in strings_in(PROGRAMMES):
        assert string.strip(), "empty string"
        assert string == string.strip(), f"stray whitespace: {string[:40]!r}"
        assert "lorem" not in string.lower()
        assert "'" not in string, f"typographic apostrophe expected in: {string[:60]!r}"
        assert "  " not in string, f"double space in: {string[:60]!r}"


@pytest.mark.parametrize(("programme", "module", "lesson"), LESSONS, ids=ids_of(LESSONS))
def test_lessons_are_substantive(programme, module, lesson):
    minimum, maximum = (450, 1100) if programme["slug"] == DU_SLUG else (280, 650)
    assert minimum <= plain_words(lesson["body"]) <= maximum


def test_the_new_du_has_a_presentation_and_no_module_of_its_own():
    """Its modules come from the first DU's, through the sharing service (cms.demo.seed_shared_modules)."""
    assert set(DU_CORSE) == PROGRAMME_KEYS and DU_CORSE["modules"] == []
    assert PROGRAMMES[0]["share_modules"] is True
    for string in strings_in(DU_CORSE):
        assert string.strip() and "'" not in string, string
