"""Wagtail's page serving with the site kept in the cache, and the admin screens for sharing modules between
programmes ("Reprendre un module d'un autre DU").

Reached from the Wagtail admin (a menu item, and a button on each programme of the page listing); Wagtail's
admin access check wraps them (`register_admin_urls`). The picker lists only what the person may copy, the
confirmation page says what is copied and what is not, and the copy itself is `cms.services.module_copy`.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail import views as wagtail_views
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.models import LessonPage, ProgrammePage, site_for_request
from cms.selectors import copies_of_modules_in, programmes_editable_by, shareable_modules
from cms.services import SharingRefused, module_copy

TARGET_PARAM = "programme"


def serve(request, path):
    """Wagtail's `serve` (routing, its hooks, the page's own `serve`), with the site that answers the request and its
    root page read from the cache (`site_for_request`) instead of two queries on every page view."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site_for_request(request)
    return wagtail_views.serve(request, path)


def refused(request):
    """A plain 403 page ("you do not have access"): Wagtail turns a raised PermissionDenied into a redirect to the
    admin's home, which would hide the refusal from the person and from the permission checks."""
    return permission_denied(request, exception=None)


class SharedModulesView(WagtailAdminTemplateMixin, TemplateView):
    """Pick a programme to add to (when the person edits several), then a shared module; below, the modules of
    the person's programmes that other programmes reused."""

    template_name = "cms/admin/shared_modules.html"
    page_title = gettext_lazy("Reuse a module from another programme")
    header_icon = "copy"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        self.programmes = programmes_editable_by(user=request.user)
        if not self.programmes:
            return refused(request)
        wanted = request.GET.get(TARGET_PARAM, "")
        self.target = next((p for p in self.programmes if str(p.pk) == wanted), None)
        if self.target is None and len(self.programmes) == 1:
            self.target = self.programmes[0]
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "programmes": self.programmes,
                "target": self.target,
                "shared": shareable_modules(target=self.target) if self.target else [],
                "reused": copies_of_modules_in(programmes=self.programmes),
                "target_param": TARGET_PARAM,
            }
        )
        return context


def _lesson_summary(lesson: LessonPage) -> dict:
    blocks = list(lesson.body)
    return {
        "lesson": lesson,
        "quizzes": sum(1 for block in blocks if block.block_type == "quiz"),
        "content_note": bool(lesson.content_notes()),
        "files": sum(
            1
            for block in blocks
            if block.block_type == "document" or (block.block_type in ("video", "audio") and block.value.get("media"))
        ),
    }


class SharedModuleCopyView(WagtailAdminTemplateMixin, TemplateView):
    """The confirmation page: what will be copied into which programme, and what will not; POST copies."""

    template_name = "cms/admin/shared_module_copy.html"
    page_title = gettext_lazy("Confirm the copy")
    header_icon = "copy"

    def get_breadcrumbs_items(self):
        index = reverse("cms_sharing:index") + f"?{TARGET_PARAM}={self.programme.pk}"
        return [
            *self.breadcrumbs_items,
            {"url": index, "label": SharedModulesView.page_title},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, programme_id: int, module_id: int, **kwargs):
        self.programme = get_object_or_404(ProgrammePage, pk=programme_id)
        if not request.user.has_perm("cms.copy_module_into", self.programme):
            return refused(request)
        shared = {
            module.pk: (group.programme, module)
            for group in shareable_modules(target=self.programme)
            for module in group.modules
        }
        if module_id not in shared:
            raise Http404(_("This module is not shared with your programme."))
        self.source_programme, self.source = shared[module_id]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lessons = LessonPage.objects.live().child_of(self.source).order_by("path")
        context.update(
            {
                "programme": self.programme,
                "source": self.source,
                "source_programme": self.source_programme,
                "lessons": [_lesson_summary(lesson) for lesson in lessons],
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            copy = module_copy(source=self.source, programme=self.programme, by=request.user)
        except SharingRefused as refusal:
            messages.error(request, str(refusal))
            return self.render_to_response(self.get_context_data(), status=400)
        messages.success(
            request,
            _(
                "“%(module)s” is now a draft of “%(programme)s”. Adapt it to your programme, then publish it "
                "(or submit it for review)."
            )
            % {"module": copy.title, "programme": self.programme.title},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)
