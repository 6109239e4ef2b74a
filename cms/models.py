from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Page, PageViewRestriction, Site
from wagtail.search import index

from cms import access
from cms.blocks import lesson_body_blocks
from cms.enums import CompletionRule
from cms.panels import SharingPanel
from core import fragments, versioned_cache

LINES_HELP = _("One per line.")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class HomePage(Page):
    """The site's front page: what the platform is, and the programmes it offers."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ProgrammePage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = ProgrammePage.objects.child_of(self).live().order_by("path")
        return context

    def route(self, request, path_components):
        """A lesson (programme / module / lesson) is found by its URL path in one query, instead of two per level
        of the tree, and kept with the outline (`_cached_lesson`); anything else is routed as usual. The programme's
        own sub-routes ("" and "recherche/") never take two path segments, so the result is the one the usual
        routing gives."""
        if len(path_components) == 3:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            lesson = _cached_lesson(url_path, depth=self.depth + 3)
            if lesson is not None:
                return lesson.route(request, [])
        return super().route(request, path_components)


class ProgrammePage(RoutablePageMixin, Page):
    """A university diploma (DU): its public presentation (the catalogue), with its modules below it.

    Authors are attached to a programme through `authors_group`: a Wagtail group, made by
    `cms.services.programme_editorial_setup` when the page is created in the admin or by the demo, that
    holds add/edit page permissions on this programme's subtree only and add/choose permissions on its
    document collection. Putting a person in that group makes them an author of this programme, and of no other.

    Coordinators are attached through `coordinators_group`, created with the page too: add/edit/publish page
    permissions on this subtree only, the programme's documents, and the approval task of the programme's own
    review workflow. Its members mirror the coordinators of the programme's cohorts (the cohorts app keeps them
    in step, see `cms.services.programme_coordinators_set`).
    """

    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True, help_text=LINES_HELP)
    audience = models.TextField(_("who it is for"), blank=True)
    admission = models.TextField(_("admission requirements"), blank=True)
    duration = models.CharField(_("duration"), max_length=200, blank=True, help_text=_("For example: one year."))
    hours = models.PositiveIntegerField(_("teaching hours"), null=True, blank=True)
    places = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    locations = models.TextField(_("locations"), blank=True)
    open_call = models.TextField(
        _("open call for applications"),
        blank=True,
        help_text=_("Leave empty when no call is open. Shown at the top of the presentation."),
    )
    share_modules = models.BooleanField(
        _("share the modules with the other programmes"),
        default=False,
        help_text=_(
            "When ticked and the programme is published, the coordinators and authors of the other programmes "
            "may start a module of their own from a copy of one of this programme's published modules. The copy "
            "names this programme as its source; your pages stay yours and unchanged."
        ),
    )
    authors_group = models.OneToOneField(
        Group, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="authored_programme"
    )
    coordinators_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="coordinated_programme",
    )
    collection = models.OneToOneField(
        Collection, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="programme"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("open_call"),
        FieldPanel("objectives"),
        FieldPanel("audience"),
        FieldPanel("admission"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration"), FieldPanel("hours"), FieldPanel("places")]),
                FieldPanel("locations"),
            ],
            heading=_("Practical information"),
        ),
        FieldPanel("share_modules", heading=_("Sharing with the other programmes")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ModulePage"]
    # Each programme has groups and a collection of its own: a copy gets new ones (see `wagtail_hooks`).
    exclude_fields_in_copy = ["authors_group", "coordinators_group", "collection"]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    @property
    def objective_list(self) -> list[str]:
        return _lines(self.objectives)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        modules = outline_for(self)
        context["modules"] = modules
        context["can_search"] = access.can_read_programme(request.user, self)
        return context

    @path("")
    def presentation(self, request):
        return self.render(request)

    @path("recherche/", name="search")
    def search(self, request):
        """Search in this programme's lessons, for the people who may read them (only what they may open)."""
        if not access.can_read_programme(request.user, self):
            reason = access.NOT_ENROLLED if request.user.is_authenticated else access.ANONYMOUS
            return access.refusal_response(request, programme=self, decision=access.AccessDecision(False, reason))
        query = request.GET.get("q", "").strip()[:200]
        results = []
        if query:
            lessons = LessonPage.objects.live().descendant_of(self).search(query, operator="and")
            open_ids = access.readable_module_ids(request.user, self)
            modules = {module.path: module for module in ModulePage.objects.live().child_of(self)}
            for lesson in lessons:
                module = modules.get(lesson.path[: -Page.steplen])
                if module is not None and (open_ids is None or module.pk in open_ids):
                    results.append({"lesson": lesson, "module": module})
        return TemplateResponse(
            request,
            "cms/programme_search.html",
            {"page": self, "query": query, "results": results, "page_title": _("Search")},
        )


class ModulePage(Page):
    """One module of a programme (e.g. active listening). Its presentation is public; its lessons are not."""

    summary = models.TextField(_("summary"))
    objectives = models.TextField(_("objectives"), blank=True, help_text=LINES_HELP)
    competencies = models.TextField(_("competencies addressed"), blank=True, help_text=LINES_HELP)
    estimated_hours = models.DecimalField(_("estimated hours"), max_digits=5, decimal_places=1, default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Position in the programme."))
    # Attribution of a module started from another programme's module (`cms.services.module_copy`). Not
    # editable: the copy keeps saying where it comes from; the titles stay if the source is deleted later.
    source_module = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="copies",
        verbose_name=_("source module"),
    )
    source_module_title = models.CharField(_("source module's title"), max_length=255, blank=True, editable=False)
    source_programme_title = models.CharField(_("source programme's title"), max_length=255, blank=True, editable=False)
    copied_at = models.DateTimeField(_("copied at"), null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        SharingPanel(heading=_("Sharing between programmes")),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("competencies"),
        FieldRowPanel([FieldPanel("estimated_hours"), FieldPanel("order")]),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["cms.ProgrammePage"]
    subpage_types = ["cms.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @property
    def objective_list(self) -> list[str]:
        return _lines(self.objectives)

    @property
    def competency_list(self) -> list[str]:
        return _lines(self.competencies)

    @property
    def is_copy(self) -> bool:
        return bool(self.source_programme_title)

    @property
    def source_url(self) -> str | None:
        """The source module's public presentation, while it is published."""
        source = self.source_module
        return source.url if source is not None and source.live else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programme = ProgrammePage.objects.ancestor_of(self).first()
        modules = outline_for(programme)
        context["programme"] = programme
        context["module"] = next((m for m in modules if m.pk == self.pk), self)
        context["lessons"] = getattr(context["module"], "outline_lessons", [])
        context["opening"] = access.module_opening(request.user, programme, self)
        # Lessons are linked only for those who may read them; the others are told who can, not sent to a refusal.
        context["can_read"] = programme is not None and access.can_read_programme(request.user, programme)
        return context


class LessonPage(Page):
    """A lesson: its body is served only to the people the access policy lets in (see cms.access)."""

    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    completion_rule = models.CharField(
        _("completion rule"), max_length=30, choices=CompletionRule.choices, default=CompletionRule.VIEWED
    )
    content_note_topics = models.CharField(
        _("content note: topics"),
        max_length=300,
        blank=True,
        help_text=_("Difficult topics this lesson deals with (e.g. suicide, violence). Leave empty if none."),
    )
    content_note_message = models.TextField(_("content note: message"), blank=True)
    body = StreamField(lesson_body_blocks(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("completion_rule")]),
        MultiFieldPanel(
            [FieldPanel("content_note_topics"), FieldPanel("content_note_message")],
            heading=_("Content note"),
            help_text=_("Shown before the lesson; the learner chooses to continue or to come back later."),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    CONTINUE_PARAM = "continuer"

    def save(self, *args, **kwargs):
        # Convert every block before saving so that list items written without an id (seed, scripts) get
        # their UUID now, once, in the page row and in the revision alike: quiz ids must stay stable.
        for _block in self.body:
            pass
        return super().save(*args, **kwargs)

    def content_notes(self) -> list[dict]:
        """Every content note of the lesson: the page's own, then the body's content-note blocks."""
        notes = []
        if self.content_note_topics or self.content_note_message:
            notes.append({"topics": self.content_note_topics, "message": self.content_note_message})
        for block in self.body:
            if block.block_type == "content_note":
                notes.append({"topics": block.value["topics"], "message": block.value["message"]})
        return notes

    def rendered_body(self, request, *, preview: bool = False) -> str:
        """The body's HTML, cached per live revision and language (a preview renders the draft, uncached): a
        revision never changes, so each process keeps it in memory once read (core.versioned_cache)."""
        context = {"request": request, "page": self}
        if preview or not self.live_revision_id:
            return render_to_string("cms/lesson_body.html", context)
        key = f"cms:lesson-body:{self.pk}:{self.live_revision_id}:{get_language()}"
        return versioned_cache.get_or_build(
            key,
            lambda: render_to_string("cms/lesson_body.html", context),
            timeout=getattr(settings, "CMS_LESSON_BODY_CACHE_SECONDS", 60 * 60 * 24),
        )

    def get_view_restrictions(self):
        """Wagtail's privacy settings that apply to the lesson (its own and its ancestors'), asked on each page view:
        their ids are kept with the outline (forgotten when any page or restriction changes, `cms.signals`), so that
        a lesson that none applies to reads none, instead of two queries."""

        def build():
            return list(Page.get_view_restrictions(self).values_list("pk", flat=True))

        ids = _outline_cached(f"cms:view-restrictions:{self.pk}", build, version=getattr(self, "outline_version", None))
        return PageViewRestriction.objects.filter(pk__in=ids) if ids else PageViewRestriction.objects.none()

    def serve(self, request, *args, **kwargs):
        request.is_preview = False
        return self._respond(request, preview=False)

    def serve_preview(self, request, mode_name):
        request.is_preview = True
        return self._respond(request, preview=True)

    def _respond(self, request, *, preview: bool):
        if preview:
            programme = ProgrammePage.objects.ancestor_of(self).first()
            modules = outline_for(programme, include_lesson_pk=self.pk)
            with_urls([programme, *modules, *(lesson for module in modules for lesson in module.outline_lessons)])
        else:
            programme, modules = lesson_outline(self)
        module = next((m for m in modules if self.path.startswith(m.path)), None)
        if module is None:  # an unpublished module: only its editors reach it, through a preview
            module = self.get_parent().specific
            module.outline_lessons = [self]
            with_urls([module, self])
        decision = access.lesson_decision(request.user, self, programme, module)
        if not decision.allowed:
            return access.refusal_response(request, programme=programme, decision=decision, lesson=self)
        module_lessons = module.outline_lessons
        lessons = [lesson for m in modules for lesson in m.outline_lessons]
        position = next((i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None)
        next_lesson = lessons[position + 1] if position is not None and position + 1 < len(lessons) else None
        next_locked = None
        if next_lesson is not None and next_lesson not in module_lessons:
            # The next lesson opens another module: if it is still closed, say when instead of linking to a refusal.
            next_module = next((m for m in modules if next_lesson.path.startswith(m.path)), None)
            next_decision = access.lesson_decision(request.user, next_lesson, programme, next_module)
            if not next_decision.allowed:
                next_locked = {"module": next_module, "opens_on": next_decision.opens_on}
                next_lesson = None
        notes = self.content_notes()
        show_body = not notes or request.GET.get(self.CONTINUE_PARAM) == "1"
        context = {
            "page": self,
            "self": self,
            "request": request,
            "programme": programme,
            "module": module,
            "module_lessons": module_lessons,
            "position_in_module": next((i + 1 for i, le in enumerate(module_lessons) if le.pk == self.pk), None),
            "previous_lesson": lessons[position - 1] if position else None,
            "next_lesson": next_lesson,
            "next_locked": next_locked,
            "content_notes": notes,
            "show_body": show_body,
            "body_html": self.rendered_body(request, preview=preview) if show_body else "",
            "continue_param": self.CONTINUE_PARAM,
            "decision": decision,
        }
        return TemplateResponse(request, "cms/lesson_page.html", context)


OUTLINE_VERSION_KEY = "cms:outline-version"


def outline_changed(**kwargs) -> None:
    """Forget every cached outline (see `cached_outline`): a page was saved, published, unpublished, moved or
    deleted. Connected in cms.signals. The version changes at once and again once the change is committed, so
    that a request that read the rows before the commit cannot keep them under the new version."""
    fragments.bump_now_and_on_commit(OUTLINE_VERSION_KEY)


def outline_version() -> str:
    """The current version of every cached outline (read once by a request, core.fragments)."""
    return _outline_version()


def _outline_version() -> str:
    return fragments.versions([OUTLINE_VERSION_KEY])[0]


# Every lesson page reads it: it comes with the first version a request reads (core.fragments).
fragments.read_together(OUTLINE_VERSION_KEY)


# Part of each cached outline's key: changed when what is kept changes (2: with the pages' URLs), so that a new
# release never reads what an older one left in the shared cache.
OUTLINE_FORMAT = 2


def _outline_cached(key: str, build, *, version: str | None = None):
    return versioned_cache.get_or_build(
        f"{key}:{OUTLINE_FORMAT}:{version or _outline_version()}",
        build,
        timeout=getattr(settings, "CMS_LESSON_BODY_CACHE_SECONDS", 60 * 60 * 24),
    )


def lesson_outline(lesson: "LessonPage") -> tuple["ProgrammePage | None", list[ModulePage]]:
    """The lesson's programme and that programme's live outline (`outline_for`), kept in the shared cache until any
    page changes: three queries saved on each lesson page. Nothing personal is cached: what a person may open is
    decided afterwards, on each request."""

    def build():
        programme = ProgrammePage.objects.ancestor_of(lesson).first()
        modules = outline_for(programme)
        with_urls([programme, *modules, *(item for module in modules for item in module.outline_lessons)])
        return programme, modules

    # A lesson routed by its path carries the version it was found under: the same request need not ask again.
    return _outline_cached(f"cms:lesson-outline:{lesson.pk}", build, version=getattr(lesson, "outline_version", None))


_NO_SITE = "no-site"  # kept for a host no site answers (versioned_cache keeps text as it is)


def site_for_request(request) -> Site | None:
    """The Wagtail site that answers this request, with its root page in its specific form, as Wagtail finds them
    (`Site.find_for_request`, then the root page's `specific`: two queries on every page view), kept with the
    outline: the same for everyone on this host, forgotten when any page or site changes (cms.signals)."""
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()

    def build():
        site = Site._find_for_request(request)
        if site is None:
            return _NO_SITE
        site.root_page = site.root_page.specific
        return site

    site = _outline_cached(f"cms:site:{hostname}:{port}", build)
    return None if site == _NO_SITE else site


def _cached_lesson(url_path: str, *, depth: int) -> "LessonPage | None":
    """The lesson at this URL path, kept in the cache with the outline (until any page changes): the same row for
    everyone, read on every lesson page. A path that finds nothing is not kept (any address can be asked)."""
    version = _outline_version()
    key = f"cms:lesson-route:{depth}:{url_path}:{version}"
    timeout = getattr(settings, "CMS_LESSON_BODY_CACHE_SECONDS", 60 * 60 * 24)
    lesson = versioned_cache.get(key)
    if lesson is None:
        lesson = LessonPage.objects.filter(depth=depth, url_path=url_path).select_related("locale").first()
        if lesson is not None:
            versioned_cache.put(key, lesson, timeout=timeout)
    if lesson is not None:
        lesson.outline_version = version  # each read is a copy of its own (core.versioned_cache)
    return lesson


def cached_outline(programme: "ProgrammePage", *, version: str | None = None) -> list[ModulePage]:
    """`outline_for(programme)` (live modules and lessons), kept in the shared cache until any page changes, like
    `lesson_outline`: the learner dashboard reads it on each request. `version`: `outline_version()`, when read."""
    return _outline_cached(f"cms:programme-outline:{programme.pk}", lambda: outline_for(programme), version=version)


def _site_root_paths():
    """Wagtail's `Site.get_site_root_paths()` (from the shared cache), kept in this process's memory with the outline,
    whose version any change of a page or a site replaces (cms.signals): no cache read per page view."""
    return _outline_cached("cms:site-root-paths", Site.get_site_root_paths)


def with_urls(pages) -> None:
    """Give each page `outline_url`, its URL (`page.url`: relative on a single site, whole otherwise), with the site
    root paths read once for all: computed once for the lesson page's cached outline (sites changing forget it,
    `cms.signals`), and by the learner dashboard instead of `{% pageurl %}`, which on a page Wagtail does not serve
    also looks the site up (a query)."""
    root_paths = _site_root_paths()
    for page in pages:
        if page is None:
            continue
        page._wagtail_cached_site_root_paths = root_paths  # what Page.get_url reads first (keeps no copy: deleted)
        page.outline_url = page.get_url()
        del page._wagtail_cached_site_root_paths


def outline_for(programme: ProgrammePage | None, *, include_lesson_pk: int | None = None) -> list[ModulePage]:
    """The programme's live modules in order, each with `outline_lessons`: two queries whatever the size."""
    if programme is None:
        return []
    modules = sorted(ModulePage.objects.live().child_of(programme), key=lambda m: (m.order, m.path))
    lessons = LessonPage.objects.descendant_of(programme).order_by("path")
    if include_lesson_pk is None:
        lessons = lessons.live()
    else:
        lessons = lessons.filter(models.Q(live=True) | models.Q(pk=include_lesson_pk))
    lessons = lessons.only(
        "id", "path", "depth", "title", "slug", "url_path", "estimated_minutes", "completion_rule", "live"
    )
    by_module: dict[str, list[LessonPage]] = {module.path: [] for module in modules}
    for lesson in lessons:
        parent_path = lesson.path[: -Page.steplen]
        if parent_path in by_module:
            by_module[parent_path].append(lesson)
    for module in modules:
        module.outline_lessons = by_module[module.path]
        module.total_minutes = sum(lesson.estimated_minutes for lesson in module.outline_lessons)
    return modules
