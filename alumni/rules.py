"""Who may read the graduates' answers (django-rules; principles in cohorts/rules.py).

A graduate's individual answers are read by the coordinators of their programme only; anyone else sees them
aggregated, with small groups suppressed (the `figures` app)."""

import rules

from cohorts.rules import is_programme_coordinator

rules.add_perm("alumni.read_programme_answers", is_programme_coordinator)
