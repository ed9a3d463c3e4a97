"""The one place where text from sources becomes page text.

Templates are Jinja2 files in build_tools/templates with autoescaping on: every value from a source is HTML-escaped
once, here, whatever it contains (<script>, Markdown, {{ }}, ---). Story text is emitted inside HTML blocks, where
Markdown does not apply, so Markdown syntax in a source is shown literally. Front matter is written by
yaml.safe_dump, so a headline like `yes`, `null` or `: x` stays a string; the two front-matter values that the
theme outputs without escaping (title, description) are HTML-escaped here, once.
"""
from __future__ import annotations

import functools
import html

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from build_tools.settings import TEMPLATES
from build_tools.write.urls import rel
from build_tools.write.terms import mark_terms


# Front-matter values that MkDocs and Material put into pages without escaping them (their Jinja environment does
# not autoescape): the page title (header, <title>, search results) and the description (<meta>).
UNESCAPED_BY_THEME = ("title", "description")


def head_meta(tags: list[dict]) -> str:
    """A story's citation <meta> tags (citations.meta_tags) as the HTML the theme puts into <head> as it is
    (overrides/main.html), every value escaped here: one front-matter string instead of ~25 mappings, which MkDocs'
    pure-Python YAML loader would read one node at a time."""
    return "".join(f'\n  <meta {"property" if t["attr"] == "property" else "name"}="{escape(t["key"])}" '
                   f'content="{escape(t["value"])}">' for t in tags)


# libyaml's emitter where PyYAML has it (the same bytes as the pure-Python SafeDumper but for an emoji, which it escapes;
# the same values, in about 0.7× the time;
# tests/test_write_render.py compares the two)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(data: dict) -> Markup:
    data = {k: html.escape(v, quote=True) if k in UNESCAPED_BY_THEME and isinstance(v, str) else v
            for k, v in data.items()}
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return Markup("---\n" + text + "---\n")


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["front_matter"] = front_matter
    env.filters["rel"] = rel
    env.filters["head_meta"] = head_meta
    env.filters["glossary_terms"] = mark_terms           # story text with its glossary terms linked
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
