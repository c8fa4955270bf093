"""The desk's Playwright fixture, shared with the command centre's browser test."""

from tests.desk.test_browser import browser  # noqa: F401
