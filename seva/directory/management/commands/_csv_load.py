"""Shared body of the load_units and load_handles commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seva.directory.loaders import LoadError, LoadReport


class CsvLoadCommand(BaseCommand):
    loader: Callable[..., LoadReport]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            report = type(self).loader(file, dry_run=dry_run)
        except LoadError as error:
            for line_error in error.errors:
                self.stderr.write(f"{file}: {line_error}")
            raise CommandError(f"{file}: refused, nothing was loaded") from error
        prefix = "dry run, nothing written: " if dry_run else ""
        self.stdout.write(f"{file}: {prefix}{report}")
