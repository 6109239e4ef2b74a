"""The cockpit's message rule, found by the reminder engine (tasks.registry.discover)."""

from cockpit.services import MESSAGE_RULE

RULES = [MESSAGE_RULE]
