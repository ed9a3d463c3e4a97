"""Fixtures for the browser tests: the whole archive built into a temporary folder (the repository's docs/,
build/ and site/ are never touched), served on 127.0.0.1, and driven by Debian's headless Chromium.

Every page a test opens records every request it makes; a request to any host but the local server fails the
test at teardown, so "nothing leaves the site" is checked on every browser test, and so are script errors and
files the site asks for but does not have (HTTP 4xx/5xx)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from build_tools.pipeline import run_build
from build_tools.settings import DOCS, GENERATED_OUTPUTS, ROOT, SOURCES

HERE = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test (`pytest -m "not browser"` leaves them out)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# ---- the built site ----------------------------------------------------------------------------------------

def _hand_written(directory: str, names: list[str]) -> list[str]:
    """copytree's ignore: leave out the generated parts of docs/ (the build writes them afresh)."""
    here = Path(directory).resolve()
    generated = {(ROOT / path).resolve() for path in GENERATED_OUTPUTS}
    return [n for n in names if here / n in generated]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; tags such as !ENV read as None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def load_mkdocs_config(config_file: Path = ROOT / "mkdocs.yml") -> dict:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def _config_paths(config_file: Path) -> list[str]:
    """Folders and files outside docs/ that mkdocs.yml names by a relative path (theme overrides, hooks)."""
    config = load_mkdocs_config(config_file)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    named = [theme.get("custom_dir"), config.get("INHERIT"), *(config.get("hooks") or [])]
    return [n for n in named if isinstance(n, str) and not Path(n).is_absolute()]


def _mkdocs_build(tmp: Path, engine: str) -> Path:
    """`mkdocs build --strict` of the prepared copy in `tmp` with ARCHIVE_SEARCH=engine; returns its site."""
    site = tmp / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", ARCHIVE_SEARCH=engine,
               ARCHIVE_JIEBA_DICT=str(tmp / "build" / "jieba_user_dict.txt"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp / "mkdocs.yml"),
                             "-d", str(site)], cwd=tmp, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    assert (site / "index.html").is_file()
    return site


def _copy_missing(source_root: Path, dest_root: Path, names) -> None:
    """Copy each named file or folder from source_root to dest_root, unless it is there already."""
    for name in names:
        source, dest = source_root / name, dest_root / name
        if source.is_dir() and not dest.exists():
            shutil.copytree(source, dest)
        elif source.is_file() and not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)


@pytest.fixture(scope="session")
def _archive_copy(tmp_path_factory) -> Path:
    """The archive's inputs copied into a temporary folder and its Markdown pages written there (no site yet)."""
    tmp = tmp_path_factory.mktemp("archive")
    shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(DOCS, tmp / "docs", ignore=_hand_written)
    _copy_missing(ROOT, tmp, _config_paths(ROOT / "mkdocs.yml"))
    run_build(SOURCES, tmp / "build", tmp / "docs", record=False)
    return tmp


@pytest.fixture(scope="session")
def built_site(_archive_copy) -> Path:
    """The whole archive, built from sources/ and translations/ into a temporary folder; returns the site. The search
    engine is the one `make site` chooses (ARCHIVE_SEARCH=auto: Material's lunr search at this size)."""
    return _mkdocs_build(_archive_copy, "auto")


@pytest.fixture(scope="session")
def built_site_pagefind(_archive_copy, tmp_path_factory) -> Path:
    """The same archive built with Pagefind (ARCHIVE_SEARCH=pagefind), in its own temporary copy."""
    tmp = tmp_path_factory.mktemp("archive-pagefind")
    _copy_missing(_archive_copy, tmp, ["mkdocs.yml", "docs", "build", *_config_paths(ROOT / "mkdocs.yml")])
    return _mkdocs_build(tmp, "pagefind")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"                  # keep-alive: one connection serves a page and its assets

    def log_message(self, format, *args):          # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path, handler_class=None):
    """A folder served on 127.0.0.1 (a free port); yields the base URL, ending in '/'."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site served on 127.0.0.1 (a free port); yields the base URL, ending in '/'."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def pagefind_site_server(built_site_pagefind):
    """The Pagefind build served the same way."""
    with serve(built_site_pagefind) as url:
        yield url


# ---- the browser -------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make test-deps` (installs Debian's chromium), "
                    "or set CHROMIUM to a Chromium executable")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


class _Recorder:
    """Keeps every request URL of a browser context, and what went wrong: script errors, missing files."""

    def __init__(self, base_url: str):
        self.origin = urlsplit(base_url).netloc
        self.urls: list[str] = []
        self.problems: list[str] = []

    def request(self, request):
        self.urls.append(request.url)

    def response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def page_error(self, error):
        self.problems.append(f"script error: {error}")

    def watch(self, page):
        page.on("pageerror", self.page_error)

    def outside(self) -> list[str]:
        return [u for u in self.urls
                if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).netloc != self.origin]


def _open_page(browser, site_server, viewport: dict, **options):
    recorder = _Recorder(site_server)
    context = browser.new_context(viewport=viewport, base_url=site_server, locale="en-GB", **options)
    context.set_default_timeout(10_000)
    context.on("request", recorder.request)
    context.on("response", recorder.response)
    context.on("page", recorder.watch)
    page = context.new_page()
    return context, page, recorder


def _close_checking(context, recorder):
    context.close()
    outside = recorder.outside()
    if outside:
        pytest.fail("requests left the site:\n" + "\n".join(sorted(set(outside))))
    if recorder.problems:
        pytest.fail("the site misbehaved in the browser:\n" + "\n".join(recorder.problems))


@pytest.fixture
def page(browser, site_server):
    """A fresh desktop-width page (1280×900); relative URLs in goto() are resolved against the site."""
    context, page, recorder = _open_page(browser, site_server, DESKTOP)
    yield page
    _close_checking(context, recorder)


@pytest.fixture
def phone_page(browser, site_server):
    """A fresh phone-width page (390×844, touch) with the same checks. (Layout is in CSS pixels; a scale factor
    of 1 keeps the screenshots quick.)"""
    context, page, recorder = _open_page(browser, site_server, PHONE, is_mobile=True, has_touch=True)
    yield page
    _close_checking(context, recorder)


def screenshot(page, name: str) -> Path:
    """Saves a full-page PNG under test-artifacts/screenshots/ for a human to review."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")   # transitions finished
    return path
