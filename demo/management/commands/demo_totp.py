"""Print the code the demo staff's authenticator app would show now (accounts.demo.DEMO_TOTP_SECRET)."""

import time

from allauth.mfa import app_settings
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_TOTP_SECRET, demo_totp_code


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo staff accounts (demo secret only)."

    def handle(self, *args, **options):
        seconds_left = app_settings.TOTP_PERIOD - int(time.time()) % app_settings.TOTP_PERIOD
        self.stdout.write(demo_totp_code())
        self.stdout.write(
            self.style.NOTICE(f"(valid for about {seconds_left} more seconds; demo secret {DEMO_TOTP_SECRET})"),
            ending="\n",
        )
