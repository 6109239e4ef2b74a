"""Small helper for the French catalogues (source strings are English, French is the default UI).

  python scripts/po.py untranslated APP        list msgids with no French yet (APP: accounts, cms, ..., or "project")
  python scripts/po.py fill APP FILE.json      set msgstr from a {"msgid": "traduction"} JSON file, then compile
  python scripts/po.py update APP              run makemessages for APP (then fill, then it compiles)
  python scripts/po.py update-all              makemessages for every app and the project (`make messages`)

"project" is the root `locale/` (templates/ and config/); each app has its own `APP/locale/`.
"""

import json
import os
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def apps_with_catalogues() -> list[str]:
    catalogues = ROOT.glob("*/locale/fr/LC_MESSAGES/django.po")
    return sorted(path.parents[3].name for path in catalogues if path.parents[3] != ROOT)


def _translated(entry) -> bool:
    if entry.obsolete or entry.fuzzy:
        return False
    return bool(entry.msgstr) or bool(entry.msgid_plural and all(entry.msgstr_plural.values()))


def known_translations(apps: list[str]) -> dict:
    """Every translation the catalogues hold now, by (context, msgid, plural): Django merges the catalogues at run
    time, so a string may so far have been translated in another app's catalogue than the one that uses it."""
    known = {}
    for app in apps:
        for entry in polib.pofile(str(po_path(app))):
            if _translated(entry):
                known.setdefault((entry.msgctxt, entry.msgid, entry.msgid_plural), entry)
    return known


def fill_from(app: str, known: dict) -> int:
    """Give the app's untranslated entries the translation another catalogue held; returns how many."""
    po = polib.pofile(str(po_path(app)))
    filled = 0
    for entry in po:
        source = known.get((entry.msgctxt, entry.msgid, entry.msgid_plural))
        if source is None or _translated(entry):
            continue
        entry.msgstr, entry.msgstr_plural = source.msgstr, dict(source.msgstr_plural)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    return filled


def po_path(app: str) -> Path:
    base = ROOT / "locale" if app == "project" else ROOT / app / "locale"
    return base / "fr" / "LC_MESSAGES" / "django.po"


def _setup() -> None:
    """Django is set up from the project's root before moving into an app's folder: run from inside an app, a
    bare ``import demo`` or ``import rules`` would find the app's own `demo.py` or `rules.py`."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()


def update(app: str) -> None:
    from django.core.management import call_command

    options = {"locale": ["fr"], "no_wrap": True, "no_obsolete": True, "verbosity": 0}
    here = os.getcwd()
    try:
        if app == "project":
            os.chdir(ROOT)
            ignored = [f"{name}/*" for name in [*apps_with_catalogues(), ".venv", "tests", "bench", "var", "scripts"]]
            call_command("makemessages", ignore_patterns=ignored, **options)
        else:
            (ROOT / app / "locale").mkdir(exist_ok=True)
            os.chdir(ROOT / app)
            call_command("makemessages", **options)
    finally:
        os.chdir(here)


def compile_(app: str) -> None:
    po = polib.pofile(str(po_path(app)))
    po.save_as_mofile(str(po_path(app).with_suffix(".mo")))


def main(argv: list[str]) -> int:
    if argv[:1] == ["update-all"]:
        _setup()
        apps = [*apps_with_catalogues(), "project"]
        known = known_translations(apps)
        for app in apps:
            update(app)
            fill_from(app, known)
            compile_(app)
        return 0
    if len(argv) < 2:
        print(__doc__)
        return 2
    command, app = argv[0], argv[1]
    if command == "update":
        _setup()
        update(app)
        compile_(app)
    elif command == "untranslated":
        po = polib.pofile(str(po_path(app)))
        for entry in po:
            if entry.obsolete:
                continue
            if (not entry.msgstr and not (entry.msgid_plural and any(entry.msgstr_plural.values()))) or entry.fuzzy:
                print(json.dumps(entry.msgid, ensure_ascii=False))
    elif command == "fill":
        mapping = json.loads(Path(argv[2]).read_text())
        po = polib.pofile(str(po_path(app)))
        for entry in po:
            if entry.msgid in mapping:
                value = mapping[entry.msgid]
                if entry.msgid_plural:
                    singular, plural = value if isinstance(value, list) else (value, value)
                    # Django's French catalogue has three plural forms (0-1, millions, other).
                    entry.msgstr_plural = {0: singular, 1: plural, 2: plural}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        po.save()
        compile_(app)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
