"""PDF documents of the selection (WeasyPrint): the decision letter and the dossier bundle for the jury."""

from django.template.loader import render_to_string
from django.utils import timezone


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def decision_letter_pdf(*, application) -> bytes:
    html = render_to_string(
        "selection/pdf/decision_letter.html",
        {"application": application, "decision": application.decision, "today": timezone.localdate()},
    )
    return _pdf(html)


def dossier_bundle_pdf(*, application, view) -> bytes:
    html = render_to_string("selection/pdf/dossier.html", {"application": application, "view": view})
    return _pdf(html)


def decision_letters_bundle_pdf(*, selection_round, applications) -> bytes:
    """Every published letter of a round in one PDF, one letter per page, each dated from its publication."""
    html = render_to_string(
        "selection/pdf/letters_bundle.html", {"round": selection_round, "applications": applications}
    )
    return _pdf(html)
