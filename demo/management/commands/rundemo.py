"""`make run`: migrate, seed the demo, then serve the site with a Celery worker and beat.

One foreground command; Ctrl-C stops all three cleanly.
"""

import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, LAST_SEEDED, ROLES, SECOND_FACTOR_HELP, DemoAccount, demo_email


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def served_url(host: str, port: int) -> str:
    """The address a browser opens for this server (a wildcard host is reached on the loopback)."""
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def demo_environment(host: str, port: int, environ: dict[str, str]) -> dict[str, str]:
    """The environment of the web server, the worker and beat.

    Every absolute link (e-mails, calendar feeds, the admin) points at the address served, unless SITE_URL
    is set. The demo runs with DEBUG off unless DEBUG is set, so that refusals show the product's own French
    403/404/500 pages, as in production (whitenoise serves the collected static files either way).
    """
    env = {**environ, "DJANGO_SETTINGS_MODULE": environ.get("DJANGO_SETTINGS_MODULE", "config.settings.dev")}
    env.setdefault("SITE_URL", served_url(host, port))
    env.setdefault("DEBUG", "False")
    # With DEBUG off Django checks the Host header: accept the address served (any, on a wildcard host).
    hosts = ["127.0.0.1", "localhost", "[::1]"]
    if host in ("0.0.0.0", "::", ""):
        hosts = ["*"]
    elif host not in hosts:
        hosts.append(host)
    env.setdefault("ALLOWED_HOSTS", ",".join(hosts))
    return env


class Command(BaseCommand):
    help = "Migrate, seed the demo and serve the site with a Celery worker and beat (Ctrl-C stops all)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--no-seed", action="store_true")

    def handle(self, *args, host, port, no_seed, **options):
        if not port_is_free(host, port):
            raise CommandError(
                f"Port {port} on {host} is already in use: stop the other server, or run `PORT=8001 make run`."
            )
        self.stdout.write(
            f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
            f"broker: {'Redis' if settings.REDIS_URL else 'embedded (filesystem, no server)'}"
        )
        env = demo_environment(host, port, dict(os.environ))
        # The seed below builds links too: they follow the same address.
        settings.SITE_URL = env["SITE_URL"]
        settings.WAGTAILADMIN_BASE_URL = env["SITE_URL"]
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not no_seed:
            call_command("seed_demo", quiet_accounts=True, stdout=self.stdout)

        python = sys.executable
        commands = {
            # --insecure: runserver's own static files view also answers with DEBUG off (whitenoise serves the
            # collected files first; this covers a file added since).
            "web": [python, "manage.py", "runserver", f"{host}:{port}", "--noreload", "--insecure"],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "tasks.celery",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "--without-gossip",
                "--without-mingle",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "tasks.celery",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                settings.CELERY_BEAT_SCHEDULE_FILENAME,
            ],
        }
        processes: dict[str, subprocess.Popen] = {}

        def _stop(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        try:
            for name, command in commands.items():
                processes[name] = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
            self._announce(host, port, env["SITE_URL"])
            while True:
                for name, process in processes.items():
                    if process.poll() is not None:
                        raise CommandError(f"The {name} process stopped (exit code {process.returncode}).")
                time.sleep(0.5)
        except KeyboardInterrupt:
            self.stdout.write("\nStopping the web server, the worker and beat...")
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 15
            for process in processes.values():
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    process.kill()
            self.stdout.write("Stopped.")

    def _announce(self, host: str, port: int, site_url: str) -> None:

        base = served_url(host, port)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"The platform is running at {base}/"))
        self.stdout.write(f"  Wagtail admin: {base}/admin/    Health: {base}/healthz    API docs: {base}/api/v1/docs/")
        self.stdout.write(f"  E-mails sent by the demo are written to {settings.SENT_EMAILS_DIR}/")
        if site_url.rstrip("/") != base:
            self.stdout.write(f"  Links in e-mails point at {site_url} (SITE_URL)")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        # Every account the seed made (the README lists the same ones), or the main roles with --no-seed.
        accounts = list(LAST_SEEDED) or [
            DemoAccount(role=label, email=demo_email(key), description=description)
            for key, _first, _last, label, description, _staff in ROLES
        ]
        width = max(len(account.role) for account in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.role.ljust(width)}  {account.email}")
        self.stdout.write(SECOND_FACTOR_HELP)
        self.stdout.write("Press Ctrl-C to stop.")
