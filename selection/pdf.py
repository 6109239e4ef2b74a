"""PDF documents of the selection (WeasyPrint): the decision letter, the dossier bundle for the jury, and
the bundle of a round's letters."""

from django.utils import timezone

from core.pdf import render_pdf


def decision_letter_pdf(*, application) -> bytes:
    return render_pdf(
        "selection/pdf/decision_letter.html",
        {"application": application, "decision": application.decision, "today": timezone.localdate()},
    )


def dossier_bundle_pdf(*, application, view) -> bytes:
    return render_pdf("selection/pdf/dossier.html", {"application": application, "view": view})


# Every published letter of a round in one PDF, one letter per page, each dated from its publication: built in the
# background (selection/prepared_files.py).
LETTERS_BUNDLE_TEMPLATE = "selection/pdf/letters_bundle.html"
