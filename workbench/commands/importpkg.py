"""`workbench import PACKAGE.zip DEST [--target HOST]`: unpack a host's package zip into a new project folder.

Exit status: 0 imported, 1 refused (hostile, corrupt or unsupported zip), 2 bad usage (missing zip, non-empty DEST).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands.parser import print_error, shorten


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("package", metavar="PACKAGE.zip", help="a package zip of one of the hosts (a branding or plugin zip)")
    p.add_argument("dest", metavar="DEST", help="project folder to create (must be new or empty)")
    from workbench.registry import target_names
    p.add_argument("--target", choices=target_names(), help="read the zip as this host's package")


def run(args: argparse.Namespace) -> int:
    from workbench.core.packaging import ImportRefused, import_package

    try:
        exists = Path(args.package).exists()  # special files are the importer's to refuse, with what they are
    except OSError as exc:  # e.g. a name too long: the user's mistake, not a corrupt zip
        print_error("workbench import", f"{shorten(args.package, 120)}: {exc.strerror or exc}")
        return 2
    if not exists:
        print_error("workbench import", f"{shorten(args.package, 120)}: no such file")
        return 2
    try:
        from workbench.registry import import_layouts
        result = import_package(args.package, args.dest, import_layouts(), target=args.target)
    except ImportRefused as exc:
        print_error("workbench", f"import refused, nothing was written: {exc}")
        return 2 if exc.reason == "usage" else 1
    except OSError as exc:
        print_error("workbench", f"import failed, nothing was written: {exc}")
        return 2
    print(f"imported {result.layout} into {result.dest} ({len(result.files)} file(s))")
    for rel in result.created:
        print(f"  created {rel} (missing from the package)")
    for note in result.notes:
        print(f"  note: {note}")
    print(f"open it with: workbench {result.dest}")
    return 0
