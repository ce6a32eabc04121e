"""Load and validate scenario files. A broken file fails loudly, naming the file, the field and why."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from app.core.errors import (
    ScenarioError,
    ScenarioInvalid,
    UnknownScenario,
    field_path,
    first_error,
)
from app.core.scenarios.models import Scenario, ScenarioSummary
from app.core.text import Lexicon, Rule, UnknownConcept, stem, words
from app.core.yamlfile import parse

HERE = Path(__file__).parent
DATA_DIR = HERE / "data"
LEXICON_FILE = HERE / "lexicon.yaml"


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with its rules compiled against its lexicon."""

    scenario: Scenario
    lexicon: Lexicon
    fact_rules: dict[str, tuple[Rule, ...]]
    path: Path
    wrong_rules: dict[str, tuple[Rule, ...]] = dataclasses.field(default_factory=dict)
    """Per fact with `wrong` rules: what a statement that gets it wrong says."""

    @property
    def id(self) -> str:
        return self.scenario.id

    @cached_property
    def object_stems(self) -> frozenset[str]:
        """Stems of the words naming the problem's business objects (tweet, account): words
        every sentence of an interview about it may hold."""
        return frozenset(
            stem(w)
            for obj in self.scenario.requirements.objects
            for alias in (obj.name, *obj.aliases)
            for w in words(alias)
        )


def _read_yaml(path: Path) -> Any:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ScenarioError(f"{path.name}{where}: not valid YAML: {exc}") from None
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read: {exc.strerror}") from None


def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise ScenarioError(f"{path.name}: must map concept names to lists of words")
    return Lexicon({str(k): [str(e) for e in v] for k, v in raw.items()})


def load_scenario(path: Path, base: Lexicon) -> LoadedScenario:
    """Read, validate and compile one scenario file."""
    scenario, lexicon = _validated(path, base)
    return _compiled(scenario, lexicon, path)


def _validated(path: Path, base: Lexicon) -> tuple[Scenario, Lexicon]:
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise ScenarioError(f"{path.name}: top level must be a mapping of fields")
    extra = raw.pop("lexicon", None) or {}
    if not isinstance(extra, dict):
        raise ScenarioError(f"{path.name}: field 'lexicon': must map concept names to lists")
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        where, why = first_error(exc, top="(top level)")
        raise ScenarioError(f"{path.name}: field '{where}': {why}") from None
    if scenario.id != path.stem:
        raise ScenarioError(f"{path.name}: field 'id': '{scenario.id}' must match the file name")
    lexicon = base.merged({str(k): [str(e) for e in v] for k, v in extra.items()})
    return scenario, lexicon


def _compiled(scenario: Scenario, lexicon: Lexicon, path: Path) -> LoadedScenario:
    def compile_all(field: str, sources: list[str]) -> tuple[Rule, ...]:
        rules = []
        for i, source in enumerate(sources):
            try:
                rules.append(lexicon.compile(source))
            except (UnknownConcept, ValueError) as exc:
                raise ScenarioError(f"{path.name}: field '{field}[{i}]': {exc}") from None
        return tuple(rules)

    fact_rules = {f.id: compile_all(f"facts[{n}].ask", f.ask) for n, f in enumerate(scenario.facts)}
    wrong_rules = {
        f.id: compile_all(f"facts[{n}].wrong", f.wrong)
        for n, f in enumerate(scenario.facts)
        if f.wrong
    }
    for n, fu in enumerate(scenario.follow_ups):
        compile_all(f"follow_ups[{n}].mentions", fu.mentions)
        compile_all(f"follow_ups[{n}].missing", fu.missing)
    for n, tw in enumerate(scenario.twists):
        compile_all(f"twists[{n}].adapt", tw.adapt)
    return LoadedScenario(
        scenario=scenario,
        lexicon=lexicon,
        fact_rules=fact_rules,
        path=path,
        wrong_rules=wrong_rules,
    )


LIMITS = {"facts": 40, "follow_ups": 30, "twists": 10}
"""Most items of each list in a scenario given as data (the built-ins have at most 13 facts):
checking one plays every example against every fact, so its cost grows with the square."""
MAX_RULES = 20
"""Most rules in one `ask`, `mentions`, `missing` or `adapt` list, and examples per fact."""
MAX_RULE_CHARS = 2000
MAX_EXAMPLE_CHARS = 300
MAX_CONCEPTS = 100
MAX_CONCEPT_ENTRIES = 300


def _over_limits(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """What a document holds past the limits above, each named by its field."""
    problems: list[tuple[str, str]] = []

    def items(value: Any) -> list[Any]:
        return value if isinstance(value, list) else []

    def texts(field: str, value: Any, most: int, chars: int) -> None:
        if len(items(value)) > most:
            problems.append((field, f"at most {most} items, not {len(value)}"))
        for i, text in enumerate(items(value)):
            if isinstance(text, str) and len(text) > chars:
                problems.append((f"{field}[{i}]", f"at most {chars} characters, not {len(text)}"))

    for field, most in LIMITS.items():
        if len(items(raw.get(field))) > most:
            problems.append((field, f"at most {most} items, not {len(raw[field])}"))
    for n, fact in enumerate(items(raw.get("facts"))[: LIMITS["facts"]]):
        if isinstance(fact, dict):
            texts(f"facts[{n}].ask", fact.get("ask"), MAX_RULES, MAX_RULE_CHARS)
            texts(f"facts[{n}].examples", fact.get("examples"), MAX_RULES, MAX_EXAMPLE_CHARS)
            texts(f"facts[{n}].wrong", fact.get("wrong"), MAX_RULES, MAX_RULE_CHARS)
            texts(
                f"facts[{n}].wrong_examples",
                fact.get("wrong_examples"),
                MAX_RULES,
                MAX_EXAMPLE_CHARS,
            )
    for kind, fields in (("follow_ups", ("mentions", "missing")), ("twists", ("adapt",))):
        for n, item in enumerate(items(raw.get(kind))[: LIMITS[kind]]):
            for name in fields:
                if isinstance(item, dict):
                    texts(f"{kind}[{n}].{name}", item.get(name), MAX_RULES, MAX_RULE_CHARS)
    lexicon = raw.get("lexicon")
    if isinstance(lexicon, dict):
        if len(lexicon) > MAX_CONCEPTS:
            problems.append(("lexicon", f"at most {MAX_CONCEPTS} concepts, not {len(lexicon)}"))
        for name, entries in list(lexicon.items())[:MAX_CONCEPTS]:
            texts(f"lexicon.{name}", entries, MAX_CONCEPT_ENTRIES, MAX_EXAMPLE_CHARS)
    return problems


@cache
def base_lexicon() -> Lexicon:
    """The shared lexicon (lexicon.yaml), loaded once per process."""
    return load_lexicon()


def from_document(raw: Any, source: str, base: Lexicon | None = None) -> LoadedScenario:
    """Validate and compile a scenario given as data (a tenant's, sent to the API; a file an
    author checks): the same models and rules as the built-in files, but every problem at once,
    each naming its field ("facts[2].ask[0]: unknown concept '@foo'"): ScenarioInvalid. Its
    lists and rules are bounded (LIMITS...): the document may come from anyone with a key."""
    if not isinstance(raw, dict):
        raise ScenarioInvalid(source, [("(top level)", "must be a mapping of fields")])
    too_big = _over_limits(raw)
    if too_big:
        raise ScenarioInvalid(source, too_big)
    raw = dict(raw)
    extra = raw.pop("lexicon", None) or {}
    problems: list[tuple[str, str]] = []
    if not isinstance(extra, dict):
        problems.append(("lexicon", "must map concept names to lists of words"))
        extra = {}
    for name, entries in extra.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            problems.append((f"lexicon.{name}", "must be a list of words or phrases"))
    try:
        # Strict: a document sent as JSON means what it says ("yes" is not a boolean).
        scenario = Scenario.model_validate(raw, strict=True)
    except ValidationError as exc:
        problems += [(field_path(e["loc"]) or "(top level)", e["msg"]) for e in exc.errors()]
        raise ScenarioInvalid(source, problems) from None
    if problems:
        raise ScenarioInvalid(source, problems)
    try:
        lexicon = (base or base_lexicon()).merged(
            {str(k): [str(e) for e in v] for k, v in extra.items()}
        )
    except ValueError as exc:  # a concept that includes itself
        raise ScenarioInvalid(source, [("lexicon", str(exc))]) from None
    fields: list[tuple[str, list[str]]] = []
    for n, f in enumerate(scenario.facts):
        fields += [(f"facts[{n}].ask", f.ask), (f"facts[{n}].wrong", f.wrong)]
    for n, fu in enumerate(scenario.follow_ups):
        fields += [
            (f"follow_ups[{n}].mentions", fu.mentions),
            (f"follow_ups[{n}].missing", fu.missing),
        ]
    for n, tw in enumerate(scenario.twists):
        fields.append((f"twists[{n}].adapt", tw.adapt))
    for field, sources in fields:
        for i, rule in enumerate(sources):
            try:
                lexicon.compile(rule)
            except (UnknownConcept, ValueError) as exc:
                problems.append((f"{field}[{i}]", str(exc)))
    if problems:
        raise ScenarioInvalid(source, problems)
    return _compiled(scenario, lexicon, Path(source))


class Library:
    """Every scenario in a directory, validated; look them up by id.

    Files are read and validated at once; a scenario's rules are compiled when it is first
    used (stemming every rule of 12 scenarios took most of `sdi scenarios`' start-up), or all at
    once by `compile_all()`, which a server calls at start so a broken rule fails there."""

    def __init__(self, directory: Path = DATA_DIR, lexicon_file: Path = LEXICON_FILE):
        base = load_lexicon(lexicon_file)
        self._by_id: dict[str, tuple[Scenario, Lexicon, Path]] = {}
        self._loaded: dict[str, LoadedScenario] = {}
        for path in sorted(directory.glob("*.yaml")):
            scenario, lexicon = _validated(path, base)
            self._by_id[scenario.id] = (scenario, lexicon, path)

    def compile_all(self) -> Library:
        """Compile every scenario's rules now (a broken rule raises ScenarioError here)."""
        for scenario_id in self._by_id:
            self.get(scenario_id)
        return self

    def __contains__(self, scenario_id: object) -> bool:
        return scenario_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, scenario_id: str) -> LoadedScenario:
        loaded = self._loaded.get(scenario_id)
        if loaded is not None:
            return loaded
        try:
            scenario, lexicon, path = self._by_id[scenario_id]
        except KeyError:
            known = ", ".join(self._by_id)
            raise UnknownScenario(f"unknown scenario '{scenario_id}' (known: {known})") from None
        loaded = self._loaded[scenario_id] = _compiled(scenario, lexicon, path)
        return loaded

    def summaries(self) -> list[ScenarioSummary]:
        return [
            ScenarioSummary(id=s.id, title=s.title, statement=s.statement)
            for s, _, _ in self._by_id.values()
        ]


@cache
def default_library() -> Library:
    """The scenarios shipped with sdi, loaded once per process."""
    return Library()
