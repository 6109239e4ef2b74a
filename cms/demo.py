"""Demo content: the programmes, modules and lessons written in `cms.demo_content` (French teaching text).

Idempotent: a page that already exists (same slug under the same parent) is left as it is, so that an editor's
changes survive a second run; missing pages are created and published.
"""

import importlib

from modelsearch.index import insert_or_update_object
from wagtail.blocks import StreamBlock

from cms.blocks import lesson_body_blocks
from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage
from cms.services import programme_author_add, programme_editorial_setup

PROGRAMME_SLUG = "du-pair-aidance-sante-mentale"
CONTENT_MODULE = "cms.demo_content"


class DemoContentMissing(RuntimeError):
    pass


def load_programmes() -> list[dict]:
    try:
        module = importlib.import_module(CONTENT_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != CONTENT_MODULE:
            raise
        raise DemoContentMissing(
            f"The course text package `{CONTENT_MODULE}` is missing: merge the branch that writes it "
            "(it exposes PROGRAMMES) before seeding the demo."
        ) from exc
    programmes = getattr(module, "PROGRAMMES", None)
    if not programmes:
        raise DemoContentMissing(f"`{CONTENT_MODULE}.PROGRAMMES` is missing or empty.")
    return programmes


def _body(items) -> object:
    """(block_type, value) pairs from the content package -> a StreamValue (ListBlock items get stable ids)."""
    stream = StreamBlock(lesson_body_blocks())
    return stream.to_python([{"type": block_type, "value": value} for block_type, value in items])


def _publish(page) -> None:
    page.save_revision().publish()


def _child(parent, model, slug: str, build):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = build()
    parent.add_child(instance=page)
    _publish(page)
    page = model.objects.get(pk=page.pk)
    # Indexing normally runs on the worker; the demo must be searchable without one.
    insert_or_update_object(page)
    return page


def seed_programmes(programmes: list[dict]) -> list[ProgrammePage]:
    home = HomePage.objects.get(depth=2)
    created = []
    for data in programmes:
        programme = _child(
            home,
            ProgrammePage,
            data["slug"],
            lambda data=data: ProgrammePage(
                title=data["title"],
                slug=data["slug"],
                summary=data.get("summary", ""),
                objectives="\n".join(data.get("objectives", [])),
                audience=data.get("audience", ""),
                admission=data.get("admission", ""),
                duration=data.get("duration", ""),
                hours=data.get("hours"),
                places=data.get("places"),
                locations=data.get("locations", ""),
            ),
        )
        programme_editorial_setup(programme=programme)
        for module_data in data.get("modules", []):
            module = _child(
                programme,
                ModulePage,
                module_data["slug"],
                lambda m=module_data: ModulePage(
                    title=m["title"],
                    slug=m["slug"],
                    order=m.get("order", 0),
                    summary=m.get("summary", ""),
                    objectives="\n".join(m.get("objectives", [])),
                    competencies="\n".join(m.get("competencies", [])),
                    estimated_hours=m.get("estimated_hours", 0),
                ),
            )
            for lesson_data in module_data.get("lessons", []):
                note = lesson_data.get("content_note") or {}
                _child(
                    module,
                    LessonPage,
                    lesson_data["slug"],
                    lambda le=lesson_data, note=note: LessonPage(
                        title=le["title"],
                        slug=le["slug"],
                        estimated_minutes=le.get("estimated_minutes", 15),
                        completion_rule=le.get("completion_rule", "viewed"),
                        content_note_topics=note.get("topics", ""),
                        content_note_message=note.get("message", ""),
                        body=_body(le.get("body", [])),
                    ),
                )
        created.append(programme)
    return created


def seed(ctx) -> None:
    programmes = seed_programmes(load_programmes())
    du = next((programme for programme in programmes if programme.slug == PROGRAMME_SLUG), programmes[0])
    if "author" in ctx.users:
        programme_author_add(programme=du, user=ctx.users["author"])
    ctx.objects["programme"] = du
    ctx.objects["programmes"] = programmes
    ctx.log(f"Programmes: {', '.join(p.title for p in programmes)}")
