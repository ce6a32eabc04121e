"""A tenant's own scenarios over the real API: create, list, read, update, delete; isolation
between tenants; hidden facts kept from tokens and listings; interviews that play and grade on
them, each against the version it ran on; validation errors that name the field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import text

from app.core.scenarios.loader import HERE
from app.storage.database import make_engine, upgrade
from app.storage.store import Store
from tests.api_fixtures import API, Api, bearer, running_api

TEMPLATE = (HERE / "template.yaml").read_text(encoding="utf-8")
EXPIRY_QUESTION = "Do pastes expire?"


def document(scenario_id: str = "pastebin") -> dict[str, Any]:
    """The template `sdi scenarios new` prints, as data: a valid scenario with four facts."""
    return yaml.safe_load(TEMPLATE.replace("__ID__", scenario_id))  # type: ignore[no-any-return]


def fact(doc: dict[str, Any], fact_id: str) -> dict[str, Any]:
    return next(f for f in doc["facts"] if f["id"] == fact_id)


def post(api: Api, tenant: str | None, doc: Any, **kwargs: Any) -> Any:
    return api.client.post(f"{API}/scenarios", json=doc, headers=api.auth(tenant), **kwargs)


def put(api: Api, tenant: str | None, scenario_id: str, doc: Any) -> Any:
    return api.client.put(f"{API}/scenarios/{scenario_id}", json=doc, headers=api.auth(tenant))


def listed(api: Api, tenant: str | None) -> dict[str, Any]:
    r = api.client.get(f"{API}/scenarios", headers=api.auth(tenant))
    assert r.status_code == 200, r.text
    return {s["id"]: s for s in r.json()}


def revealed(api: Api, interview_id: str, question: str, headers: dict[str, str]) -> Any:
    r = api.say(interview_id, question, headers)
    assert r.status_code == 200, r.text
    return r.json()["reply"]


# --- CRUD and isolation ---------------------------------------------------------------------


def test_a_tenant_creates_lists_reads_updates_and_deletes_its_own(tenant_api: Api):
    doc = document()
    created = post(tenant_api, "acme", doc)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["id"], body["version"], body["warnings"]) == ("pastebin", 1, [])
    assert body["scenario"]["facts"][0]["answer"] == doc["facts"][0]["answer"]

    mine = listed(tenant_api, "acme")
    assert mine["pastebin"] == {
        "id": "pastebin",
        "title": doc["title"],
        "statement": doc["statement"],
        "version": 1,
    }
    assert mine["twitter"]["version"] is None  # the built-ins are listed too

    read = tenant_api.client.get(f"{API}/scenarios/pastebin", headers=tenant_api.auth("acme"))
    assert read.status_code == 200 and read.json()["scenario"] == body["scenario"]

    doc["title"] = "Design a pastebin, again"
    updated = put(tenant_api, "acme", "pastebin", doc)
    assert updated.status_code == 200, updated.text
    assert updated.json()["version"] == 2
    assert listed(tenant_api, "acme")["pastebin"]["title"] == "Design a pastebin, again"

    gone = tenant_api.client.delete(f"{API}/scenarios/pastebin", headers=tenant_api.auth("acme"))
    assert gone.status_code == 204
    assert "pastebin" not in listed(tenant_api, "acme")
    again = tenant_api.client.get(f"{API}/scenarios/pastebin", headers=tenant_api.auth("acme"))
    assert again.status_code == 404
    assert (
        tenant_api.client.delete(
            f"{API}/scenarios/pastebin", headers=tenant_api.auth("acme")
        ).status_code
        == 404
    )

    # The id is free again; its version numbers are never reused.
    recreated = post(tenant_api, "acme", doc)
    assert recreated.status_code == 201 and recreated.json()["version"] == 3


def test_other_tenants_never_see_a_tenants_scenario(tenant_api: Api):
    assert post(tenant_api, "acme", document()).status_code == 201
    client, globex = tenant_api.client, tenant_api.auth("globex")

    assert "pastebin" not in listed(tenant_api, "globex")
    assert client.get(f"{API}/scenarios/pastebin", headers=globex).status_code == 404
    assert put(tenant_api, "globex", "pastebin", document()).status_code == 404
    assert client.delete(f"{API}/scenarios/pastebin", headers=globex).status_code == 404
    start = client.post(f"{API}/interviews", json={"scenario_id": "pastebin"}, headers=globex)
    assert start.status_code == 404 and "pastebin" in start.text

    # Grading a transcript that names it: on acme's scenario for acme; for globex an unknown
    # scenario (refused by name, or a generic grade where the grader grades unknown ones).
    transcript = {
        "scenario_id": "pastebin",
        "messages": [
            {"role": "interviewer", "content": "Let's design a pastebin."},
            {"role": "candidate", "content": EXPIRY_QUESTION},
        ],
    }
    other = client.post(f"{API}/grade", json=transcript, headers=globex)
    assert "unknown scenario 'pastebin'" in other.text or other.json().get("generic") is True
    own = client.post(f"{API}/grade", json=transcript, headers=tenant_api.auth("acme")).json()
    assert own.get("generic") is not True and own["facts"]["uncovered"] == ["expiry"]

    # globex may have a scenario of the same id: its own, apart from acme's.
    theirs = document()
    theirs["title"] = "Globex's pastebin"
    assert post(tenant_api, "globex", theirs).status_code == 201
    assert listed(tenant_api, "globex")["pastebin"]["title"] == "Globex's pastebin"
    assert listed(tenant_api, "acme")["pastebin"]["title"] == "Design a pastebin"


def test_a_scenario_id_may_not_shadow_a_built_in(tenant_api: Api):
    clash = post(tenant_api, "acme", document("twitter"))
    assert clash.status_code == 409 and "built-in" in clash.json()["detail"]
    assert put(tenant_api, "acme", "twitter", document("twitter")).status_code == 409
    client, acme = tenant_api.client, tenant_api.auth("acme")
    assert client.get(f"{API}/scenarios/twitter", headers=acme).status_code == 404
    assert client.delete(f"{API}/scenarios/twitter", headers=acme).status_code == 404
    assert "twitter" in listed(tenant_api, "acme")  # still there
    assert post(tenant_api, "acme", document()).status_code == 201
    assert post(tenant_api, "acme", document()).status_code == 409  # already mine


# --- hidden facts ---------------------------------------------------------------------------


def test_a_token_cannot_reach_scenarios_nor_see_hidden_facts(tenant_api: Api):
    doc = document()
    assert post(tenant_api, "acme", doc).status_code == 201
    created = tenant_api.create("acme", scenario_id="pastebin")
    token = bearer(created["token"])
    client = tenant_api.client
    for method, path in [
        ("GET", ""),
        ("POST", ""),
        ("GET", "/pastebin"),
        ("PUT", "/pastebin"),
        ("DELETE", "/pastebin"),
    ]:
        body = {"json": doc} if method in ("POST", "PUT") else {}
        r = client.request(method, f"{API}/scenarios{path}", headers=token, **body)
        assert r.status_code == 403, (method, path, r.status_code)

    reply = revealed(tenant_api, created["id"], EXPIRY_QUESTION, token)
    assert reply["revealed"] == ["expiry"]
    seen = json.dumps(
        [
            client.get(f"{API}/interviews/{created['id']}/transcript", headers=token).json(),
            client.get(f"{API}/interviews/{created['id']}/notes", headers=token).json(),
            created,
        ]
    )
    assert fact(doc, "expiry")["answer"] in seen
    for hidden in ("paste_edits", "paste_rate", "paste_size"):
        assert fact(doc, hidden)["answer"] not in seen


def test_a_listing_never_shows_facts(tenant_api: Api):
    doc = document()
    assert post(tenant_api, "acme", doc).status_code == 201
    r = tenant_api.client.get(f"{API}/scenarios", headers=tenant_api.auth("acme"))
    assert all(set(s) == {"id", "title", "statement", "version"} for s in r.json())
    for f in doc["facts"]:
        assert f["answer"] not in r.text and f["topic"] not in r.text


# --- interviews on them ---------------------------------------------------------------------


def test_an_interview_on_a_tenant_scenario_plays_and_grades(tenant_api: Api):
    doc = document()
    assert post(tenant_api, "acme", doc).status_code == 201
    acme = tenant_api.auth("acme")
    created = tenant_api.create("acme", scenario_id="pastebin")
    assert created["messages"][0]["content"] == doc["statement"]
    reply = revealed(tenant_api, created["id"], EXPIRY_QUESTION, acme)
    assert reply["revealed"] == ["expiry"] and fact(doc, "expiry")["answer"] in reply["content"]
    hint = revealed(tenant_api, created["id"], "/hint", acme)
    assert hint["content"]
    state = tenant_api.client.get(f"{API}/interviews/{created['id']}", headers=acme).json()
    assert state["scenario_version"] == 1

    grade = tenant_api.client.post(f"{API}/interviews/{created['id']}/finish", headers=acme)
    assert grade.status_code == 200, grade.text
    graded = grade.json()
    assert graded["scenario_id"] == "pastebin" and graded["scenario_version"] == 1
    assert graded["facts"]["uncovered"] == ["expiry"]
    assert set(graded["facts"]["missed"]) == {"paste_edits", "paste_rate", "paste_size"}

    export = tenant_api.client.get(
        f"{API}/interviews/{created['id']}/export?format=json", headers=acme
    ).json()
    assert export["scenario_title"] == doc["title"]


def test_an_interview_is_graded_against_the_version_it_ran_on(tenant_api: Api):
    acme = tenant_api.auth("acme")
    v1 = document()
    assert post(tenant_api, "acme", v1).status_code == 201
    first = tenant_api.create("acme", scenario_id="pastebin")

    v2 = copy.deepcopy(v1)
    fact(v2, "expiry")["answer"] = "Pastes expire after exactly 30 days, no exceptions."
    v2["facts"].append(
        {
            "id": "syntax",
            "step": "requirements",
            "topic": "whether pastes get syntax highlighting",
            "answer": "Yes, for the twenty most common languages.",
            "ask": ["syntax|highlight|highlighting|language|languages"],
            "examples": ["Do we highlight syntax?"],
        }
    )
    assert put(tenant_api, "acme", "pastebin", v2).json()["version"] == 2
    second = tenant_api.create("acme", scenario_id="pastebin")

    old = revealed(tenant_api, first["id"], EXPIRY_QUESTION, acme)
    new = revealed(tenant_api, second["id"], EXPIRY_QUESTION, acme)
    assert fact(v1, "expiry")["answer"] in old["content"]
    assert fact(v2, "expiry")["answer"] in new["content"]

    graded = {}
    for name, created in (("first", first), ("second", second)):
        r = tenant_api.client.post(f"{API}/interviews/{created['id']}/finish", headers=acme)
        graded[name] = r.json()
    assert graded["first"]["scenario_version"] == 1
    assert "syntax" not in graded["first"]["facts"]["missed"]
    assert graded["second"]["scenario_version"] == 2
    assert "syntax" in graded["second"]["facts"]["missed"]


def test_a_deleted_scenario_keeps_its_interviews_gradable(tenant_api: Api):
    acme = tenant_api.auth("acme")
    doc = document()
    assert post(tenant_api, "acme", doc).status_code == 201
    created = tenant_api.create("acme", scenario_id="pastebin")
    client = tenant_api.client
    assert client.delete(f"{API}/scenarios/pastebin", headers=acme).status_code == 204

    refused = client.post(f"{API}/interviews", json={"scenario_id": "pastebin"}, headers=acme)
    assert refused.status_code == 404
    # The interview started before the delete goes on, and grades, on its version.
    assert revealed(tenant_api, created["id"], EXPIRY_QUESTION, acme)["revealed"] == ["expiry"]
    grade = client.post(f"{API}/interviews/{created['id']}/finish", headers=acme)
    assert grade.status_code == 200 and grade.json()["facts"]["uncovered"] == ["expiry"]
    export = client.get(f"{API}/interviews/{created['id']}/export?format=md", headers=acme)
    assert export.status_code == 200 and doc["title"] in export.text


def test_local_mode_is_one_tenant(local_api: Api):
    assert post(local_api, None, document()).status_code == 201
    assert listed(local_api, None)["pastebin"]["version"] == 1
    created = local_api.create(scenario_id="pastebin")
    assert revealed(local_api, created["id"], EXPIRY_QUESTION, {})["revealed"] == ["expiry"]
    r = local_api.client.post(f"{API}/interviews/{created['id']}/finish")
    assert r.status_code == 200 and r.json()["facts"]["uncovered"] == ["expiry"]


# --- bodies and validation (SQLite only: nothing here depends on the backend) ----------------


@pytest.fixture
def acme_api(tmp_path: Path):
    with running_api(tmp_path, tenants=("acme",), SDI_MAX_BODY_BYTES=200_000) as api:
        yield api


def problems(r: Any) -> dict[str, str]:
    assert r.status_code == 422, r.text
    return {p["field"]: p["msg"] for p in r.json()["detail"]}


def test_validation_errors_name_every_field(acme_api: Api):
    doc = document()
    fact(doc, "expiry")["ask"] = ["@foo expire"]
    doc["follow_ups"][0]["mentions"] = ["cache @nothing_like_it"]
    assert problems(post(acme_api, "acme", doc)) == {
        "facts[1].ask[0]": "unknown concept '@foo'",
        "follow_ups[0].mentions[0]": "unknown concept '@nothing_like_it'",
    }

    doc = document()
    doc["facts"][0]["step"] = "later"
    doc["facts"][2]["rules"] = ["x"]
    del doc["title"]
    doc["data_api_scale"]["paging"] = "yes"
    found = problems(post(acme_api, "acme", doc))
    assert set(found) == {"title", "facts[0].step", "facts[2].rules", "data_api_scale.paging"}
    assert "requirements" in found["facts[0].step"] and found["title"] == "Field required"

    doc = document()
    doc["facts"][1]["id"] = doc["facts"][0]["id"]
    assert (
        "duplicate facts id(s): paste_edits" in problems(post(acme_api, "acme", doc))["(top level)"]
    )
    assert problems(post(acme_api, "acme", ["not", "a", "mapping"])) == {
        "(top level)": "must be a mapping of fields"
    }
    assert post(acme_api, "acme", document()).status_code == 201
    assert problems(put(acme_api, "acme", "pastebin", document("other"))) == {
        "id": "'other' does not match the path's 'pastebin'"
    }
    # Nothing was stored by the refused writes.
    assert listed(acme_api, "acme")["pastebin"]["version"] == 1


def test_a_write_warns_of_examples_that_reveal_nothing(acme_api: Api):
    doc = document()
    fact(doc, "expiry")["examples"].append("What colour is the logo?")
    r = post(acme_api, "acme", doc)
    assert r.status_code == 201
    assert [w["field"] for w in r.json()["warnings"]] == ["facts[1].examples[2]"]


def test_yaml_and_json_bodies_store_the_same_scenario(acme_api: Api):
    acme = acme_api.auth("acme")
    as_yaml = acme_api.client.post(
        f"{API}/scenarios",
        content=TEMPLATE.replace("__ID__", "pastebin").encode(),
        headers={**acme, "Content-Type": "application/yaml"},
    )
    assert as_yaml.status_code == 201, as_yaml.text
    # The same document as JSON is no change: no new version.
    same = put(acme_api, "acme", "pastebin", document())
    assert same.status_code == 200 and same.json()["version"] == 1
    # PUT may leave the id out (the path names it), as YAML too.
    doc = document()
    del doc["id"]
    doc["title"] = "Pastebin v2"
    r = acme_api.client.put(
        f"{API}/scenarios/pastebin",
        content=yaml.safe_dump(doc).encode(),
        headers={**acme, "Content-Type": "application/x-yaml"},
    )
    assert r.status_code == 200 and r.json()["version"] == 2


def test_unreadable_bodies_are_named(acme_api: Api):
    acme = acme_api.auth("acme")

    def send(body: bytes, content_type: str) -> Any:
        return acme_api.client.post(
            f"{API}/scenarios", content=body, headers={**acme, "Content-Type": content_type}
        )

    bad_json = problems(send(b'{"id": "x",', "application/json"))
    assert bad_json["(body)"].startswith("not valid JSON (line 1")
    bad_yaml = problems(send(b"id: x\nfacts: [\n  - :", "application/yaml"))
    assert bad_yaml["(body)"].startswith("not valid YAML (line")
    wrong_type = send(b"id: x", "text/plain")
    assert wrong_type.status_code == 415 and "application/yaml" in wrong_type.json()["detail"]


def test_a_huge_body_is_refused_before_it_is_read(acme_api: Api):
    doc = document()
    fact(doc, "expiry")["answer"] = "x" * 300_000
    r = post(acme_api, "acme", doc)
    assert r.status_code == 413 and "SDI_MAX_BODY_BYTES" in r.json()["detail"]
    assert "pastebin" not in listed(acme_api, "acme")


# --- the schema ---------------------------------------------------------------------------


def test_migration_adds_the_table_and_keeps_interviews(tmp_path: Path):
    """0003 on a database with interviews: they keep running on built-ins (no version); it
    downgrades and upgrades again cleanly."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO interview (id, scenario_id, step, status, prompt_tokens, "
                "completion_tokens, created_at, updated_at) VALUES ('old1', 'twitter', "
                "'requirements', 'active', 0, 0, '2026-11-01 00:00:00', '2026-11-01 00:00:00')"
            )
        )
    assert upgrade(engine) == ("0002", "0003")
    interview = Store(engine).get("old1")
    assert interview is not None and interview.scenario_version is None
    from alembic import command

    from app.storage.database import _config

    with engine.begin() as conn:
        command.downgrade(_config(conn), "0002")
    with engine.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert "tenant_scenario" not in names
    assert upgrade(engine) == ("0002", "0003")


def test_writers_racing_for_a_version_each_get_their_own(database_url: str):
    """Eight updates at once: each stored as its own version, none lost, none refused."""
    from concurrent.futures import ThreadPoolExecutor

    from app.storage.database import open_engine
    from app.storage.scenarios import ScenarioRows

    rows = ScenarioRows(Store(open_engine(database_url)))
    assert rows.add("acme", "pastebin", '{"n": 0}', replace=False)[0] == "added"
    with ThreadPoolExecutor(8) as pool:
        done = list(
            pool.map(lambda n: rows.add("acme", "pastebin", f'{{"n": {n}}}', True), range(1, 9))
        )
    assert [outcome for outcome, _ in done] == ["added"] * 8
    assert sorted(row.version for _, row in done if row is not None) == list(range(2, 10))
    latest = rows.latest("acme", "pastebin")
    assert latest is not None and latest.version == 9
    rows.store.engine.dispose()


def test_sdi_transcripts_names_the_scenario_an_interview_ran_on(acme_api: Api):
    import os
    import subprocess
    import sys

    assert post(acme_api, "acme", document()).status_code == 201
    created = acme_api.create("acme", scenario_id="pastebin")
    env = {**os.environ, "DATABASE_URL": acme_api.url}
    shown = subprocess.run(
        [sys.executable, "-m", "app.cli", "transcripts", "show", created["id"]],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Design a pastebin (pastebin)")


def test_sdi_chat_offers_local_modes_own_scenarios(tmp_path: Path):
    import os
    import subprocess
    import sys

    with running_api(tmp_path) as api:
        assert post(api, None, document()).status_code == 201
        url = api.url
    chat = subprocess.run(
        [sys.executable, "-m", "app.cli", "chat"],
        input=f"pastebin\n{EXPIRY_QUESTION}\n/quit\n",
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert chat.returncode == 0, chat.stderr
    assert "Design a pastebin (pastebin)" in chat.stdout
    assert "A week by default" in chat.stdout


def test_the_schema_describes_the_scenario_routes(acme_api: Api):
    schema = acme_api.client.get("/openapi.json").json()
    create = schema["paths"][f"{API}/scenarios"]["post"]
    assert set(create["requestBody"]["content"]) == {"application/json", "application/yaml"}
    links = create["responses"]["201"]["links"]
    assert {link["operationId"] for link in links.values()} == {
        "get_scenario",
        "update_scenario",
        "delete_scenario",
    }
    for path, allow in (
        (f"{API}/scenarios", "GET, OPTIONS, POST"),
        (f"{API}/scenarios/pastebin", "DELETE, GET, OPTIONS, PUT"),
    ):
        r = acme_api.client.options(path)
        assert r.status_code == 204 and r.headers["allow"] == allow


def test_every_built_in_passes_the_checks_a_tenants_scenario_gets(library):
    """The same models, rules and limits: a built-in file sent as a tenant's would be taken."""
    from app.core.scenarios.checks import warnings
    from app.core.scenarios.loader import DATA_DIR, from_document
    from app.core.yamlfile import parse

    for scenario_id in library.ids():
        raw = parse((DATA_DIR / f"{scenario_id}.yaml").read_text(encoding="utf-8"))
        loaded = from_document(raw, scenario_id)
        assert loaded.scenario == library.get(scenario_id).scenario
        assert warnings(loaded) == [], scenario_id


def test_a_document_past_the_limits_is_refused_by_field(acme_api: Api):
    doc = document()
    doc["facts"] = [{**doc["facts"][0], "id": f"f{n}"} for n in range(41)]
    assert problems(post(acme_api, "acme", doc)) == {"facts": "at most 40 items, not 41"}
    doc = document()
    doc["facts"][1]["ask"] = ["expire|" * 400 + "ttl"]
    doc["facts"][1]["examples"] = ["Do pastes expire?"] * 21
    found = problems(post(acme_api, "acme", doc))
    assert found == {
        "facts[1].ask[0]": "at most 2000 characters, not 2803",
        "facts[1].examples": "at most 20 items, not 21",
    }


def test_versions_evicted_from_the_cache_load_again_from_the_store(tmp_path: Path, library):
    from app.service.scenarios import Scenarios
    from app.storage.database import open_engine

    scenarios = Scenarios(library, Store(open_engine(f"sqlite:///{tmp_path / 's.db'}")), 1)
    v1 = document()
    scenarios.create("acme", scenarios.prepare(v1))
    v2 = copy.deepcopy(v1)
    fact(v2, "expiry")["answer"] = "Thirty days."
    assert scenarios.update("acme", "pastebin", scenarios.prepare(v2, "pastebin")).version == 2
    for _ in range(2):  # a cache of one: every load below evicts the other version
        for version, doc in ((1, v1), (2, v2)):
            loaded = scenarios.load(Scenarios.key("pastebin", version, "acme"))
            assert loaded.scenario.fact("expiry").answer == fact(doc, "expiry")["answer"]
    assert scenarios.load("twitter") is library.get("twitter")
    scenarios.rows.store.engine.dispose()
