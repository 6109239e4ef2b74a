"""Settings for `python -m bench.scale`: the production settings, plus the bare-Django baseline view.

Everything production reads comes from the environment, set by bench.scale for the seeding process and for
gunicorn alike (a throwaway SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT off, REDIS_URL for the cache,
DATABASE_URL, STATIC_ROOT holding the collected static files).
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
