"""Reset a person's second factor (a lost or replaced phone)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from seva.directory.twofactor import two_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a person's authenticator and recovery codes: their sessions end, and their next "
        "sign-in sets up a new authenticator. (Unlock a locked-out account with "
        "axes_reset_username.)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the person's user name")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no person {username!r}")
        removed = two_factor_reset(user=user)
        self.stdout.write(
            f"{username}: second factor reset ({removed} device(s) removed); "
            "they set up a new authenticator at their next sign-in."
        )
