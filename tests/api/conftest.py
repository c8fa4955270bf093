from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    # The rate limit counts live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()
