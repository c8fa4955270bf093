"""Shared by the command centre's tests: the language put back after each test (a Hindi
request leaves Hindi active in the thread)."""

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    translation.activate("en")
