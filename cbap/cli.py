"""The `cbap` command: every management command, without `manage.py`.

`cbap serve`, `cbap migrate`, `cbap setup --demo`, `cbap plan export` ... all go through here.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cbap.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cbap", *sys.argv[1:]])


if __name__ == "__main__":
    main()
