"""Pearl River Policy Digest: the library behind ingest, the Pelican plugins and the checks.

Most modules are plain functions that take data and return data. The file I/O sits in a few
named edges: reading content and data files (`site.files`, `vocab`), writing ingest's output
(`ingest.write`), the build's own files (`site.stamp`, `site.files`, `site.incremental`) and the checks of a built
site; the command-line tools in `scripts/` and the Pelican adapters in `plugins/` drive them.
"""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
SCHEMA_PATH = REPO_ROOT / "schema" / "front-matter.schema.json"
NOTE_SCHEMA_PATH = REPO_ROOT / "schema" / "edition-note.schema.json"
PAGE_SCHEMA_PATH = REPO_ROOT / "schema" / "page.schema.json"
NOISE_SCHEMA_PATH = REPO_ROOT / "schema" / "noise.schema.json"
TAXONOMIES_SCHEMA_PATH = REPO_ROOT / "schema" / "taxonomies.schema.json"
LANGUAGES_SCHEMA_PATH = REPO_ROOT / "schema" / "languages.schema.json"
TEMPLATES_DIR = REPO_ROOT / "templates"


def display_path(path: Path | str, cwd: Path | None = None) -> str:
    """A path as people type it and as error messages and front matter show it: relative to the
    working folder (or `cwd`) when inside it, POSIX slashes; as given otherwise."""
    path = Path(path)
    try:
        return path.resolve().relative_to((cwd or Path.cwd()).resolve()).as_posix()
    except ValueError:  # outside the folder, or on another drive
        return path.as_posix()
