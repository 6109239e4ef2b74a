"""Template tags of the final validation: `{% load final_validation %}{% validation_rows validation %}`.

The cohort's page shows, for each learner of the page, the three criteria with their explanation, a cell per block
of competencies and the jury's decision; written as template tags, a page of rows spent most of the request in
variable lookups and translations. The rows are written here in one pass instead: each label translated once for
the page, each value escaped (`html.escape`, as Django's `escape`), the jury's date formatted as the template's
`date` filter formats it (the active language).
"""

from html import escape

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cohorts.enums import EnrolmentStatus
from core.links import UrlPattern
from final_validation.enums import JuryOutcome

register = template.Library()


class _Labels:
    """The texts a row may show, translated and escaped once for the page."""

    def __init__(self):
        self.met = f"✓ {escape(_('Met'))}"
        self.unmet = f"○ {escape(_('To complete'))}"
        self.no_decision = escape(_("No decision yet"))
        self.attestation = escape(_("Attestation (PDF)"))
        self.change = escape(_("See or change"))
        self.record = escape(_("Record the decision"))
        self.statuses = {value: escape(str(label)) for value, label in EnrolmentStatus.choices}
        self.outcomes = {value: escape(str(label)) for value, label in JuryOutcome.choices}
        self.standings: dict[str, str] = {}
        self.juries: dict = {}
        self.attestation_url = UrlPattern("final_validation:attestation")

    def standing(self, eligibility) -> str:
        label = self.standings.get(eligibility.standing)
        if label is None:
            label = self.standings[eligibility.standing] = escape(eligibility.standing_label)
        return label

    def jury(self, date) -> str:
        text = self.juries.get(date)
        if text is None:
            text = self.juries[date] = escape(_("jury of %(date)s") % {"date": formats.date_format(date, "j F Y")})
        return text


def _criterion(criterion, labels: _Labels) -> str:
    css, mark = ("criterion-met", labels.met) if criterion.met else ("criterion-unmet", labels.unmet)
    return (
        f'<td><span class="criterion {css}"><span class="mark">{mark}</span>{escape(criterion.explanation)}</span></td>'
    )


def _block(item) -> str:
    short = item.short_text
    short = f'<br><span class="help">{escape(short)}</span>' if short else ""
    return (
        f'<td><span class="badge block-{escape(item.status)}">{escape(item.status_label)}</span>'
        f'<span class="visually-hidden"> — {escape(item.block.code)}</span>{short}</td>'
    )


def _decision(row, url: str, full_name: str, labels: _Labels) -> str:
    decision = row.decision
    if decision is None:
        text, action = f'<span class="help">{labels.no_decision}</span>', labels.record
    else:
        text = (
            f'<span class="badge outcome-{escape(decision.outcome)}">'
            f"{labels.outcomes.get(decision.outcome) or escape(decision.get_outcome_display())}</span><br>\n"
            f'<span class="help">{labels.jury(decision.jury_date)}</span>'
        )
        if row.attestation is not None:
            text += (
                f'\n<br><a href="{escape(labels.attestation_url(row.attestation.pk))}">{labels.attestation}'
                f'<span class="visually-hidden"> {full_name}</span></a>'
            )
        action = labels.change
    return (
        f"<td>\n{text}\n"
        f'<br><a class="button button-small" href="{url}">{action}'
        f'<span class="visually-hidden"> — {full_name}</span></a>\n</td>'
    )


def _row(row, labels: _Labels) -> str:
    learner, enrolment = row.learner, row.enrolment
    url = escape(row.url)
    status = ""
    if enrolment.status != EnrolmentStatus.ACTIVE:
        label = labels.statuses.get(enrolment.status) or escape(enrolment.get_status_display())
        status = f'\n<br><span class="help">{label}</span>'
    criteria = "".join(_criterion(criterion, labels) for criterion in row.eligibility.criteria)
    blocks = "".join(_block(item) for item in row.blocks)
    return (
        f'<tr>\n<th scope="row">\n<a href="{url}">{escape(learner.last_name)} {escape(learner.first_name)}</a><br>\n'
        f'<span class="badge standing standing-{escape(row.eligibility.standing)}">'
        f"{labels.standing(row.eligibility)}</span>{status}\n</th>\n"
        f"{criteria}\n{blocks}\n"
        f"{_decision(row, url, escape(learner.full_name), labels)}\n</tr>"
    )


@register.simple_tag
def validation_rows(rows):
    """The `<tr>` of each `final_validation.selectors.ValidationRow` of the page: the learner (a link to their
    decision page, their standing, the enrolment's status unless active), each criterion met or not with its
    explanation, a cell per block of competencies, and the jury's decision (with the attestation) or none yet."""
    labels = _Labels()
    return mark_safe("\n".join(_row(row, labels) for row in rows))  # every value in the rows is escaped above
