"""Template tags of the cohort dashboard: `{% load cockpit %}{% roster_rows board.rows %}`.

The roster shows seven columns and a cell per module for each learner of the page; written as template tags, a page
of rows took most of the request (tens of thousands of variable lookups and filters). The rows are written here in
one pass instead: each label translated once for the page, each value escaped (`html.escape`, as Django's `escape`),
numbers and dates formatted as the template's filters format them (`floatformat`, `date`, the active language).
"""

from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


class _Labels:
    """The texts a row may show, translated and escaped once for the page."""

    def __init__(self):
        self.no_news = escape(_("no news for two weeks"))
        self.hours_behind = escape(_("hours behind"))
        self.defer_or_withdraw = escape(_("Defer or withdraw"))
        self.done = escape(_("done"))
        self.not_open = escape(_("not open yet"))
        self.no_rate = escape(_("no rate yet"))
        self.no_placement = escape(_("no placement yet"))
        self.none_yet = escape(_("none yet"))


def _cell(number: int, cell, labels: _Labels) -> str:
    """One module of the strip: lessons completed out of its lessons, ✓ once done, a dash while not open."""
    if cell.is_done:
        css, state = "cell-done", f'✓<span class="visually-hidden"> {labels.done}</span>'
    elif not cell.is_open:
        css, state = (
            "cell-closed",
            f'<span aria-hidden="true">—</span><span class="visually-hidden">{labels.not_open}</span>',
        )
    else:
        css, state = ("" if cell.lessons_done else "cell-empty"), f"{cell.lessons_done}/{cell.lesson_total}"
    title = escape(cell.module.title)
    return (
        f'<li class="{css}" title="{title}"><span class="visually-hidden">{title} :</span>'
        f'<span class="module-number" aria-hidden="true">{number}</span> {state}</li>'
    )


def _attendance(summary, labels: _Labels) -> str:
    if summary.percent is None:
        return f'—<span class="visually-hidden"> {labels.no_rate}</span>'
    of = escape(_("%(a)s of %(c)s") % {"a": summary.attended, "c": summary.counted})
    return f'{summary.percent} %<br><span class="help">{of}</span>'


def _internship(row, labels: _Labels) -> str:
    placement = row.placement
    if placement is None:
        return f'<span class="badge">{labels.no_placement}</span>'
    hours = _("%(approved)s h of %(planned)s h approved") % {
        "approved": floatformat(placement.approved_hours, "-1"),
        "planned": placement.planned_hours,
    }
    return (
        f'<a href="{escape(row.urls["placement"])}">{escape(placement.host_name)}</a><br>'
        f'<span class="help">{escape(row.placement_status)}</span><br>{escape(hours)}'
    )


def _validation(row) -> str:
    url = escape(row.urls["validation"])
    if row.decision:
        jury = _("jury of %(date)s") % {"date": formats.date_format(row.decision.jury_date, "j M Y")}
        return (
            f'<a href="{url}">{escape(row.decision.get_outcome_display())}</a><br>'
            f'<span class="help">{escape(jury)}</span>'
        )
    standing = row.eligibility
    if not standing:
        return "—"
    text = f'<a href="{url}" class="standing standing-{standing.standing}">{escape(standing.standing_label)}</a>'
    if standing.unmet:
        left = ngettext("%(n)s criterion left", "%(n)s criteria left", len(standing.unmet)) % {"n": len(standing.unmet)}
        text += f'<br><span class="help">{escape(left)}</span>'
    return text


def _row(row, labels: _Labels) -> str:
    name = escape(row.learner.full_name or row.learner.email)
    badges = ""
    if row.inactive:
        badges += f'<br><span class="badge badge-warn">{labels.no_news}</span>'
    if row.hours_behind:
        badges += f'<br><span class="badge badge-warn">{labels.hours_behind}</span>'
    cells = "".join(_cell(number, cell, labels) for number, cell in enumerate(row.progress.cells, start=1))
    concerns = f"<strong>{row.open_concerns}</strong>" if row.open_concerns else "0"
    last = row.progress.last_activity_at
    last = formats.date_format(timezone.localtime(last), "j M Y") if last else labels.none_yet
    return (
        f'<tr><th scope="row"><a href="{escape(row.urls["learner"])}">{name}</a>{badges}'
        f'<br><a class="help" href="{escape(row.urls["enrolment"])}">{labels.defer_or_withdraw}'
        f'<span class="visually-hidden"> {name}</span></a></th>'
        f'<td><span class="overall">{row.progress.percent} %</span><ol class="module-strip">{cells}</ol></td>'
        f'<td class="rate">{_attendance(row.attendance, labels)}</td>'
        f"<td>{_internship(row, labels)}</td>"
        f"<td>{concerns}</td>"
        f"<td>{_validation(row)}</td>"
        f"<td>{last}</td></tr>"
    )


@register.simple_tag
def roster_rows(rows):
    """The `<tr>` of each `cockpit.selectors.CockpitRow` of the page: the learner (links to their page and to
    deferring or withdrawing them, badges "no news" and "hours behind"), the module strip, attendance, internship,
    open concerns, final validation (the jury's decision, else the standing) and last activity."""
    labels = _Labels()
    return mark_safe("\n".join(_row(row, labels) for row in rows))  # every value in the rows is escaped above
