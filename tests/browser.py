"""What every browser test shares: Debian's Chromium driven by Playwright against a live
server, the marks that skip (with the reason) where it is missing, and the fixture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")

BROWSER_MARKS = [
    pytest.mark.browser,
    # The live server reads committed data. (pytest-django runs transactional tests after the
    # others, so the flush at the end does not take the migrations' seeded rows from them.)
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A headless Chromium for one test."""
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still plain synchronous code, so Django's guard against async use is lifted here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()
        # While Playwright's loop runs, Django keys connections by that context: the test's
        # own queries opened one of their own. Close it, or PostgreSQL cannot drop the test
        # database at the end of the session.
        connections.close_all()


class Window:
    """One browser context and page at the live server, keeping every console error and page
    error (CSP violations are reported there) in `problems`; screenshots go to `artifacts`."""

    def __init__(self, context: Any, base: str, artifacts: Path) -> None:
        self.base = base
        self.artifacts = artifacts
        self.context = context
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(message.text)

    def go(self, path: str) -> Any:
        return self.page.goto(f"{self.base}{path}")

    def shot(self, name: str) -> None:
        self.artifacts.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(self.artifacts / f"{name}.png"), full_page=True)
