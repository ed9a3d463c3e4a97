"""The package's layering, read from the imports of every module (ast), so that it stays true.

Stages run in the order ingest → attribute → translate → write; below them are the shared helpers, which import
no stage; above them pipeline.py orders the stages and cli.py calls the pipeline. A stage imports no later stage,
an earlier stage only where the table below says why, and a helper that lives below the stages only from there."""
import ast
from pathlib import Path

from build_tools.settings import PACKAGE

STAGES = ("ingest", "attribute", "translate", "write")
SHARED = ("articles", "records", "files", "chinese", "english", "reference", "errors", "settings", "data_files", "strict_yaml")
TOP = ("pipeline", "build_stamp", "cli", "site_checks", "site_build", "evaluation", "entity_evaluation")

# The imports of an earlier stage's modules a later stage may make, and why; everything else it needs from the
# earlier stages comes through the story records or the shared helpers.
ALLOWED_ACROSS = {
    ("translate.glossary", "attribute.people"): "people's names in pinyin, as attribution writes them",
    ("write.views", "translate.memory"): "the English of each part comes from the translation memory",
    ("write.pages", "translate.memory"): "the English of each part comes from the translation memory",
    ("write.stage", "translate.memory"): "the English of each part comes from the translation memory",
    ("write.search", "translate.glossary"): "the glossary's terms stay whole words in search",
    ("write.views", "translate.glossary"): "search finds a story by the glossary's English for its Chinese terms",
    ("write.dataset", "translate.sentences"): "each paragraph's memory segments are its sentences, as the memory splits",
    ("write.gist", "translate.sentences"): "a story's English gist is the English of its first sentence",
    ("write.explore", "attribute.entities"): "the kinds and roles of entities, as attribution names them",
}

# Helpers that live below the stages, by the module that defines them: imported from anywhere else, they are
# a stage reaching into another one's internals
HOMES = {"write_if_changed": "files", "to_simplified": "chinese", "load_gazetteer": "reference.gazetteer",
         "taxonomy": "reference.themes", "theme": "reference.themes", "story_url": "records",
         "story_record": "records", "catalog_records": "records", "StoryRecord": "records",
         "load_yaml": "data_files", "read_yaml": "data_files", "PROVINCE_WIDE": "reference.gazetteer",
         "UNPLACED": "reference.gazetteer"}


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module inside build_tools, names imported from it, line) for every import of the project's own modules."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("build_tools"):
            base = node.module.removeprefix("build_tools").lstrip(".")
            for alias in node.names:
                module = f"{base}.{alias.name}" if base else alias.name
                if module in modules():          # from build_tools.ingest import stage; from build_tools import x
                    out.append((module, [], node.lineno))
                else:
                    out.append((base, [alias.name], node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name.removeprefix("build_tools."), [], node.lineno) for a in node.names
                    if a.name.startswith("build_tools.")]
    return out


def layer(module: str) -> tuple[str, int]:
    top = module.split(".")[0]
    if top in STAGES:
        return "stage", STAGES.index(top)
    if top in SHARED:
        return "shared", -1
    if top in TOP or module == "":
        return "top", 99
    raise AssertionError(f"build_tools/{module}: not a stage, a shared helper or the pipeline; add it to a layer")


def test_every_module_has_a_layer():
    for name in modules():
        if name:
            layer(name)


def test_no_module_imports_a_later_stage_or_reaches_across():
    problems = []
    for name, path in modules().items():
        if not name:
            continue
        kind, order = layer(name)
        for target, names, line in imports(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}"
            t_kind, t_order = layer(target)
            if kind == "shared" and t_kind != "shared":
                problems.append(f"{where}: a shared helper imports no stage")
            elif kind == "stage" and t_kind == "top":
                problems.append(f"{where}: a stage does not call the pipeline")
            elif kind == "stage" and t_kind == "stage" and t_order > order:
                problems.append(f"{where}: {STAGES[order]} runs before {STAGES[t_order]}")
            elif kind == "stage" and t_kind == "stage" and t_order < order and (name, target) not in ALLOWED_ACROSS:
                problems.append(f"{where}: an earlier stage's internals (use a shared helper or the records, "
                                f"or say why in ALLOWED_ACROSS)")
            if target.endswith(".stage") and name != "pipeline" and not name.endswith(".stage"):
                problems.append(f"{where}: only the pipeline runs the stages")
            for imported in names:
                home = HOMES.get(imported)
                if home and target != home:
                    problems.append(f"{where}: {imported} lives in build_tools/{home.replace('.', '/')}")
    assert not problems, "\n".join(problems)


def test_project_modules_are_imported_at_the_top():
    """Local imports hide the dependency graph; they are kept for heavy optional libraries only."""
    local = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("build_tools"):
                        local.append(f"{path.relative_to(PACKAGE.parent)}:{inner.lineno}")
    assert not local, local


def test_the_checker_sees_a_violation(tmp_path):
    """The reader of imports is not vacuous: it finds the imports of a module written to break the rules."""
    sample = tmp_path / "sample.py"
    sample.write_text("from build_tools.write.pages import build_pages\nfrom build_tools.ingest import stage\n"
                      "import build_tools.translate.memory\n", encoding="utf-8")
    assert [(t, n) for t, n, _ in imports(sample)] == [("write.pages", ["build_pages"]), ("ingest.stage", []),
                                                       ("translate.memory", [])]


def test_every_allowed_crossing_is_still_made():
    """An exception nobody needs any more is removed from the table."""
    made = {(name, target) for name, path in modules().items() for target, _, _ in imports(path)}
    assert set(ALLOWED_ACROSS) <= made, set(ALLOWED_ACROSS) - made
