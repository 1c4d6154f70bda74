"""The desk from the command line (batch work and CI); see desk/README.md.

    python -m desk template OUT.xlsx [--lang ru|ky|en] [--source DOC]
    python -m desk register DOC.txt --title T --publisher P --year Y --language L [--id ID]
    python -m desk import WORKBOOK.xlsx --source DOC [--dry-run] [--lang ru]
    python -m desk publish --note TEXT [--who NAME]
    python -m desk rollback RELEASE [--who NAME]
    python -m desk releases
    python -m desk sync [--folder DIR]   (a replica's folder to the database's current release; server.py)
    python -m desk password          (prints the argon2 hash for [desk] users in secrets.toml)

`import` prints every problem (sheet, row, column, in plain words) and exits with status 1
when anything is wrong; nothing is saved then.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from i18n import _, set_language


def _who(args) -> str:
    return args.who or os.environ.get("RAPPORTEUR_DESK_USER") or getpass.getuser()


def _print_preview(result, lang: str) -> None:
    from desk.template import sheet_name

    for dataset in result.new:
        n, c, r = len(result.new[dataset]), len(result.changed[dataset]), len(result.removed[dataset])
        if n or c or r:
            print(_("{sheet}: {new} new, {changed} changed, {removed} removed", sheet=sheet_name(dataset, lang),
                    new=n, changed=c, removed=r))
    for dataset, mine, other in result.disagreements:
        print(_("{sheet}: new disagreement: {measure} {value} here, {other} in another source",
                sheet=sheet_name(dataset, lang), measure=mine.get("measure"), value=mine.get("value"),
                other=other.get("value")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk", description="The Rapporteur's data desk")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("template")
    p.add_argument("out")
    p.add_argument("--lang", default="ru", choices=("ru", "ky", "en"))
    p.add_argument("--source")
    p = sub.add_parser("register")
    p.add_argument("document")
    p.add_argument("--title", required=True)
    p.add_argument("--publisher", required=True)
    p.add_argument("--year", type=int)
    p.add_argument("--language", default="")
    p.add_argument("--id", dest="doc_id")
    p.add_argument("--who")
    p.add_argument("--lang", default="ru", choices=("ru", "ky", "en"))
    p = sub.add_parser("import")
    p.add_argument("workbook")
    p.add_argument("--source", required=True)
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--who")
    p.add_argument("--lang", default="ru", choices=("ru", "ky", "en"))
    p = sub.add_parser("publish")
    p.add_argument("--note", required=True)
    p.add_argument("--who")
    p = sub.add_parser("rollback")
    p.add_argument("release", type=int)
    p.add_argument("--who")
    sub.add_parser("releases")
    p = sub.add_parser("sync", help="bring a replica's release folder to the database's current release")
    p.add_argument("--folder")
    sub.add_parser("password", help="print the argon2 hash of a password read from standard input")
    args = parser.parse_args(argv)
    set_language(getattr(args, "lang", "en"))

    if args.command == "password":
        from desk.auth import hash_password

        password = getpass.getpass() if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
        print(hash_password(password))
        return 0

    from desk import store
    from desk.release import sync_current

    if args.command == "sync":
        print(sync_current(None, args.folder))
        return 0
    eng = store.ensure()
    if args.command == "template":
        from desk.template import build

        tables, _info = store.release_tables(eng)
        Path(args.out).write_bytes(build(args.lang, tables, args.source))
        print(_("template written to {path}", path=args.out))
        return 0
    if args.command == "register":
        from desk.documents import register

        doc_id, problems = register(eng, Path(args.document).read_bytes(), title=args.title,
                                    publisher=args.publisher, year=args.year, language=args.language,
                                    who=_who(args), doc_id=args.doc_id)
        for problem in problems:
            print(problem)
        if problems:
            return 1
        print(_("document registered as “{id}”", id=doc_id))
        return 0
    if args.command == "import":
        from desk import importer

        path = Path(args.workbook)
        raw = path.read_bytes() if path.is_file() else b""
        result = importer.check(eng, raw, args.source, args.lang)
        set_language(args.lang)
        for problem in result.problems:
            print(problem)
        if not result.ok:
            print(_("nothing was saved"))
            return 1
        _print_preview(result, args.lang)
        if args.dry_run:
            return 0
        number = importer.stage(eng, result, _who(args))
        print(_("import {n} is ready: publish it to make it public", n=number))
        return 0
    try:
        if args.command == "publish":
            from desk.importer import release_problems

            number = store.publish(eng, args.note, _who(args), check=release_problems)
        elif args.command == "rollback":
            number = store.rollback(eng, args.release, _who(args))
        else:
            for r in store.releases(eng):
                print(f"{r['number']}\t{r['created']}\t{r['who']}\t{r['note']}")
            return 0
    except store.DeskError as exc:
        print(exc)
        return 1
    sync_current()
    print(_("release {n} is public", n=number))
    return 0


if __name__ == "__main__":
    sys.exit(main())
