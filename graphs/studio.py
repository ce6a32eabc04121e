"""The interview graph compiled for LangGraph Studio / the LangGraph CLI (`langgraph dev`).

The platform supplies its own checkpointer; the runtime context defaults to the shipped scenarios
and the offline renderer. A thread's first run opens the interview (give `scenario_id` to choose
the problem; twitter otherwise) and answers `content` if there is any; each turn after it is
what a person types: {"content": "Can tweets be edited?"}.

Every file the graph reads (scenarios, lexicons, phrases, rubric, the diagram grammar) is read here, at import, so no
node blocks the server's event loop.
"""

from app.core.diagrams import warm as warm_diagrams
from app.core.grading.context import vocabulary
from app.core.scenarios.loader import default_library
from app.prompts import preload
from graphs.interview import build_graph

preload()
vocabulary()
default_library().compile_all()
warm_diagrams()

graph = build_graph().compile()
