"""`python -m bench [NAME] [OPTIONS]`: the scale benchmark by default (`make bench`), or another one by name.

python -m bench                      # the scale benchmark (bench.scale), writes docs/benchmarks.md
python -m bench scale --no-write     # the same, printing the table only
python -m bench progress|cohort|reminders [OPTIONS]
"""

import importlib
import sys

BENCHMARKS = ("scale", "progress", "cohort", "reminders")


def main(argv: list[str]) -> int:
    name, rest = ("scale", argv)
    if argv and argv[0] in BENCHMARKS:
        name, rest = argv[0], argv[1:]
    elif argv and not argv[0].startswith("-"):
        print(f"Unknown benchmark {argv[0]!r}; choose one of: {', '.join(BENCHMARKS)}.", file=sys.stderr)
        return 2
    # Each benchmark parses sys.argv itself, as when run as `python -m bench.<name>`.
    sys.argv = [f"bench.{name}", *rest]
    return importlib.import_module(f"bench.{name}").main() or 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
