"""Diagrams in a candidate's message: Mermaid flowcharts and arrow chains, read into a graph.

What is read (the small grammar sdi documents):

- a fenced block ```` ```mermaid ```` (or a fence without a language, or lines outside a fence,
  whose first line is `graph TD` / `flowchart LR`...): a Mermaid flowchart. The first line
  names the direction (`graph`/`flowchart` and TD, TB, BT, RL or LR). Each other line holds
  statements separated by `;`: a chain of nodes joined by links (`diagram.lark` has the
  grammar: shapes `[box]`, `[(cylinder)]`, `((circle))`..., links `-->`, `---`, `-.->`, `==>`,
  labels `-->|label|` or `-- label -->`, groups `A & B --> C`), `subgraph ID [title]` ...
  `end`, and `direction`. `classDef`, `class`, `style`, `linkStyle`, `click` and `%%`
  comments are skipped. Other diagram types (`sequenceDiagram`...) are named as not read.
- arrow chains in prose, one per line: `client -> load balancer -> api servers -> db` (arrows
  `->`, `-->`, `=>`, `→`); a lead-in ending in a colon ("Flow: ...") is dropped, a note in
  parentheses stays with its node (`cache (read often)`). Each part is a short name (at most
  five words, no code: no `_`, `=`, `/`, braces); a line with anything else is prose with an
  arrow in it ("1k writes/min -> 1 GB/min", "user_id -> tweets") and not a diagram.
  Consecutive chain lines make one diagram.

A block that does not parse keeps its source and carries `errors` (line within the diagram,
column, what was expected), so the interviewer can say what to fix while the message is stored
and answered as usual.

`prose` phrases a diagram's edges as plain sentences ("LB in front of API servers spreads
requests across several instances"), so the rule-based grader reads a drawn design like a
written one; `follow_up` finds one thing in the graph worth asking about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from app.core.text import Sentence, tokens

if TYPE_CHECKING:
    from lark import Lark

GRAMMAR_FILE = Path(__file__).with_name("diagram.lark")

Kind = Literal["mermaid", "arrows"]
Role = Literal[
    "client", "load_balancer", "cache", "blob_store", "queue", "database", "service", "other"
]


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    note: str = ""
    """Text in parentheses after a chain's name ("cache (read often)")."""

    @property
    def name(self) -> str:
        return f"{self.label} ({self.note})" if self.note else self.label


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    label: str = ""
    line: int = 1
    """Line of the diagram the edge is on (1 = the diagram's first line)."""
    directed: bool = True


@dataclass(frozen=True)
class Subgraph:
    id: str
    title: str
    nodes: tuple[str, ...]
    line: int = 1


@dataclass(frozen=True)
class DiagramError:
    line: int
    """Line within the diagram (1 = its first line: `graph TD` for Mermaid)."""
    column: int
    expected: str
    """What the reader expected there, in words."""
    text: str
    """The offending line."""

    @property
    def message(self) -> str:
        return f"line {self.line}, column {self.column}: {self.expected}"


@dataclass(frozen=True)
class Diagram:
    source: str
    kind: Kind
    start: int
    """Offset of the source in the message."""
    end: int
    direction: str = ""
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    subgraphs: tuple[Subgraph, ...] = ()
    errors: tuple[DiagramError, ...] = ()
    chart: str = "flowchart"
    """The Mermaid diagram type; only flowcharts (and arrow chains) are read into a graph."""
    line_starts: tuple[int, ...] = field(default=(), repr=False)
    """Offset in the message of each line of the source."""
    block: tuple[int, int] = (0, 0)
    """Offsets of the whole block in the message, its fences included."""

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The parsed graph as plain data (exports, the API, the terminal)."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "source": self.source,
            "nodes": [
                {
                    "id": n.id,
                    "label": n.label,
                    "role": role(n),
                    **({"note": n.note} if n.note else {}),
                }
                for n in self.nodes
            ],
            "edges": [
                {"from": e.src, "to": e.dst, "label": e.label, "line": e.line} for e in self.edges
            ],
            "subgraphs": [
                {"id": s.id, "title": s.title, "nodes": list(s.nodes)} for s in self.subgraphs
            ],
            "errors": [
                {"line": e.line, "column": e.column, "expected": e.expected} for e in self.errors
            ],
        }
        if self.direction:
            out["direction"] = self.direction
        if self.chart != "flowchart":
            out["chart"] = self.chart
        return out


# --- finding diagrams in a message ---------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(```+|~~~+)[ \t]*([\w-]*)[^\n]*$", re.M)
_HEADER = re.compile(r"^\s*(graph|flowchart)\b\s*(\w+)?\s*;?\s*(.*)$", re.I)
_OTHER_DIAGRAM = re.compile(
    r"^\s*(sequenceDiagram|classDiagram|stateDiagram(?:-v2)?|erDiagram|gantt|pie|journey|"
    r"gitGraph|mindmap|timeline|C4Context|quadrantChart|xychart-beta|block-beta)\b"
)
_CHAIN_ARROW = re.compile(r"\s*(?:<?-{1,2}>|=>|→|⟶|⇒)\s*")
_MAYBE = re.compile(r"->|=>|→|⟶|⇒|\bgraph\b|\bflowchart\b|```", re.I)


@lru_cache(maxsize=512)
def find_diagrams(message: str) -> tuple[Diagram, ...]:
    """Every diagram in `message`, in message order: fenced Mermaid blocks, bare
    `graph TD`/`flowchart LR` blocks, and runs of arrow-chain lines."""
    if not _MAYBE.search(message):
        return ()
    found: list[Diagram] = []
    lines = message.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    i = 0
    chain: list[int] = []

    def flush_chain() -> None:
        if chain:
            found.append(_arrows([lines[k] for k in chain], [starts[k] for k in chain]))
            chain.clear()

    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if fence:
            flush_chain()
            close = next(
                (
                    j
                    for j in range(i + 1, len(lines))
                    if lines[j].strip().startswith(fence.group(1))
                ),
                len(lines),
            )
            body = list(range(i + 1, close))
            lang = fence.group(2).lower()
            first = next((k for k in body if lines[k].strip()), None)
            if lang == "mermaid" or (
                lang in ("", "text", "txt")
                and first is not None
                and (_bare_header(lines[first]) or _OTHER_DIAGRAM.match(lines[first]))
            ):
                if body:
                    read = _mermaid([lines[k] for k in body], [starts[k] for k in body])
                    end = starts[close] + len(lines[close]) if close < len(lines) else len(message)
                    found.append(replace(read, block=(starts[i], end)))
            else:
                for k in body:
                    if _chain_parts(lines[k]) is not None:
                        chain.append(k)
                    else:
                        flush_chain()
                flush_chain()
            i = close + 1
            continue
        if _bare_header(lines[i]) and not _chain_parts(lines[i]):
            flush_chain()
            end = i + 1
            while end < len(lines) and lines[end].strip() and not _FENCE.match(lines[end]):
                end += 1
            read = _mermaid(lines[i:end], starts[i:end])
            found.append(replace(read, block=(read.start, read.end)))
            i = end
            continue
        if _chain_parts(lines[i]) is not None:
            chain.append(i)
        else:
            flush_chain()
        i += 1
    flush_chain()
    return tuple(found)


def _bare_header(line: str) -> bool:
    """A `graph`/`flowchart` line outside a ```mermaid fence: the keyword, then a direction
    written in capitals (TD, LR...) or nothing; "Graph databases..." is prose."""
    match = re.match(r"^\s*([Gg]raph|[Ff]lowchart)\b(.*)$", line)
    if match is None:
        return False
    rest = match.group(2)
    return not rest.strip(" ;") or bool(re.match(r"\s+(TD|TB|BT|RL|LR)\b", rest))


# --- arrow chains ------------------------------------------------------------------------------

_LIST_MARK = re.compile(r"^\s*(?:[-*\u2022>]+|\d+[.)])\s+")
_PART = re.compile(r"^[^\W\d_][\w '&+.-]*?(?:\s*\(([^()]*)\))?$")
_NOT_A_NAME = re.compile(r"[_=/{}\[\]<>`$%@#?]|\b\d", re.I)
# Words that make a part a phrase, not a component's name: "given a user -> their links" is an
# access pattern, "submit code for a problem -> verdict" an operation.
_PHRASE_WORDS = re.compile(
    r"\b(given|their|its|his|her|my|your|our|all|every|everything|what|which|whose|to|of|for|"
    r"with|when|if|then|is|are)\b",
    re.I,
)


def _chain_parts(line: str) -> list[tuple[str, str]] | None:
    """The (name, note) parts of an arrow-chain line, or None when the line is not one."""
    body = _LIST_MARK.sub("", line).strip().rstrip(".;,")
    if not _CHAIN_ARROW.search(body):
        return None
    first_arrow = _CHAIN_ARROW.search(body)
    assert first_arrow is not None
    lead = body[: first_arrow.start()]
    if ":" in lead:
        # "Flow: client -> LB": a short lead-in is no node.
        head, _, rest = body.partition(":")
        if len(head.split()) > 5:
            return None
        body = rest.strip()
    raw = _CHAIN_ARROW.split(body)
    if len(raw) < 2:
        return None
    parts = []
    for piece in raw:
        piece = piece.strip().strip("*").strip()
        match = _PART.match(piece)
        if not match:
            return None
        name = piece[: piece.index("(")].strip() if match.group(1) is not None else piece
        if (
            not name
            or len(name.split()) > 5
            or _NOT_A_NAME.search(name)
            or _PHRASE_WORDS.search(name)
        ):
            return None
        parts.append((name, (match.group(1) or "").strip()))
    return parts


def _slug(name: str) -> str:
    return re.sub(r"\W+", "_", name.lower()).strip("_") or "node"


def _arrows(lines: list[str], starts: list[int]) -> Diagram:
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for n, line in enumerate(lines, 1):
        parts = _chain_parts(line) or []
        ids = []
        for name, note in parts:
            key = _slug(name)
            known = nodes.get(key)
            if known is None or (note and not known.note):
                nodes[key] = Node(key, name, note or (known.note if known else ""))
            ids.append(key)
        for a, b in zip(ids, ids[1:], strict=False):
            if a != b:
                edges.append(Edge(a, b, "", n))
    source = "\n".join(lines)
    return Diagram(
        source=source,
        kind="arrows",
        start=starts[0],
        end=starts[-1] + len(lines[-1]),
        nodes=tuple(nodes.values()),
        edges=tuple(edges),
        line_starts=tuple(starts),
    )


# --- Mermaid -----------------------------------------------------------------------------------

_SKIP = re.compile(r"^\s*(%%|classDef\b|class\b|style\b|linkStyle\b|click\b|accTitle\b|accDescr\b)")
_SUBGRAPH = re.compile(r"^\s*subgraph\b\s*(.*?)\s*$")
_END = re.compile(r"^\s*end\s*;?\s*$")
_DIRECTION = re.compile(r"^\s*direction\s+(\w+)\s*;?\s*$")
_DIRECTIONS = {"TD", "TB", "BT", "RL", "LR"}

_EXPECTED = {
    "ID": "a node",
    "SHAPE": "a label in brackets",
    "ARROW": "an arrow such as -->",
    "TEXT_ARROW": "an arrow such as -->",
    "PIPE_LABEL": "an edge label between | |",
    "AMPERSAND": "&",
    "CLASS": ":::class",
}


_OPTIONAL = frozenset({"AMPERSAND", "CLASS", "PIPE_LABEL"})


def warm() -> None:
    """Build the Mermaid parser now (about 0.1 s, once per process) rather than on the first
    diagram: LangGraph's dev server refuses file reads on its event loop."""
    _parser()


@cache
def _parser() -> Lark:
    from lark import Lark

    return Lark(
        GRAMMAR_FILE.read_text(encoding="utf-8"),
        start="statement",
        parser="lalr",
        propagate_positions=False,
    )


def _label(shape: str) -> str:
    """The text inside a node's shape, quotes, tags and markup removed."""
    inner = re.sub(r"^[\[\](){}>/\\]+|[\[\](){}/\\]+$", "", shape).strip()
    if len(inner) >= 2 and inner[0] == inner[-1] == '"':
        inner = inner[1:-1]
    inner = re.sub(r"<br\s*/?>", " ", inner, flags=re.I)
    inner = re.sub(r"<[^>]+>", "", inner)
    return " ".join(inner.replace("**", "").split())


def _split_statements(line: str) -> list[tuple[int, str]]:
    """Statements of a line split on `;` outside brackets, quotes and edge labels, with the
    column (0-based) each starts at."""
    out, depth, quote, pipe, begin = [], 0, False, False, 0
    for i, ch in enumerate(line):
        if ch == '"':
            quote = not quote
        elif quote:
            continue
        elif ch in "[({":
            depth += 1
        elif ch in "])}":
            depth = max(0, depth - 1)
        elif ch == "|" and depth == 0:
            pipe = not pipe
        elif ch == ";" and depth == 0 and not pipe:
            out.append((begin, line[begin:i]))
            begin = i + 1
    out.append((begin, line[begin:]))
    return [(c, s) for c, s in out if s.strip()]


def _unclosed(text: str) -> tuple[int, str] | None:
    """The first bracket or quote left open: (0-based column, the closer expected)."""
    pairs = {"[": "]", "(": ")", "{": "}"}
    stack: list[tuple[int, str]] = []
    quote_at = -1
    # A flag `A>label]` closes a bracket it never opened.
    text = re.sub(r"(?<=\w)>[^\]\n]*\]", lambda m: "x" * len(m.group(0)), text)
    for i, ch in enumerate(text):
        if quote_at >= 0:
            if ch == '"':
                quote_at = -1
            continue
        if ch == '"':
            quote_at = i
        elif ch in pairs:
            stack.append((i, pairs[ch]))
        elif ch in pairs.values():
            if stack and stack[-1][1] == ch:
                stack.pop()
            elif not stack:
                return i, f"no '{ {')': '(', ']': '[', '}': '{'}[ch] }' before this '{ch}'"
    if quote_at >= 0:
        return quote_at, '"'
    if stack:
        return stack[-1]
    return None


def _statement_error(text: str, column: int, line_no: int, exc: Exception) -> DiagramError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if isinstance(exc, UnexpectedEOF):
        expected = _words({str(t) for t in exc.expected})
        before = text.rstrip().split()[-1] if text.strip() else ""
        return DiagramError(
            line_no, column + len(text.rstrip()) + 1, f"expected {expected} after '{before}'", text
        )
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        col = column + (token.column or 1)
        if token.type == "$END":
            before = text.rstrip().split()[-1] if text.strip() else ""
            return DiagramError(
                line_no,
                column + len(text.rstrip()) + 1,
                f"expected {_words(exc.expected)} after '{before}'",
                text,
            )
        return DiagramError(line_no, col, f"expected {_words(exc.expected)}, found '{token}'", text)
    if isinstance(exc, UnexpectedCharacters):
        col = column + exc.column
        found = text[exc.column - 1 : exc.column + 2].strip() or text[exc.column - 1 : exc.column]
        allowed = _words(exc.allowed or set())
        return DiagramError(line_no, col, f"expected {allowed}, found '{found}'", text)
    return DiagramError(line_no, column + 1, str(exc).splitlines()[0], text)


def _words(terminals: set[str] | frozenset[str]) -> str:
    """Terminal names as the candidate would say them ("a node or an arrow such as -->")."""
    wanted = {t for t in terminals if t != "$END"}
    if wanted - _OPTIONAL:
        wanted -= _OPTIONAL  # "&", ":::class" and "|label|" are extras; name what is missing
    names = sorted({_EXPECTED.get(t, t.lower()) for t in wanted})
    if not names:
        return "the end of the line"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _mermaid(lines: list[str], starts: list[int]) -> Diagram:
    from lark.exceptions import LarkError

    source = "\n".join(lines)
    base = dict(source=source, kind="mermaid", start=starts[0], end=starts[-1] + len(lines[-1]))
    errors: list[DiagramError] = []
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    subgraphs: list[tuple[str, str, list[str], int]] = []
    open_subgraphs: list[tuple[str, str, list[str], int]] = []
    direction = ""
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        return Diagram(**base, line_starts=tuple(starts))  # type: ignore[arg-type]
    first_no, first = numbered[0]
    header = _HEADER.match(first)
    if header is None:
        other = _OTHER_DIAGRAM.match(first)
        if other:
            # A sequence or ER diagram is no mistake: sdi does not read it (its lines stay
            # prose for the grader), and the pages still draw it.
            return Diagram(**base, chart=other.group(1), line_starts=tuple(starts))  # type: ignore[arg-type]
        expected = (
            "expected 'graph' or 'flowchart' and a direction (TD, LR...), "
            f"found '{first.strip()[:30]}'"
        )
        errors.append(DiagramError(first_no, 1, expected, first))
        return Diagram(**base, errors=tuple(errors), line_starts=tuple(starts))  # type: ignore[arg-type]
    direction = (header.group(2) or "").upper()
    # (line number, text, column where the text starts in its line)
    body = [(first_no, header.group(3), header.start(3))] if header.group(3).strip() else []
    if direction and direction not in _DIRECTIONS:
        # "graph A-->B": no direction given, the rest is a statement.
        body = [(first_no, first[header.start(2) :], header.start(2))]
        direction = ""
    body += [(n, line, 0) for n, line in numbered[1:]]

    def add_node(node_id: str, shape: str | None) -> None:
        label = _label(shape) if shape else ""
        known = nodes.get(node_id)
        if known is None or (label and known.label == known.id):
            nodes[node_id] = Node(node_id, label or (known.label if known else node_id))
        for _, _, members, _ in open_subgraphs[-1:]:
            if node_id not in members:
                members.append(node_id)

    for line_no, line, shift in body:
        if _SKIP.match(line):
            continue
        sub = _SUBGRAPH.match(line)
        if sub:
            spec = sub.group(1)
            m = re.match(r"^(\w+)\s*(\[.*\])?\s*$", spec)
            if m and m.group(2):
                sid, title = m.group(1), _label(m.group(2))
            else:
                title = _label(spec) if spec.startswith(("[", '"')) else spec.strip('"')
                sid = _slug(title) if title else f"subgraph{len(subgraphs) + 1}"
            open_subgraphs.append((sid, title or sid, [], line_no))
            continue
        if _END.match(line):
            if not open_subgraphs:
                errors.append(DiagramError(line_no, 1, "'end' with no subgraph open", line))
            else:
                subgraphs.append(open_subgraphs.pop())
            continue
        direction_line = _DIRECTION.match(line)
        if direction_line:
            continue
        for at_column, statement in _split_statements(line):
            column = at_column + shift
            unclosed = _unclosed(statement)
            if unclosed is not None:
                at, closer = unclosed
                expected = (
                    closer
                    if closer.startswith("no ")
                    else f"expected '{closer}' to close '{statement[at]}'"
                )
                errors.append(DiagramError(line_no, column + at + 1, expected, line))
                continue
            try:
                tree = _parser().parse(statement)
            except LarkError as exc:
                errors.append(_statement_error(statement, column, line_no, exc))
                continue
            _read_statement(tree, line_no, add_node, edges)
    for sid, title, members, line_no in open_subgraphs:
        errors.append(
            DiagramError(
                len(lines),
                1,
                f"expected 'end' to close subgraph '{title}' opened on line {line_no}",
                lines[-1],
            )
        )
        subgraphs.append((sid, title, members, line_no))
    subgraph_ids = {s[0] for s in subgraphs}
    return Diagram(
        **base,  # type: ignore[arg-type]
        direction=direction,
        nodes=tuple(n for n in nodes.values() if n.id not in subgraph_ids),
        edges=tuple(edges),
        subgraphs=tuple(
            Subgraph(sid, title, tuple(m for m in members if m not in subgraph_ids), line_no)
            for sid, title, members, line_no in sorted(subgraphs, key=lambda s: s[3])
        ),
        errors=tuple(sorted(errors, key=lambda e: (e.line, e.column))),
        line_starts=tuple(starts),
    )


def _read_statement(tree: Any, line_no: int, add_node: Any, edges: list[Edge]) -> None:
    groups: list[list[str]] = []
    links: list[tuple[str, bool]] = []
    for child in tree.children:
        if child.data == "group":
            ids = []
            for node in child.children:
                tokens = {t.type: str(t) for t in node.children}
                add_node(tokens["ID"], tokens.get("SHAPE"))
                ids.append(tokens["ID"])
            groups.append(ids)
        else:
            tokens = {t.type: str(t) for t in child.children}
            arrow = tokens.get("ARROW") or tokens.get("TEXT_ARROW", "")
            if "TEXT_ARROW" in tokens:
                text = re.sub(r"^<?(?:--|==|-\.)\s+|\s+(?:-{2,}|={2,}|\.-+)[>xo]$", "", arrow)
            else:
                text = tokens.get("PIPE_LABEL", "").strip("|")
            directed = arrow.rstrip().endswith((">", "x", "o"))
            links.append((_label(text) if text else "", directed))
    for (label, directed), left, right in zip(links, groups, groups[1:], strict=False):
        for a in left:
            for b in right:
                edges.append(Edge(a, b, label, line_no, directed))


# --- what a node is, and the diagram in words --------------------------------------------------

_ROLES: list[tuple[Role, re.Pattern[str]]] = [
    (
        "load_balancer",
        re.compile(
            r"\b(load[- ]?balanc\w*|lb|alb|elb|nlb|balancer|reverse proxy|nginx|haproxy)\b", re.I
        ),
    ),
    ("cache", re.compile(r"\b(cache[sd]?|caching|redis|memcached?|cdn|cloudfront)\b", re.I)),
    (
        "blob_store",
        re.compile(
            r"\b(blobs?|object (?:store|storage)|s3|gcs|buckets?|file (?:store|storage)|media store)\b",
            re.I,
        ),
    ),
    (
        "queue",
        re.compile(
            r"\b(queues?|kafka|sqs|rabbitmq|pub ?/? ?sub|message bus|event bus|kinesis|stream)\b",
            re.I,
        ),
    ),
    (
        "database",
        re.compile(
            r"\b(db|dbs|database|databases|sql|nosql|postgres(?:ql)?|mysql|cassandra|dynamo(?:db)?|mongo(?:db)?|datastore|data store|store|replica|shard\w*|table)\b",
            re.I,
        ),
    ),
    (
        "client",
        re.compile(
            r"\b(clients?|users?|browsers?|mobile|phones?|apps?|frontend|web ?client|candidate|customers?|drivers?|riders?|devices?)\b",
            re.I,
        ),
    ),
    (
        "service",
        re.compile(
            r"\b(api|apis|servers?|services?|workers?|backend|gateway|app servers?|instances?|nodes?|pods?|fleet|handlers?|web)\b",
            re.I,
        ),
    ),
]
_MANY = re.compile(
    r"\b(servers|instances|replicas|nodes|workers|pods|hosts|machines|boxes|fleet|stateless|"
    r"cluster|pool)\b|\b[x×]\s?\d+\b|\b\d+\s?[x×]|\bN\b",
    re.I,
)


def role(node: Node) -> Role:
    """What a node is, from its label (or id): a cache, a load balancer, a database..."""
    for text in (node.label, node.id.replace("_", " ")):
        for name, pattern in _ROLES:
            if pattern.search(text):
                return name
    return "other"


def _targets(diagram: Diagram, node_id: str) -> list[str]:
    """A node, or the members of a subgraph named by `node_id`."""
    for s in diagram.subgraphs:
        if s.id == node_id:
            return list(s.nodes)
    return [node_id]


def _name(diagram: Diagram, node_id: str) -> str:
    node = diagram.node(node_id)
    if node is not None:
        return node.name
    sub = next((s for s in diagram.subgraphs if s.id == node_id), None)
    return sub.title if sub else node_id


@dataclass(frozen=True)
class ProseLine:
    """One edge of a diagram said in words, and the diagram line it comes from."""

    text: str
    line: int
    offset: int
    """Offset in the message of the diagram line."""


def prose(diagram: Diagram) -> list[ProseLine]:
    """The diagram's edges as plain sentences for the grader: components placed relative to
    each other, with the edge's label (the reason, when the candidate wrote one).

    A load balancer in front of several servers (a plural name, a subgraph of two or more, or
    two or more targets) "spreads requests across several instances"; boxes with no edge say
    nothing (reciting names places nothing)."""
    out: list[ProseLine] = []
    lb_targets: dict[str, set[str]] = {}
    for e in diagram.edges:
        lb_targets.setdefault(e.src, set()).update(_targets(diagram, e.dst))
    for e in diagram.edges:
        src, dst = _name(diagram, e.src), _name(diagram, e.dst)
        src_role = _role_of(diagram, e.src)
        dst_role = _role_of(diagram, e.dst)
        if src_role == "load_balancer":
            members = _targets(diagram, e.dst)
            many = (
                len(members) > 1
                or len([t for t in lb_targets.get(e.src, ()) if _role_of(diagram, t) == "service"])
                > 1
                or bool(_MANY.search(dst))
            )
            text = f"{src} in front of {dst}" + (
                " spreads requests across several instances" if many else ""
            )
        elif dst_role == "load_balancer":
            text = f"{src} sends requests to {dst}"
        elif dst_role == "blob_store":
            text = f"{src} stores objects in {dst}"
        elif dst_role == "cache":
            text = f"{src} reads from {dst}"
        elif src_role == "cache" and dst_role == "database":
            text = f"{src} is filled from {dst}"
        elif dst_role == "queue":
            text = f"{src} puts work on {dst}"
        elif src_role == "queue":
            text = f"{dst} takes work from {src}"
        elif dst_role == "database":
            text = f"{src} reads and writes {dst}"
        else:
            text = f"{src} connects to {dst}"
        if e.label:
            text += f" ({e.label})"
        offset = (
            diagram.line_starts[e.line - 1]
            if 0 < e.line <= len(diagram.line_starts)
            else diagram.start
        )
        out.append(ProseLine(text, e.line, offset))
    return out


def _role_of(diagram: Diagram, node_id: str) -> Role:
    node = diagram.node(node_id)
    if node is not None:
        return role(node)
    sub = next((s for s in diagram.subgraphs if s.id == node_id), None)
    if sub is None:
        return "other"
    roles = {_role_of(diagram, m) for m in sub.nodes}
    by_title = role(Node(sub.id, sub.title))
    return by_title if by_title != "other" else (roles.pop() if len(roles) == 1 else "other")


# --- the graph asked about -----------------------------------------------------------------------

FollowUp = tuple[str, str]
"""A follow-up id (`diagram.cache_unread`, `diagram.db_exposed`) and the node it is about."""


def follow_up(diagram: Diagram) -> FollowUp | None:
    """One thing worth asking about the drawn graph, if any: a cache nothing reads from (no
    edge comes into it), or a client wired straight to a database."""
    incoming = {e.dst for e in diagram.edges} | {e.src for e in diagram.edges if not e.directed}
    for sub in diagram.subgraphs:
        if sub.id in incoming:
            incoming.update(sub.nodes)
    touched = {e.src for e in diagram.edges} | {e.dst for e in diagram.edges}
    for node in diagram.nodes:
        if role(node) == "cache" and node.id in touched and node.id not in incoming:
            return "diagram.cache_unread", node.name
    for e in diagram.edges:
        if _role_of(diagram, e.src) == "client" and _role_of(diagram, e.dst) == "database":
            return "diagram.db_exposed", _name(diagram, e.dst)
    return None


def follow_up_in(message: str, asked: tuple[str, ...] = ()) -> FollowUp | None:
    """The first graph follow-up of a message's diagrams not asked before."""
    for diagram in find_diagrams(message):
        found = follow_up(diagram)
        if found is not None and found[0] not in asked:
            return found
    return None


def problem(message: str) -> str | None:
    """Where the first diagram of `message` that does not parse went wrong ("line 3, column 9:
    expected a node after '-->'"; "diagram 2, line ..." past the first), or None when every
    diagram in the message was read."""
    for n, diagram in enumerate(find_diagrams(message)):
        if diagram.errors:
            where = "" if n == 0 else f"diagram {n + 1}, "
            return where + diagram.errors[0].message
    return None


# --- the grader's view ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DiagramSentence(Sentence):
    """A diagram edge said in words (`text`, `tokens`), standing for the diagram line it comes
    from (`source`, exact text of the message, which evidence quotes)."""

    line: int = 0
    source: str = ""


def with_diagrams(message: str, said: list[Sentence]) -> list[Sentence]:
    """`said` (the message's sentences) with its diagrams read: a Mermaid block's lines give
    way to its edges in words; an arrow chain keeps its line, followed by its edges in words.
    In message order, so a reason next to the diagram is near it."""
    diagrams = find_diagrams(message)
    if not diagrams:
        return said
    blocks = [d.block for d in diagrams if d.kind == "mermaid" and d.chart == "flowchart"]
    kept = [s for s in said if not any(a <= s.start < b for a, b in blocks)]
    extra: list[Sentence] = []
    for d in diagrams:
        lines = d.source.split("\n")
        for p in prose(d):
            source = lines[p.line - 1].strip() if 0 < p.line <= len(lines) else d.source
            extra.append(
                DiagramSentence(p.text, p.offset, tokens(p.text), line=p.line, source=source)
            )
    return sorted([*kept, *extra], key=lambda s: s.start)


# --- the latest diagram of a transcript -----------------------------------------------------------


def to_mermaid(diagram: Diagram) -> str:
    """The diagram as Mermaid source: a Mermaid block as written, an arrow chain drawn left to
    right with its notes in the labels."""
    if diagram.kind == "mermaid":
        return diagram.source.strip("\n")
    out = ["graph LR"]
    for n in diagram.nodes:
        out.append(f'  {n.id}["{n.name.replace(chr(34), "#quot;")}"]')
    out += [f"  {e.src} --> {e.dst}" for e in diagram.edges]
    return "\n".join(out)


def transcript_diagrams(messages: list[dict[str, Any]]) -> list[tuple[int, Diagram]]:
    """(turn, diagram) for every diagram the candidate wrote, in order."""
    return [
        (turn, d)
        for turn, m in enumerate(messages)
        if m.get("role") == "candidate"
        for d in find_diagrams(str(m.get("content") or ""))
    ]


def latest(messages: list[dict[str, Any]]) -> tuple[int, Diagram] | None:
    """The last diagram the candidate wrote that was read whole (no errors, at least one edge):
    the design as it stands."""
    whole = [(t, d) for t, d in transcript_diagrams(messages) if d.edges and not d.errors]
    return whole[-1] if whole else None
