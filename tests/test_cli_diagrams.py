"""`sdi chat` says what it understood of a diagram: components, edges, and where one broke."""

import os
import subprocess
import sys

SDI = [sys.executable, "-m", "app.cli"]


def chat(tmp_path, *lines: str) -> str:
    result = subprocess.run(
        [*SDI, "chat", "--scenario", "twitter"],
        input="\n".join([*lines, "/quit"]) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}", "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_chat_prints_the_components_and_edges_of_an_arrow_chain(tmp_path):
    out = chat(tmp_path, "client -> load balancer -> api servers -> database")
    assert "Diagram (arrows): 4 components, 3 edges" in out
    assert "load balancer (load balancer)" in out and "database (database)" in out
    assert "client → load balancer" in out and "api servers → database" in out


def test_chat_prints_a_one_line_mermaid_diagram_and_where_it_broke(tmp_path):
    out = chat(tmp_path, "graph LR; A[API] -->|read often| C[(Cache)]; C -->")
    assert "Diagram (Mermaid): 2 components, 1 edges" in out
    assert "API → Cache (read often)" in out
    assert "line 1, column 51: expected a node after '-->'" in out
    # The message was answered: the interviewer names the problem and goes on.
    assert "expected a node after '-->'" in out.split("Interviewer")[-1]
