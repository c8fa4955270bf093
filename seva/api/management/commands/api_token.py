from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from seva.api.models import ApiToken, TokenKind
from seva.api.tokens import api_token_issue, api_token_revoke
from seva.core.errors import SevaError


class Command(BaseCommand):
    help = "Issue (secret printed once), list or revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="issue a token and print its secret once")
        create.add_argument("--name", required=True, help="what the token is for")
        create.add_argument("--user", help="the person it acts as (person tokens)")
        create.add_argument(
            "--submitter", action="store_true", help="a key that only files complaints"
        )
        sub.add_parser("list", help="list tokens (never their secrets)")
        revoke = sub.add_parser("revoke", help="revoke a token by id")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        try:
            if verb == "create":
                self._create(options)
            elif verb == "list":
                for token in ApiToken.objects.select_related("user", "issued_by"):
                    state = "revoked" if token.revoked_at else "active"
                    who = token.user.get_username() if token.user else "-"
                    by = token.issued_by.get_username() if token.issued_by else "(command line)"
                    self.stdout.write(
                        f"{token.pk}\t{token.prefix}…\t{token.kind}\t{who}\t{state}\t"
                        f"{token.name}\tissued by {by}"
                    )
            else:
                # The server's command line: its operator holds the database (issuer: none).
                token = api_token_revoke(token_id=options["id"], actor=None)
                self.stdout.write(f"revoked {token.pk} ({token.name})")
        except SevaError as exc:
            raise CommandError(str(exc)) from exc

    def _create(self, options: dict[str, Any]) -> None:
        user = None
        kind = TokenKind.SUBMITTER if options["submitter"] else TokenKind.PERSON
        if kind == TokenKind.PERSON:
            if not options["user"]:
                raise CommandError("--user is required for a person token (or --submitter)")
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no person {options['user']!r}")
        # Recorded with no issuer: the server's command line, whose operator holds the database.
        issued = api_token_issue(name=options["name"], kind=kind, user=user, issued_by=None)
        # The secret alone on stdout, so scripts can capture it: TOKEN=$(manage.py api_token …)
        self.stdout.write(issued.secret)
        self.stderr.write(f"token {issued.token.pk} for {issued.token.name!r}: shown only once")
