"""Settings for the benchmarks: the development settings, without debug, plus a bare-Django baseline view."""

from config.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Keep the measurement about the pages: no per-request password hashing, no brute-force bookkeeping.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
