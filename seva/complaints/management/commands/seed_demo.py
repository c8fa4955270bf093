from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seva.complaints.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load UP, create one demo person per role and register sample complaints (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=300, help="sample complaints to create")
        parser.add_argument("--seed", type=int, default=2016, help="random seed for the samples")

    def handle(self, *args: Any, count: int, seed: int, **options: Any) -> None:
        report = seed_demo(count=count, seed=seed)
        if report.complaints_existing:
            self.stdout.write(f"{report.complaints_existing} complaints already here; none added.")
        else:
            self.stdout.write(f"Registered {report.complaints_created} sample complaints.")
        self.stdout.write(f"\nDemo people (password for all: {DEMO_PASSWORD}):")
        for username, role, where in report.people:
            self.stdout.write(f"  {username:<20} {role:<16} {where}")
        if not report.second_factors:
            return
        self.stdout.write(
            "\nSecond factor (demo only): add a key to any authenticator app (or run "
            "`oathtool --totp -b KEY` without the spaces),\n"
            "or type a recovery code; each code works once and the next seed_demo adds more."
        )
        for second in report.second_factors:
            codes = "  ".join(f"{code[:4]}-{code[4:]}" for code in second.recovery_codes)
            self.stdout.write(f"  {second.username:<20} key {second.key}")
            self.stdout.write(f"  {'':<20} recovery codes {codes}")
