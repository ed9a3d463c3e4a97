"""MkDocs hook: the parts of a sharded site, the list of Pagefind bundles the search box merges, and a checked dirty
build. The code is in build_tools/site_build/hooks.py; without ARCHIVE_SITE_PART (a plain `mkdocs build`) it only
writes that list."""
from build_tools.site_build.hooks import on_config, on_env, on_files, on_post_build, on_startup  # noqa: F401
