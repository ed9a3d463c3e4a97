"""The README stays true to the code."""
from build_tools.ingest.sidecar import CORRECTION_ROLES, OVERRIDE_KEYS, SCHEMA
from build_tools.settings import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    head = README[:400]
    assert "make site" in head and "make test" in head


def test_readme_documents_every_sidecar_key_role_and_override():
    for key in SCHEMA:
        assert f"| `{key}` |" in README, key
    for role in CORRECTION_ROLES:
        assert f"`{role}`" in README, role
    for key in OVERRIDE_KEYS:
        assert key in README.split("| `overrides` |")[1].split("\n")[0], key
