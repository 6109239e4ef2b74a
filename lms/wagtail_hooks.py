from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cohorts.selectors import cohorts_coordinated_by


class CoordinatorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return cohorts_coordinated_by(user=request.user).exists()


@hooks.register("register_admin_menu_item")
def module_calendar_menu_item():
    """Coordinators reach their cohorts' module calendar from the Wagtail admin too."""
    return CoordinatorsOnlyMenuItem(
        _("Module calendar"), reverse_lazy("lms:calendars"), icon_name="date", name="module-calendar", order=250
    )
