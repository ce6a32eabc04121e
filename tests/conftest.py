"""Shared fixtures: the scenario library and the labelled transcripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.scenarios.loader import Library, default_library
from app.transcript import Transcript, parse_transcript

DATA = Path(__file__).parent / "data"
TRANSCRIPTS = DATA / "transcripts"


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


def transcript_file(name: str) -> Path:
    return TRANSCRIPTS / f"{name}.json"


def load_labelled(name: str) -> Transcript:
    return parse_transcript(json.loads(transcript_file(name).read_text()))


def transcript_labels() -> dict[str, Any]:
    return yaml.safe_load((TRANSCRIPTS / "labels.yaml").read_text())
