"""Small helper for the French catalogues (source strings are English, French is the default UI).

  python scripts/po.py untranslated APP        list msgids with no French yet (APP: accounts, cms, ..., or "project")
  python scripts/po.py fill APP FILE.json      set msgstr from a {"msgid": "traduction"} JSON file, then compile
  python scripts/po.py update APP              run makemessages for APP (then fill, then it compiles)

"project" is the root `locale/` (templates/ and config/); each app has its own `APP/locale/`.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APPS = ["accounts", "cms", "cohorts", "lms", "internships", "tasks"]


def po_path(app: str) -> Path:
    base = ROOT / "locale" if app == "project" else ROOT / app / "locale"
    return base / "fr" / "LC_MESSAGES" / "django.po"


def update(app: str) -> None:
    manage = [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "fr", "--no-wrap", "--no-obsolete"]
    if app == "project":
        ignores = [f"--ignore={name}/*" for name in [*APPS, ".venv", "tests", "bench", "var"]]
        subprocess.run([*manage, *ignores], cwd=ROOT, check=True)
    else:
        (ROOT / app / "locale").mkdir(exist_ok=True)
        subprocess.run(manage, cwd=ROOT / app, check=True)


def compile_(app: str) -> None:
    po = polib.pofile(str(po_path(app)))
    po.save_as_mofile(str(po_path(app).with_suffix(".mo")))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    command, app = argv[0], argv[1]
    if command == "update":
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
