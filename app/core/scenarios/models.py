"""The shape of a scenario file. Every field is validated on load; see `loader.py`.

A scenario is data: the problem statement, the hidden facts with what questions reveal them, the
content a good candidate produces at each step (used by the grader and by follow-ups), and a bank of
follow-up questions. Hidden facts are only ever read by the disclosure engine and the policy.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Step = Literal["requirements", "data_api_scale", "design"]
Priority = Literal["high", "medium", "low", "relaxed", "baseline", "special"]
DatabaseChoice = Literal["sql", "nosql", "either", "both"]
ReadWrite = Literal["read_heavy", "write_heavy", "balanced"]

_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_QUESTION_MARK = re.compile(r"\?(?:\s|$)")


def _one_question(value: str) -> str:
    """The interviewer asks one question a reply: a follow-up or a twist holds exactly one."""
    found = len(_QUESTION_MARK.findall(value))
    if found != 1:
        raise ValueError(f"must ask exactly one question (one '?'), found {found}")
    return value


class Strict(BaseModel):
    """Base for scenario models: a typo in a field name is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Fact(Strict):
    id: str
    step: Step
    topic: str = Field(description="value-free description, safe to show a model")
    answer: str = Field(description="the interviewer's words, with the value")
    ask: list[str] = Field(
        min_length=1,
        description="match rules: each rule is terms that must all appear in one question clause",
    )
    examples: list[str] = Field(
        min_length=1, description="questions that must reveal this fact (checked by the tests)"
    )
    wrong: list[str] = Field(
        default_factory=list,
        description='match rules for a statement that gets this fact wrong ("links expire after '
        'a year" when they live forever): once the fact is told, a clause matching one is '
        "corrected",
    )
    wrong_examples: list[str] = Field(
        default_factory=list,
        description="play-backs that get this fact wrong: each must be corrected once it is "
        "told (checked by the tests)",
    )

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must be lower-case letters, digits, '_' or '-'")
        return value


class BusinessObject(Strict):
    name: str
    aliases: list[str] = Field(min_length=1, description="words a candidate may use for it")


class NFR(Strict):
    priority: Priority
    reason: str


class NFRs(Strict):
    performance: NFR
    availability: NFR
    security: NFR
    consistency: NFR


class Requirements(Strict):
    objects: list[BusinessObject] = Field(min_length=1)
    relations: list[str] = Field(min_length=1)
    access_patterns: list[str] = Field(min_length=1)
    nfr: NFRs
    hot_path_terms: list[str] = Field(
        default_factory=list,
        description="words naming the frequent, synchronous, user-facing access pattern",
    )


class DataTypes(Strict):
    structured: list[str] = Field(min_length=1)
    blobs: list[str] = Field(default_factory=list, description="empty: nothing is a blob")


class DataApiScale(Strict):
    data_types: DataTypes
    endpoints: list[str] = Field(min_length=1)
    paging: bool = Field(default=True, description="false: no 'get all' endpoint to page")
    read_write: ReadWrite
    read_write_reason: str
    estimates: list[str] = Field(min_length=1)


class Design(Strict):
    database: DatabaseChoice
    database_reason: str
    hot_path: str | None = Field(
        default=None, description="how to optimise the read-heavy hot path; null: none"
    )
    cache: str | None = Field(default=None, description="where a cache is justified and why")
    elements: list[str] = Field(min_length=1)


class FollowUp(Strict):
    """A design follow-up, asked when the design mentions all of `mentions` and none of `missing`."""

    id: str
    question: str
    mentions: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    after_facts: list[str] = Field(
        default_factory=list,
        description="asked only once these facts are revealed (its words may use their values)",
    )

    @field_validator("question")
    @classmethod
    def _asks_once(cls, value: str) -> str:
        return _one_question(value)

    @model_validator(mode="after")
    def _has_trigger(self) -> FollowUp:
        if not self.mentions and not self.missing:
            raise ValueError("needs at least one of 'mentions' or 'missing'")
        return self


class Twist(Strict):
    """A changed constraint the interviewer introduces during design; `adapt` rules detect a reply
    that takes it into account."""

    id: str
    change: str
    adapt: list[str] = Field(min_length=1)
    after_facts: list[str] = Field(
        default_factory=list,
        description="introduced only once these facts are revealed (its words may use their values)",
    )

    @field_validator("change")
    @classmethod
    def _asks_once(cls, value: str) -> str:
        return _one_question(value)


class Scenario(Strict):
    id: str
    title: str
    statement: str
    users: str | None = Field(
        default=None,
        description='who uses the system, as the problem itself implies ("Riders who want a '
        'trip, and drivers who give them one."): said when the candidate asks who the users '
        "are. Public like the statement: it must give no fact away",
    )
    facts: list[Fact] = Field(min_length=1)
    requirements: Requirements
    data_api_scale: DataApiScale
    design: Design
    follow_ups: list[FollowUp] = Field(min_length=3)
    twists: list[Twist] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must be lower-case letters, digits, '_' or '-'")
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> Scenario:
        for kind, ids in (
            ("facts", [f.id for f in self.facts]),
            ("follow_ups", [f.id for f in self.follow_ups]),
            ("twists", [t.id for t in self.twists]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"duplicate {kind} id(s): {', '.join(dupes)}")
        fact_ids = {f.id for f in self.facts}
        items: list[FollowUp | Twist] = [*self.follow_ups, *self.twists]
        for item in items:
            unknown = sorted(set(item.after_facts) - fact_ids)
            if unknown:
                raise ValueError(f"'{item.id}': after_facts names unknown fact(s) {unknown}")
        return self

    def fact(self, fact_id: str) -> Fact:
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)

    def question_of(self, asked: str) -> str | None:
        """The words of the follow-up or twist `asked` (None: not one of this scenario's)."""
        for fu in self.follow_ups:
            if fu.id == asked:
                return fu.question
        for twist in self.twists:
            if twist.id == asked:
                return twist.change
        return None

    def facts_of(self, step: Step) -> list[Fact]:
        return [f for f in self.facts if f.step == step]

    @property
    def has_blobs(self) -> bool:
        return bool(self.data_api_scale.data_types.blobs)


class ScenarioSummary(Strict):
    """What anyone may see of a scenario: never a fact."""

    id: str
    title: str
    statement: str
