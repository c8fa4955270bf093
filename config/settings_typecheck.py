"""The settings as mypy's Django plugin loads them, and nothing else.

Type checking imports the settings module, which refuses to start without a secret key when
debug is off (Seva's default). The checker serves nothing, so it loads them in debug mode;
every value and type still comes from ``config/settings.py``, the one settings module.
"""

import os

os.environ["SEVA_DEBUG"] = "true"

from config.settings import *  # noqa: F403
