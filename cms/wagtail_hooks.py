from django.templatetags.static import static
from django.urls import include, path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button, ListingButton

from cms import access, admin_urls
from cms.models import ProgrammePage
from cms.selectors import programmes_editable_by
from cms.services import programme_editorial_setup
from cms.views import TARGET_PARAM

SHARING_LABEL = _("Reuse a module from another programme")


@hooks.register("before_serve_document")
def documents_only_for_their_readers(document, request):
    """Documents and uploaded media are course content: served only to the people who may read it."""
    if access.can_read_document(request.user, document):
        return None
    reason = access.NOT_ENROLLED if request.user.is_authenticated else access.ANONYMOUS
    return access.refusal_response(request, programme=None, decision=access.AccessDecision(False, reason))


@hooks.register("after_create_page")
def programme_created_in_the_admin(request, page):
    """A programme created in the admin gets its authors and coordinators groups, collection and review at once."""
    if isinstance(page.specific_deferred, ProgrammePage):
        programme_editorial_setup(programme=page.specific_deferred)


@hooks.register("after_copy_page")
def programme_copied_in_the_admin(request, page, new_page):
    """A copied programme gets groups, a collection and a review of its own (the copy shares none of them)."""
    if isinstance(new_page.specific_deferred, ProgrammePage):
        programme_editorial_setup(programme=new_page.specific_deferred)


@hooks.register("insert_global_admin_js")
def date_choosers_without_inline_script():
    """Wagtail's date and time choosers, started from a file (the CSP refuses the widgets' inline scripts)."""
    return format_html('<script src="{}"></script>', static("cms/admin_choosers.js"))


@hooks.register("insert_editor_js")
def editor_labels():
    """Names the inputs of blocks placed directly in a StreamField or ListBlock (see the script)."""
    return format_html('<script src="{}" defer></script>', static("cms/js/editor-labels.js"))


@hooks.register("register_admin_urls")
def sharing_urls():
    return [path("modules-partages/", include(admin_urls, namespace="cms_sharing"))]


class SharingMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(programmes_editable_by(user=request.user))


@hooks.register("register_admin_menu_item")
def sharing_menu_item():
    """The coordinators and authors of a programme reach the shared modules from the admin's menu."""
    return SharingMenuItem(
        _("Shared modules"), reverse_lazy("cms_sharing:index"), icon_name="copy", name="shared-modules", order=260
    )


def _sharing_url(page, user) -> str | None:
    if page.specific_class is ProgrammePage and page.permissions_for_user(user).can_add_subpage():
        return reverse("cms_sharing:index") + f"?{TARGET_PARAM}={page.pk}"
    return None


@hooks.register("register_page_listing_buttons")
def sharing_button_on_programmes(page, user, next_url=None):
    """On each programme of the page listing its coordinators and authors may add to: start a module from another
    programme's module."""
    if url := _sharing_url(page, user):
        yield ListingButton(SHARING_LABEL, url=url, icon_name="copy", priority=60)


@hooks.register("register_page_header_buttons")
def sharing_button_on_a_programme(page, user, view_name, next_url=None):
    """The same action in the header of the programme's own pages (its listing of modules, its editor)."""
    if url := _sharing_url(page, user):
        yield Button(SHARING_LABEL, url=url, icon_name="copy", priority=16)
