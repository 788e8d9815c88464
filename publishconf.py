"""Production settings: absolute URLs under SITEURL (set DIGEST_SITEURL to override)."""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("DIGEST_SITEURL", "https://pearl-river-digest.github.io")
DIGEST_ABSOLUTE_URL = SITEURL
DELETE_OUTPUT_DIRECTORY = True
