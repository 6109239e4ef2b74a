"""Small constructors for the agreed demo-content format (plain dicts and (block_type, value) tuples).

They only save typing and keep the shapes consistent; the result is the format described in
``cms/demo_content/__init__.py`` and checked by ``tests/cms/test_demo_content.py``.
"""

from typing import Any

Block = tuple[str, Any]


def text(html: str) -> Block:
    return ("text", html)


def key_points(title: str, *points: str) -> Block:
    return ("key_points", {"title": title, "points": list(points)})


def case_study(title: str, situation: str, *questions: str) -> Block:
    return ("case_study", {"title": title, "situation": situation, "questions": list(questions)})


def reflection(prompt: str, guidance: str) -> Block:
    return ("reflection", {"prompt": prompt, "guidance": guidance})


def right(choice_text: str, feedback: str) -> dict:
    return {"text": choice_text, "correct": True, "feedback": feedback}


def wrong(choice_text: str, feedback: str) -> dict:
    return {"text": choice_text, "correct": False, "feedback": feedback}


def single(question: str, explanation: str, *choices: dict) -> dict:
    return {"kind": "single", "text": question, "explanation": explanation, "choices": list(choices)}


def multiple(question: str, explanation: str, *choices: dict) -> dict:
    return {"kind": "multiple", "text": question, "explanation": explanation, "choices": list(choices)}


def true_false(question: str, explanation: str, *, answer: bool, if_true: str, if_false: str) -> dict:
    """A true/false question: always the two choices "Vrai" then "Faux"."""
    return {
        "kind": "true_false",
        "text": question,
        "explanation": explanation,
        "choices": [
            {"text": "Vrai", "correct": answer, "feedback": if_true},
            {"text": "Faux", "correct": not answer, "feedback": if_false},
        ],
    }


def quiz(title: str, *questions: dict, pass_mark: int = 60, max_attempts: int = 3) -> Block:
    return (
        "quiz",
        {"title": title, "pass_mark": pass_mark, "max_attempts": max_attempts, "questions": list(questions)},
    )


def note(topics: str, message: str) -> dict:
    """A lesson-level content note (shown before the lesson body)."""
    return {"topics": topics, "message": message}


def content_note(topics: str, message: str) -> Block:
    """A content-note block placed inside a body, before a difficult passage."""
    return ("content_note", {"topics": topics, "message": message})


def lesson(
    slug: str,
    title: str,
    *,
    minutes: int,
    rule: str,
    body: list[Block],
    content_note: dict | None = None,
) -> dict:
    return {
        "slug": slug,
        "title": title,
        "estimated_minutes": minutes,
        "completion_rule": rule,
        "content_note": content_note,
        "body": body,
    }


def crisis_note(topics: str, subject: str) -> dict:
    """The content note of a crisis lesson: what it is about, the choice to come back later, where to find help."""
    return note(
        topics,
        f"Cette séquence parle {subject}. Elle peut réveiller des souvenirs ou des émotions difficiles, surtout "
        "si vous avez vous-même traversé ces moments. Vous pouvez la lire maintenant, en plusieurs fois, ou "
        "revenir plus tard : elle restera disponible. Si vous n’allez pas bien, parlez-en à une personne de "
        "confiance ou à l’équipe pédagogique. Le 3114, numéro national de prévention du suicide, répond "
        "gratuitement 24 heures sur 24 et 7 jours sur 7, pour vous ou pour une personne qui vous inquiète. En "
        "cas de danger immédiat, appelez le 15 ou le 112.",
    )
