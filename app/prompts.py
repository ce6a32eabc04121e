"""The one loader for words: every template under `prompts/` renders through here.

Templates use Jinja2 with StrictUndefined, so a missing variable fails loudly instead of leaving
a hole in what the candidate reads.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

import prompts
from app.core.yamlfile import parse

PROMPTS_DIR = Path(prompts.__file__).parent


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PROMPTS_DIR),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["names"] = lambda objects: " and ".join(o.name + "s" for o in objects)
    return env


def render(template: str, **values: Any) -> str:
    """Render a template file under prompts/ (e.g. "interviewer/ask.j2")."""
    return environment().get_template(template).render(**values).strip()


@lru_cache(maxsize=1024)
def _compiled(source: str) -> Template:
    return environment().from_string(source)


def render_string(source: str, **values: Any) -> str:
    """Render a template held in a data file (e.g. rubric advice); whitespace is collapsed. A
    text with no template syntax in it is its own rendering (most rubric texts: no Jinja run)."""
    if "{" not in source:
        return " ".join(source.split())
    return " ".join(_compiled(source).render(**values).split())


@cache
def data(name: str) -> Any:
    """A YAML data file under prompts/ (e.g. "rubric.yaml")."""
    return parse((PROMPTS_DIR / name).read_text(encoding="utf-8"))


def preload() -> None:
    """Read every data file and template under prompts/ now, so nothing is read from disk later
    (LangGraph's dev server refuses blocking file reads on its event loop)."""
    for path in sorted(PROMPTS_DIR.rglob("*.yaml")):
        data(path.relative_to(PROMPTS_DIR).as_posix())
    for path in sorted(PROMPTS_DIR.rglob("*.j2")):
        environment().get_template(path.relative_to(PROMPTS_DIR).as_posix())
