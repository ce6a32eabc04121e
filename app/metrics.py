"""Prometheus metrics: turns, latencies, model tokens, websockets, errors, interviews.

One registry per process, exposed at `GET /metrics` (text exposition format). With several
replicas (or worker processes) each exposes its own counts and Prometheus scrapes every one; the
sums are taken in queries (`sum by (outcome) (rate(sdi_turns_total[5m]))`). The endpoint needs no
key: serve it on a private network only (the deploy/ proxy config refuses it from outside).

This module is a leaf: it knows metric names and labels, not the domain. Callers pass kinds as
strings (the API maps exceptions to kinds, the LLM renderer reports its own calls).
"""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_PLAIN_0_0_4,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector

REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)
GCCollector(registry=REGISTRY)

CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4

TURN_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
"""1 ms (an offline turn is a few ms) to 10 s (a long model reply)."""
MODEL_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)

TURNS = Counter(
    "sdi_turns",
    "Candidate turns by transport (rest, ws) and outcome (ok, or the error kind)",
    ["transport", "outcome"],
    registry=REGISTRY,
)
TURN_SECONDS = Histogram(
    "sdi_turn_duration_seconds",
    "Time from a candidate's message to the stored reply, by transport",
    ["transport"],
    buckets=TURN_BUCKETS,
    registry=REGISTRY,
)
MODEL_SECONDS = Histogram(
    "sdi_model_duration_seconds",
    "One streamed model call by the LLM renderer, by outcome (ok, fallback)",
    ["outcome"],
    buckets=MODEL_BUCKETS,
    registry=REGISTRY,
)
MODEL_TOKENS = Counter(
    "sdi_model_tokens",
    "Tokens the model reported using, by kind (prompt, completion)",
    ["kind"],
    registry=REGISTRY,
)
WEBSOCKETS = Gauge(
    "sdi_websockets_active",
    "Interview websockets open on this process",
    registry=REGISTRY,
)
ERRORS = Counter(
    "sdi_errors",
    "Errors answered to clients (and model fallbacks), by kind",
    ["kind"],
    registry=REGISTRY,
)
INTERVIEWS_STARTED = Counter(
    "sdi_interviews_started", "Interviews started over the API", registry=REGISTRY
)
INTERVIEWS_FINISHED = Counter(
    "sdi_interviews_finished", "Interviews finished (graded) over the API", registry=REGISTRY
)

STATUS_KINDS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "bad_request",
    408: "timeout",
    409: "conflict",
    413: "too_large",
    422: "validation",
    429: "rate_limited",
    503: "unavailable",
}


def status_kind(status: int) -> str:
    """The error kind of an HTTP status (any other 5xx is `internal`)."""
    return STATUS_KINDS.get(status, "internal" if status >= 500 else "bad_request")


def error(kind: str) -> None:
    ERRORS.labels(kind).inc()


def turn(transport: str, outcome: str, seconds: float) -> None:
    TURNS.labels(transport, outcome).inc()
    TURN_SECONDS.labels(transport).observe(seconds)


def model_call(seconds: float, usage: dict[str, int] | None, fallback: bool) -> None:
    """One LLM renderer call: its latency, the tokens it used, and a fallback as an error."""
    MODEL_SECONDS.labels("fallback" if fallback else "ok").observe(seconds)
    for kind in ("prompt", "completion"):
        count = (usage or {}).get(f"{kind}_tokens") or 0
        if count > 0:
            MODEL_TOKENS.labels(kind).inc(count)
    if fallback:
        error("model_fallback")


def exposition() -> bytes:
    """Every metric of this process in Prometheus' text format."""
    return generate_latest(REGISTRY)
