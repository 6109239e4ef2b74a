"""Demo content: the programmes, modules and lessons written in `cms.demo_content` (French teaching text).

Idempotent: a page that already exists (same slug under the same parent) is left as it is, so that an editor's
changes survive a second run; missing pages are created and published.
"""

import importlib

from modelsearch.index import insert_or_update_object
from wagtail.blocks import StreamBlock

from cms.blocks import lesson_body_blocks
from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage
from cms.services import module_copy, programme_author_add, programme_editorial_setup

PROGRAMME_SLUG = "du-pair-aidance-sante-mentale"
CONTENT_MODULE = "cms.demo_content"
# The new DU's two modules started from the first DU's: the first adapted and published, the second a draft.
SHARED_MODULE_SLUGS = ("ecoute-active", "gestion-de-crise")


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
                share_modules=data.get("share_modules", False),
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
    new_du = getattr(importlib.import_module(CONTENT_MODULE), "DU_CORSE", None)
    if new_du is not None:
        ctx.objects["new_programme"] = seed_programmes([new_du])[0]
    ctx.objects["programme"] = du
    ctx.objects["programmes"] = programmes
    ctx.log(f"Programmes: {', '.join(p.title for p in programmes)}")


def seed_shared_modules(ctx) -> None:
    """The new DU starts two modules from the first DU's, through the sharing service, as its coordinator
    (`ctx.users["new_coordinator"]`, given a cohort of the new DU by the cohorts demo) would in the admin; she
    publishes the first. Idempotent: a module already started from the same source is left as it is."""
    new_du, du = ctx.objects.get("new_programme"), ctx.objects["programme"]
    coordinator = ctx.users.get("new_coordinator")
    if new_du is None or coordinator is None:
        return
    du.refresh_from_db()
    if not du.share_modules and not ModulePage.objects.child_of(new_du).exists() and not du.has_unpublished_changes:
        # A demo database seeded before sharing existed: its coordination agrees to share, once (a later choice
        # of an editor stays as it is).
        du.share_modules = True
        du.save_revision(user=ctx.users.get("coordinator")).publish(user=ctx.users.get("coordinator"))
    if not du.share_modules:
        ctx.log("Shared modules: the first DU does not share its modules, nothing copied")
        return
    for position, slug in enumerate(SHARED_MODULE_SLUGS):
        source = ModulePage.objects.child_of(du).filter(slug=slug).first()
        if source is None or ModulePage.objects.child_of(new_du).filter(source_module=source).exists():
            continue
        copy = module_copy(source=source, programme=new_du, by=coordinator)
        if position == 0:
            for page in [copy, *LessonPage.objects.child_of(copy).order_by("path")]:
                page.get_latest_revision().publish(user=coordinator)
                insert_or_update_object(type(page).objects.get(pk=page.pk))
    titles = ModulePage.objects.child_of(new_du).values_list("title", flat=True)
    ctx.log(f"Shared modules: {new_du.title} starts from {', '.join(titles)}")
