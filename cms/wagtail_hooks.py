from wagtail import hooks

from cms import access


@hooks.register("before_serve_document")
def documents_only_for_their_readers(document, request):
    """Documents and uploaded media are course content: served only to the people who may read it."""
    if access.can_read_document(request.user, document):
        return None
    reason = access.NOT_ENROLLED if request.user.is_authenticated else access.ANONYMOUS
    return access.refusal_response(request, programme=None, decision=access.AccessDecision(False, reason))
