"""Who may do what with course pages, beyond Wagtail's own page permissions (django-rules).

Page rights come from each programme's authors and coordinators groups (`cms.services`); these predicates ask
Wagtail's permission tester, so that the admin and the platform's own screens give the same answer.
"""

from __future__ import annotations

import rules

from cms.models import ModulePage, ProgrammePage


@rules.predicate
def adds_to_programme(user, programme) -> bool:
    """May add modules to this programme (its coordinators and authors)."""
    if not isinstance(programme, ProgrammePage) or not user.is_authenticated or not user.is_active:
        return False
    return programme.permissions_for_user(user).can_add_subpage()


@rules.predicate
def edits_module(user, module) -> bool:
    if not isinstance(module, ModulePage) or not user.is_authenticated or not user.is_active:
        return False
    return module.permissions_for_user(user).can_edit()


# Start a module of this programme from another programme's shared module.
rules.add_perm("cms.copy_module_into", adds_to_programme)
# See which programmes started a module from this one: the people who edit it.
rules.add_perm("cms.see_module_copies", edits_module)
