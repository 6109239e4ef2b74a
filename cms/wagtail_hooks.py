from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from cms import access
from cms.models import ProgrammePage
from cms.services import programme_editorial_setup


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
