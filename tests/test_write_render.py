"""The one escaping path (build_tools/write/render.py): templates autoescape, front matter is YAML-safe, and the
two values the theme prints unescaped are escaped once."""
import yaml

from build_tools.write.render import front_matter, render


def _data(text: str) -> dict:
    assert text.startswith("---\n") and text.endswith("---\n")
    return yaml.safe_load(text[4:-4])


def test_front_matter_escapes_title_and_description_only():
    data = _data(str(front_matter({"title": "<b>“A” & B</b>", "description": "x < y", "story_id": "<id>"})))
    assert data == {"title": "&lt;b&gt;“A” &amp; B&lt;/b&gt;", "description": "x &lt; y", "story_id": "<id>"}


def test_front_matter_keeps_yaml_specials_as_strings():
    values = ["yes", "null", ": x", "---", "#not a comment", "0123", "{{ x }}"]
    data = _data(str(front_matter({"tags": values, "story": {"place": {"zh": "no"}}})))
    assert data == {"tags": values, "story": {"place": {"zh": "no"}}}


def test_front_matter_keeps_the_key_order():
    assert list(_data(str(front_matter({"title": "t", "b": 1, "a": 2})))) == ["title", "b", "a"]


def test_templates_escape_source_text():
    text = render("year.md.j2", year={"label": "<script>alert(1)</script>", "url": "years/2021/", "count": 1},
                  stories=[])
    assert "<script>alert" not in text and "&lt;script&gt;" in text


def test_front_matter_written_by_libyaml_is_what_the_pure_python_dumper_writes():
    """Byte for byte, except that libyaml writes a character outside the Basic Multilingual Plane (an emoji) as a
    quoted escape (\\U0001F600): the same value when MkDocs reads it, so the same page."""
    import yaml
    from build_tools.write import render

    data = {"title": "yes", "description": "null", "x": ": x", "tags": ["工会", "---", "{{ a }}", "#1"],
            "long": "长" * 3000, "nested": {"a": [1, 2.5, None, True], "b": "line\nbreak", "c": "\u200b '\""},
            "empty": "", "date": "2024-05-01", "num": "00012", "story": {"id": "zjgr-1a2b3c", "lines": [3, 17]}}
    astral = {"title": "职工之家\U0001F600", "tags": ["\U0001F44D"]}

    def both(d):
        fast = render.front_matter(d)
        old, render._DUMPER = render._DUMPER, yaml.SafeDumper
        try:
            return fast, render.front_matter(d)
        finally:
            render._DUMPER = old

    fast, slow = both(data)
    assert fast == slow
    fast, slow = both(astral)
    assert yaml.safe_load(fast.strip("-\n")) == yaml.safe_load(slow.strip("-\n"))
    assert render._DUMPER is getattr(yaml, "CSafeDumper", yaml.SafeDumper)
