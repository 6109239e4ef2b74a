from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learning records")

    def ready(self):
        from accounts.selectors import register_space_provider
        from lms.access import register_module_activity_probe
        from lms.records import module_activity_probe
        from lms.spaces import (
            coordinator_calendar_spaces,
            coordinator_progress_spaces,
            learner_course_spaces,
            learner_spaces,
        )

        register_space_provider(coordinator_calendar_spaces)
        register_space_provider(coordinator_progress_spaces)
        register_space_provider(learner_spaces)
        register_space_provider(learner_course_spaces)
        # Work already recorded keeps its module open, whatever the opening dates say.
        register_module_activity_probe(module_activity_probe)
        # The reminder engine's inactivity rule counts from the latest learning activity, not only the last login.
        from lms.reminders import last_learning_activity, register_rules
        from tasks.registry import register_activity_source

        register_activity_source("lms", last_learning_activity)
        register_rules()
        from lms.reminders import register_digest_sections

        register_digest_sections()
