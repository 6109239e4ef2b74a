"""Who may edit a programme's référentiel: its coordinators.

This app sits below `cohorts`, so it reads the programme's coordinators group kept by cms, whose members are
exactly the coordinators of the programme's cohorts (cohorts keeps it in step, see
`cohorts/programme_coordinators.py`): read on each check, a coordinator removed from every cohort loses it.
"""

import rules


@rules.predicate
def is_referentiel_coordinator(user, programme) -> bool:
    if programme is None or not user.is_authenticated or not programme.coordinators_group_id:
        return False
    return user.groups.filter(pk=programme.coordinators_group_id).exists()


rules.add_perm("competencies.edit_referentiel", is_referentiel_coordinator)
