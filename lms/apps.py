from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learning records")

    def ready(self):
        from accounts.selectors import register_space_provider
        from lms.spaces import coordinator_calendar_spaces, learner_course_spaces

        register_space_provider(coordinator_calendar_spaces)
        register_space_provider(learner_course_spaces)
