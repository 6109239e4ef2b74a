"""Who may change the reminders of a programme (django-rules).

The rules themselves are the platform's defaults, changed by administrators only (`tasks.edit_reminder_rules`,
declared with the catalogue in tasks/reminders.py). A programme's coordinators set their own programme's
values (`ProgrammeRuleSetting`): the object is the programme page.
"""

import rules

from cohorts.rules import is_programme_coordinator

rules.add_perm("tasks.edit_programme_reminders", is_programme_coordinator)
