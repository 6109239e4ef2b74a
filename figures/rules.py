"""Who may read a programme's figures: the coordinators of its cohorts (django-rules; see cohorts/rules.py)."""

import rules

from cohorts.rules import is_programme_coordinator

rules.add_perm("figures.view_programme_figures", is_programme_coordinator)
