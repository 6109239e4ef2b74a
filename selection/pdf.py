"""PDF documents of the selection (WeasyPrint): the decision letter and the dossier bundle for the jury."""

from django.utils import timezone

from core.pdf import render_pdf


def decision_letter_pdf(*, application) -> bytes:
    return render_pdf(
        "selection/pdf/decision_letter.html",
        {"application": application, "decision": application.decision, "today": timezone.localdate()},
    )


def dossier_bundle_pdf(*, application, view) -> bytes:
    return render_pdf("selection/pdf/dossier.html", {"application": application, "view": view})


def decision_letters_bundle_pdf(*, selection_round, applications) -> bytes:
    """Every published letter of a round in one PDF, one letter per page, each dated from its publication."""
    return render_pdf("selection/pdf/letters_bundle.html", {"round": selection_round, "applications": applications})
