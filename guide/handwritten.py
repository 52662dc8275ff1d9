"""What hand-written pages ask of the content: the macros they may call and their arguments.

hooks/macros.py registers exactly these macros; `check_pages` checks every call in docs/ the way
content is checked, so that a renamed source id still named in a page is a `path:line:col`
problem before any build, not a failure deep inside MkDocs.
"""

from pathlib import Path

import yaml
from jinja2 import Environment, TemplateSyntaxError, nodes

from guide.links import SERVES
from guide.outputs import PILLARS
from guide.problems import Problem

# Macros without arguments, each rendering guide/templates/<name>.md.jinja.
SNIPPETS = ("dimension_overview", "capability_list", "area_cards", "actions_background",
            "pillars", "plc_list", "factor_list", "references", "whats_new", "action_list",
            "reflection_cards", "assessment_list", "glossary")
# Macros without arguments that hooks/macros.py writes itself.
OWN = ("feedback_contact",)
# Macros with arguments: name -> (what each argument is, how many: "one" or "some").
WITH_ARGUMENTS = {"topic_list": ("pillar", "one"), "source_list": ("source", "some"),
                  "matrix": ("framework", "one")}
# The frameworks the matrix crosses the actions with: the kinds an action serves.
FRAMEWORKS = tuple(SERVES)


def labelled(html: str, note: str) -> str:
    """A hand-written page's text is the guide's own: after its title, a note says so, and the
    page is one block with data-origin="guide" (snippets of content inside carry their own)."""
    end = html.find("</h1>")
    if end < 0:
        return html
    end += len("</h1>")
    return (f'<div class="guide-handwritten" data-origin="guide">{html[:end]}\n'
            f'<p class="guide-origin__note">{note}</p>\n{html[end:]}</div>')


def check_pages(docs: Path, languages: list[str], sources) -> list[Problem]:
    """A problem for every macro call in docs/<lang>/ that would fail or show the wrong thing."""
    problems = []
    for lang in languages:
        for path in sorted((docs / lang).rglob("*.md")):
            problems += _check_page(path, f"docs/{lang}/{path.relative_to(docs / lang)}",
                                    set(sources))
    return problems


def _check_page(path: Path, shown: str, sources: set) -> list[Problem]:
    text = path.read_text("utf-8")
    if not _renders_macros(text):
        return []
    try:
        tree = Environment().parse(text)
    except TemplateSyntaxError as err:
        return [Problem(shown, err.lineno or 1, 1, f"the page's macros cannot be read: "
                        f"{err.message}")]
    problems = []
    for call in tree.find_all(nodes.Call):
        name = call.node.name if isinstance(call.node, nodes.Name) else None
        line = call.lineno
        col = text.splitlines()[line - 1].find(name or "") + 1 if name else 1
        for message in _call_problems(name, call, sources):
            problems.append(Problem(shown, line, max(col, 1), message))
    return problems


def _call_problems(name, call: nodes.Call, sources: set) -> list[str]:
    if name in SNIPPETS + OWN:
        return [] if not call.args and not call.kwargs else [f"`{name}()` takes no arguments"]
    if name not in WITH_ARGUMENTS:
        known = ", ".join(f"{n}()" for n in SNIPPETS + OWN + tuple(WITH_ARGUMENTS))
        return [f"`{name or 'this call'}` is not a macro of the guide (they are: {known})"]
    kind, count = WITH_ARGUMENTS[name]
    args = call.args
    if call.kwargs or not args or (count == "one" and len(args) != 1):
        wanted = f"one {kind} id" if count == "one" else f"one or more {kind} ids"
        return [f"`{name}()` takes {wanted} in quotes"]
    if not all(isinstance(a, nodes.Const) and isinstance(a.value, str) for a in args):
        return [f"the arguments of `{name}()` must be ids in quotes"]
    known = {"source": sources, "pillar": PILLARS, "framework": FRAMEWORKS}[kind]
    where = "content/sources.yaml" if kind == "source" else "the guide: " + ", ".join(known)
    return [f"`{name}()` names the {kind} `{a.value}`, which is not in {where}"
            for a in args if a.value not in known]


def _renders_macros(text: str) -> bool:
    """True if the page opts in to macros (`render_macros: true` in its front matter)."""
    if not text.startswith("---\n"):
        return False
    end = text.find("\n---", 4)
    try:
        meta = yaml.safe_load(text[4:end]) if end != -1 else None
    except yaml.YAMLError:
        return False
    return isinstance(meta, dict) and meta.get("render_macros") is True
