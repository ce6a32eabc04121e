"""The interview graph compiled for LangGraph Studio / the LangGraph CLI (`langgraph dev`).

The platform supplies its own checkpointer; the runtime context defaults to the shipped scenarios
and the offline renderer. Input to start: {"interview_id": "...", "scenario_id": "twitter"};
then each turn: {"inbox": {"content": "...", "seq": N}}.
"""

from graphs.interview import build_graph

graph = build_graph().compile()
