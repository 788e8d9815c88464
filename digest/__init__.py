"""Pearl River Policy Digest: the library behind ingest, the Pelican plugins and the checks.

Plain functions that take data and return data; command-line tools in `scripts/` and the
Pelican adapters in `plugins/` do the I/O.
"""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
SCHEMA_PATH = REPO_ROOT / "schema" / "front-matter.schema.json"
NOTE_SCHEMA_PATH = REPO_ROOT / "schema" / "edition-note.schema.json"
PAGE_SCHEMA_PATH = REPO_ROOT / "schema" / "page.schema.json"
TEMPLATES_DIR = REPO_ROOT / "templates"
