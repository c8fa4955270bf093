from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

# The X double and its world, for the reply test (defined with the channel tests).
from tests.channels.conftest import double, x

__all__ = ["double", "x"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    # The rate limit counts live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()
