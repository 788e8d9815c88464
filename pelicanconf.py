"""Pelican settings for development builds (`make site`, `make serve`). publishconf.py extends them."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `digest` importable from plugins

AUTHOR = "Digest editors"
SITENAME = "Pearl River Policy Digest"
DIGEST_SITENAMES = {"en": "Pearl River Policy Digest", "zh": "珠江政策摘要"}
SITEURL = ""  # root-relative links; served at http://localhost:8000
DIGEST_ABSOLUTE_URL = "http://localhost:8000"  # feeds, sitemap and JSON-LD need absolute URLs

PATH = "content"
THEME = "theme"
THEME_STATIC_DIR = "theme"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
DIGEST_FEED_ITEMS = 50  # newest entries in each feed
DIGEST_RELATED = 5  # related articles under each article (sharing its officials and industries)
# Where readers report an error: the address of the project's issue tracker. The repository's
# address is not recorded anywhere yet, so none is set; the about page then asks readers to open
# an issue in the project's repository, without a link. Set it (e.g. https://github.com/OWNER/REPO/issues).
DIGEST_REPORT_URL = None

# Parsed articles and page keys are cached here, so a rebuild renders only what changed.
CACHE_PATH = "cache"
LOAD_CONTENT_CACHE = True

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["digest_site"]

# Everything is written by the digest_site generator; switch off Pelican's own pages and feeds.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,  # one build per environment: no template mtime check on every page
}
