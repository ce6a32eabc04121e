"""The design step's criteria (see criteria.py for the shape)."""

from __future__ import annotations

import re

from app.core.analysis import ENDPOINT
from app.core.diagrams import DiagramSentence
from app.core.grading.context import GradeContext, Said, SentenceRule
from app.core.grading.criteria import Finding, criterion, read_givens, sentence_rule
from app.core.grading.slogans import says_nothing, slogan_reason
from app.core.text import stem, tokens
from app.core.words import matcher

_NOSQL = re.compile(
    r"\bno-?sql\b|\bno[- ]?sequel\b|\bnon-?\s?relational\b|\bdocument (?:store|db|database)\b|"
    r"\bkey[- ]?value\b|\b(?:lookup|look-up|look up)[- ]by[- ]key\b|\bkey[- ]based (?:store|db|database)\b|"
    r"\bwide-?column\b|\bcassandra\b|\bdynamo(?:db)?\b|\bmongo(?:db)?\b|\bbigtable\b|\bhbase\b|"
    r"\bscylla(?:db)?\b|\bcouchbase\b|\btime[- ]series (?:store|db|database)\b|"
    # analytical and search stores: "ClickHouse, columnar", "an OLAP store"
    r"\bclickhouse\b|\bdruid\b|\bpinot\b|\bcolumnar (?:store|db|database)\b|\bolap\b|"
    r"\belastic ?search\b|\bopensearch\b",
    re.IGNORECASE,
)
_SQL = re.compile(
    r"\bsql\b|\bsequel\b|\brelational\b|\bpostgres(?:ql)?\b|\bmysql\b|\brdbms\b|\baurora\b|\bspanner\b|"
    r"\bcockroach(?:db)?\b|\bacid (?:database|store)\b|"
    # Said without the word: "a transactional database", "a table-and-join database".
    r"\btransactional (?:[\w-]+ )?(?:database|db|store)\b|"
    r"\btables?[- ](?:and|&|with)[- ]joins?\b|\b(?:database|db) with (?:tables and )?joins\b|"
    # "the old-fashioned kind of store, where everything sits in rows and columns"
    r"\bstore\b[^.]{0,40}\brows and columns\b|\brows (?:that )?point at each other\b|"
    # "an ordinary rows-and-columns store, the classic kind with tables"
    r"\brows[- ]and[- ]columns (?:store|database|db|kind)\b|\bclassic kind with tables\b|"
    # "a classic database with tables and rows", "a classic tables-and-rows database"
    r"\btables?[- ]and[- ]rows\b|\b(?:database|db|store) (?:with|of) tables\b",
    re.IGNORECASE,
)


CACHE_REASON = (
    "@cache_reason|@hot_set ; @compute_work @every_request ; @crowd @crowd_read ; "
    "@refresh_verb @periodic ; cdn|content+delivery @cdn_volume ; @change_said @rare_said ; "
    "same @repeat_said"
)
"""A reason for a cache: a phrase of `cache_reason`, or one of six ideas said in any words:
the work spared is done per request, a crowd reads the same thing, the value only moves on a
schedule, a CDN takes a volume the origin could not serve, the thing changes rarely, the same
thing is asked again and again ("resolving the same hosts constantly")."""


# Every name of either kind holds one of these: a cheap pass (substrings) before _NOSQL and _SQL.
_ANY_DATABASE = (
    *("sql", "sequel", "relational", "document", "key", "wide", "cassandra", "dynamo", "mongo"),
    *("bigtable", "hbase", "scylla", "couchbase", "postgres", "rdbms", "aurora", "spanner"),
    *("cockroach", "acid", "transactional", "table", "database", "db", "rows", "series"),
    *("clickhouse", "druid", "pinot", "columnar", "olap", "elastic", "opensearch"),
)
_ANY_DATABASE_RE = re.compile("|".join(map(re.escape, _ANY_DATABASE)))

# "Postgres: ..." or "NoSQL (...): ..." gives its reason after a colon.
_CHOICE_COLON = re.compile(rf"(?:{_NOSQL.pattern}|{_SQL.pattern})[^.:]{{0,40}}:\s*\w", re.I)

# A database choice counts when its reason names a requirement, not popularity or habit.
_REQUIREMENT_TIE = (
    "=consistency|=consistent|acid|atomic|join|"
    "integrit|access+pattern|denormal|eventual|stale|double|"
    "write+heavy|read+heavy|all+or+nothing|or+none|=relate|=related|=relational+data|data+is+relational|"
    "relationships|many+to+many|foreign+key|transaction|key+lookup|point+lookup|lookup+by|"
    # the read it serves: "because the main read is the latest page of one chat"
    "main+read|main+query|read+by|queried+by|fetched+by|read+pattern|query+pattern|"
    "append+only|time+range|range+scan|range+query|range+read|time+order|"
    "look+up+by|looked+up+by|looks+up+by|@write_volume|@read_volume|"
    # the reads named as what is needed: "the queries I need are really just get neighbours"
    "queries+i+need|queries+we+need|queries+we+run|only+query|only+queries|"
    # the queries wanted, named: "I want to query things like all flights out of JFK on a date"
    "query+things+like|queries+like|to+query+all|to+query+by|to+query+every|"
    "never+update|never+modify|never+change|only+append|reads+are+sequential|mostly+sequential|"
    # what the data is read by, said as people do: "the only read we ever do is ...", "always
    # loaded whole, by user id", "no joins", "the questions are all aggregates", "free text"
    "only+read|only+reads|only+access|only+ever|we+ever+do|ever+query|loaded+whole|read+whole|"
    "written+whole|no+joins|without+joins|no+cross|aggregates|sum+over|count+over|free+text|"
    "full+text|spatial|nearby|within+km|reference+each+other|all+related|relate+to+each+other|"
    "double+book|overdraw|oversell|never+lose|must+not+lose|=appended|by+series|per+series|"
    # correctness said as people do: "records we must keep right, a fare charged once"
    "=correct|correctness|exactly+once|charged+once|charge+once|keep+right|keep+them+right|"
    "must+be+right|get+it+right|never+wrong|has+to+be+right|have+to+be+right|or+neither|"
    "or+nothing|half+happen|half+done|only+one+may|only+one+can|only+one+wins|twice|"
    "all+at+once|together+or"
)
# Scale, flexibility and uptime are what every store is sold on: a reason only when tied to
# this system ("we take 300k location writes a second and it scales out"), not as a slogan
# ("Cassandra because it scales horizontally").
_SCALE_TIE = (
    "schema|structur|unstructur|"
    "horizontal|flexib|availab|stay+up|throughput|grow|spread|volume|small|scale+out|"
    "scales+out|scale+horizontally"
)


# A sentence that goes on to say what the data or the load is like ("It's append-only", "The
# data is relational", "We only ever read a chat by its id").
_PROPERTY_OPENING = re.compile(
    r"\s*(?:(?:and|so|well|yeah|um|uh),?\s+)?(?:it'?s|it is|its|they'?re|they are|the data|our data|"
    r"this data|that data|everything|we'?re|we are|we only|we always|we mostly|we never|there'?s|"
    r"there are|there is|reads are|writes are|most|all)\b",
    re.IGNORECASE,
)


_SAYS = re.compile(
    r"\b(?:is|are|was|were|be|been|needs?|reads?|writes?|has|have|must|should|will|would|does|"
    r"do|can|gets?|keeps?|goes|go|wants?|means|requires?|looks?|queries|asks?|lists?|fetch(?:es)?|"
    r"stores?|holds?|changes?|happens?|comes?|'s|'re)\b",
    re.IGNORECASE,
)
_OUR_SIDE = re.compile(
    r"\b(?:we|we'?re|we'?ll|our|us|users?|people|customers?|the data|data is|it'?s|it is|"
    r"everything|every|each|they'?re|they are|there'?s)\b",
    re.IGNORECASE,
)


def _kinds(text: str) -> set[str]:
    kinds = set()
    if _NOSQL.search(text):
        kinds.add("nosql")
    if _SQL.search(_NOSQL.sub(" ", text)):
        kinds.add("sql")
    return kinds


_CAP_SLOGAN = re.compile(r"\bCAP\b|\b(?:is|we're|we are|it's|its) (?:AP|CP)\b")
_DENIED = re.compile(
    r"\b(no|don'?t see|do not see|without|not any|none|zero|can'?t see|cannot see|"
    r"don'?t think there(?:'s| is| are)|do not think there(?:'s| is| are))\b[^.]{0,30}"
    r"\b(weakness|drawback|downside|limitation|trade-?off|bottleneck|problem|issue|risk|gaps?|"
    r"holes?|concerns?|single point of failure|spof)|"
    # "writes are not a concern for us": a worry dismissed, no limit named
    r"\bnot (?:a|an|really a|much of a|any) (?:concern|issue|problem|bottleneck|worry)\b|"
    r"\b(?:wouldn'?t|would not|don'?t|do not|no need to|nothing to|never) (?:really |even )?"
    r"(?:worry|be (?:worried|concerned))|"
    # a slogan against the option not taken ("SQL doesn't scale"), not a limit of one's own
    r"(?:^|[,;:]\s*)\W*(?:sql|nosql|relational(?: databases?)?|rdbms(?:es)?|mysql|postgres(?:ql)?|"
    r"mongo(?:db)?|monoliths?|microservices)\s+(?:\w+\s+)?(?:doesn'?t|does not|don'?t|do not|"
    r"won'?t|can'?t|cannot)\s+(?:really\s+|actually\s+|well\s+)?scale\b|"
    # ... or given as the reason for a choice ("sagas, because two-phase commit doesn't scale")
    r"\b(?:because|since|as)\s+(?:[\w-]+\s+){1,4}(?:doesn'?t|does not|won'?t|can'?t|cannot)\s+scale\b|"
    # a downside said not to exist: "there isn't really a downside"
    r"\b(?:isn'?t|is not|aren'?t|are not|wasn'?t|was not)\s+(?:really |actually |much of |any )?"
    r"(?:a |an |any )?(?:real |big |major )?(?:weakness|drawback|downside|limitation|trade-?off|"
    r"bottleneck|problem|issue|risk|concern)",
    re.IGNORECASE,
)
_NO_CACHE = re.compile(
    r"\b(no|without( a)?|not|don'?t (need|want|add|use)( a)?|no need for( a)?|skip( the)?)\s+"
    r"(cache|caching|cdn)\b|"
    r"\b(wouldn'?t|would not|won'?t|will not|shouldn'?t|should not|never|don'?t|do not|not)\s+"
    r"(?:\w+\s+){0,2}(cache|caching)\b|"
    # a cache held back for later: "I'd only add a cache if the replica struggles"
    r"\bonly (?:add|use|put|need)\s+(?:an?\s+|the\s+)?cach\w*\b[^.;]{0,30}\bif\b|"
    # a cache thought of and dropped: "I was thinking Redis for the balance but then it can be
    # stale"; the operating system's own: "the OS page cache does most of it for free"
    r"\bi was (?:thinking|going to|gonna)\b[^.;]{0,40}\bbut\b|"
    r"\b(?:os|kernel|operating system'?s?)\s+(?:page\s+)?cache\b|\bpage cache\b|"
    # a cache weighed and found of no use: "there's no big read multiplier to exploit with
    # caching", "caching wouldn't buy much here"
    r"\b(?:no|nothing|little)\b[^.;]{0,40}\b(?:to exploit|to gain|to win|to save|to get)\s+"
    r"(?:with|from|by)\s+(?:a\s+)?(?:cach\w*|cdn)\b|"
    r"\b(?:cach\w*|a cdn)\s+(?:would ?n'?t|won'?t|doesn'?t|does not|would not)\s+"
    r"(?:help|buy|gain|give|do)\b|"
    # the problem named, not a cache placed: "So this is a CDN problem, not a database
    # problem." (the CDN comes after, with its reason)
    r"\b(?:a|an|the)\s+(?:cdn|cache|caching)\s+problem\b|"
    # a condition on state, not a cache placed: "If I only keep the game in memory and the
    # server dies, the game's gone."
    r"\bif (?:i|we|you) (?:only |just )?(?:keep|hold|store)\b[^.;]{0,30}\bin[- ](?:memory|ram)\b|"
    # a copy declined: "Balances I would not keep as copies in memory, because they change"
    r"\b(?:wouldn'?t|would not|won'?t|will not|don'?t|do not|never|not)\s+(?:\w+\s+)?"
    r"(?:keep|hold|put|store)\b[^.;]{0,30}\b(?:in[- ](?:memory|ram)|cop(?:y|ies))\b|"
    # a likeness, not a cache placed: "the frontier machines are kind of a cache over it"
    r"\b(?:kind of|sort of|a bit like|like|basically|almost|effectively)\s+(?:an?\s+)?cache\b"
    r"(?!\s+(?:for|of|in front))",
    re.IGNORECASE,
)


def _design_said(ctx: GradeContext) -> list[Said]:
    """Sentences from the first component on: where design talk happens."""
    first = ctx.first_component()
    if first is None:
        return []
    return [s for s in ctx.said if (s.turn, s.index) >= (first.turn, first.index)]


_PLACED = "store|put|goe|go|keep|save|upload|live|hold|sit|land|write|serv|kept|in|into|for|to"
_SAID_TO_BE = re.compile(
    r"\b(?:is|are|it's|that's)\s+(?:just\s+)?(?:an?\s+|the\s+)?(?:blob|object|s3\b|gcs\b|azure blob)",
    re.IGNORECASE,
)
"""A store said to be one ("the file storage is S3", "so it is blob storage, like S3")."""
_TAKEN_UP_REACH = 2
"""How many sentences back, in the message, the thing a pronoun takes up may be ("Storage for
files. Plus we keep old versions. So it is blob storage, like S3."; three back, it may be of
another thing: "Photos are big. Likes are tiny rows. The counters too. That goes in S3.")."""


# The blob said before, taken up by a pronoun: "Photos are the big thing, four hundred
# terabytes. That goes in blob storage."
_TAKEN_UP = re.compile(
    r"^\W*(?:(?:and|so|um|uh|then|well),?\s+)*(?:that|those|these|this|it|they|them|all of "
    r"(?:that|it|them))\b(?:'s|\s+(?:all\s+)?(?:goes|go|going|gets|get|is|are|will|would|'ll|"
    r"should|can|we|i|just|live|lives|sit|sits|land|lands))",
    re.IGNORECASE,
)
# "the image, if there's an image, it goes to S3": a placing clause, however many commas
_PLACING_CLAUSE = re.compile(
    r"\b(?:it|they|that|those)\s+(?:goes|go|gets|get|is|are|will go|would go)\s+"
    r"(?:stored\s+)?(?:to|in|into|on)\b",
    re.IGNORECASE,
)


@sentence_rule("design.blob_store")
def _blob_store_rule(ctx: GradeContext) -> SentenceRule:
    things = ctx.blob_rule()

    def blob_before(s: Said) -> bool:
        return ctx.search(_TAKEN_UP, s) and any(
            ctx.has(x, things) for x in ctx.by_turn[s.turn] if 0 < s.index - x.index <= _TAKEN_UP_REACH
        )

    return lambda s: (
        ctx.has(s, "@blob_store")
        and (ctx.has(s, things) or blob_before(s))
        and (not ctx.listed(s) or ctx.search(_PLACING_CLAUSE, s) or ctx.search(_SAID_TO_BE, s))
        and (ctx.has(s, _PLACED) or bool(re.search(r"->|→|:", s.text)) or ctx.search(_SAID_TO_BE, s))
    )


@criterion("design.blob_store")
def design_blob_store(ctx: GradeContext) -> Finding:
    if not ctx.model.has_blobs:
        return Finding(True, applicable=False)
    rule = _blob_store_rule(ctx)
    hits = [s for s in ctx.where("@blob_store") if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


def _with_why(
    ctx: GradeContext,
    rule: SentenceRule,
    hits: list[Said],
    source: str,
    reach: int,
    asks: str = "@why_prompt",
) -> list[Said]:
    """Evidence for `hits` (`units`), with the sentences of a why-answer that gave the reason
    (`source`) a turn later, where the hit's own message (`reach` sentences) gave none."""
    out = ctx.units(rule, hits)
    for hit in hits:
        if not ctx.near(hit, source, reach=reach):
            out += [s for s in ctx.answered_why(hit, source, asks) if s not in out]
    return sorted(out, key=lambda s: (s.turn, s.index))


def _slogans_only(ctx: GradeContext, s: Said) -> bool:
    """The sentence's reasons are slogans ("Cassandra because it's highly available and scales
    horizontally", "scalable, tunable consistency, netflix uses it"), and the sentence after it
    in the message gives no other."""
    if not slogan_reason(s.text):
        return False
    after = ctx.between(s, s.index + 1, s.index + 1)
    return (
        not after
        or after[0].question
        or says_nothing(after[0].text)
        or slogan_reason(after[0].text)
    )


@sentence_rule("design.database_choice")
def _database_rule(ctx: GradeContext) -> SentenceRule:
    def reasoned(s: Said) -> bool:
        # (what every store is sold on names nothing of this system: tested last, on the few
        # sentences that would otherwise count)
        return _reasoned(s) and not _slogans_only(ctx, s)

    def _reasoned(s: Said) -> bool:
        if _why_store_answer(ctx, s):
            return True
        low = s.reading.low
        if not _ANY_DATABASE_RE.search(low):
            return False
        if not (ctx.search(_NOSQL, s) or ctx.search(_SQL, s)):
            return False
        # A reason: a connective ("because", "why:", "so") or a colon right after the choice,
        # and words that name a requirement; "NoSQL, sharding, Kafka" has neither. Either may
        # be in the next sentence: then both are quoted.
        if not _kinds(s.text) or ctx.search(_CAP_SLOGAN, s):
            return False  # "CAP theorem, Cassandra is AP, so we're AP": a slogan
        explained = ctx.near_after(s, "@reason|why|=so") or ctx.search(_CHOICE_COLON, s)
        if explained and (ctx.near_after(s, _REQUIREMENT_TIE) or _tied_scale(s)):
            return True
        if _said_beside(s) or _reason_before(s) or _reasoned_answer(s):
            return True
        # or the reason comes in the answer when the interviewer asks why
        return any(not _slogans_only(ctx, a) for a in ctx.answered_why(s, _REQUIREMENT_TIE))

    def _reasoned_answer(s: Said) -> bool:
        # A message that works the choice out, as people answer "what database?": the data and
        # its reads said first, anywhere before the choice, the store drawn from them ("It's money moving between
        # accounts, so I want real transactions ... Postgres."; "we write a crazy amount and the
        # only read is messages of this chat, newest first ... that's exactly what a
        # wide-column store is good at"). Each sentence says something of this system; none is
        # a recital.
        if ctx.listed(s) or _walks_the_stack(s):
            return False
        # the store drawn from them ("so a key-value store", "That's exactly what a wide-column
        # store is good at", "Postgres."), not one named in passing ("and then save it to Mongo")
        chosen = bool(_CHOOSES.search(s.text))
        if not (
            _DRAWN.match(s.text)
            or _DRAWN_CHOICE.search(s.text)
            or len(s.text.split()) <= 3
            or chosen
        ):
            return False
        # (a choice said outright, "For seats I want SQL.", may give its reasons after it)
        return any(
            n is not s
            and not n.question
            and not ctx.listed(n)
            and ctx.has(n, _REQUIREMENT_TIE)
            # (a clause that says something, or a short verdict on the data: "No joins at all.")
            and (
                bool(
                    _SAYS.search(n.text)
                    and (_OUR_SIDE.search(n.text) or _PROPERTY_OPENING.match(n.text))
                )
                or (len(n.text.split()) >= 3 and not (_kinds(n.text)))
            )
            and not ctx.search(_CAP_SLOGAN, n)
            for n in ctx.between(s, s.index - 3, s.index + (2 if chosen else -1))
        )

    def reasoned_or_turned_down(s: Said) -> bool:
        return reasoned(s) or _turned_down(ctx, s)

    def _said_beside(s: Said) -> bool:
        # The reason set beside the choice with no connective, as people talk: "Cassandra's
        # nice here, we're doing a ton of writes and only ever look up by user"; "We'll use
        # MySQL. The data is relational, users follow users."
        match = _NOSQL.search(s.text) or _SQL.search(s.text)
        tail = s.text[match.end() :] if match else ""
        clause = re.search(r"[,;:\u2014\u2013]|\s-\s", tail)
        # about this system's data or load, not the product's sales sheet ("Cassandra is
        # horizontally scalable, write-optimized, tunable consistency")
        if (
            clause
            and not ctx.listed(s)
            and _OUR_SIDE.search(tail[clause.end() :])
            and ctx.rule(_REQUIREMENT_TIE).matches(tokens(tail[clause.end() :]))
        ):
            return True
        if ctx.listed(s) or (len(s.text.split()) < 3 and s.index > 0):
            # a name alone ("Elasticsearch") chooses nothing, but one opening the answer to
            # "Storage?" with the reasons after it does ("Relational. Main thing is booking the
            # slot, two candidates cannot get the same one, we need a transaction for this.")
            return False
        return any(
            n.index == s.index + 1
            and ctx.has(n, _REQUIREMENT_TIE)
            and not ctx.listed(n)
            # a clause that says something, not slogans ("Eventual consistency, 99.999%")
            and bool(_SAYS.search(n.text))
            # about this choice: opening on the data or the load, or naming no other store
            and (
                bool(_PROPERTY_OPENING.match(n.text))
                or not (ctx.search(_NOSQL, n) or ctx.search(_SQL, n))
            )
            for n in ctx.by_turn[s.turn]
        )

    def _reason_before(s: Said) -> bool:
        # the reason first, the choice drawn from it: "the access pattern is all key lookups
        # by code. So either a key-value store or Postgres sharded by code."
        return bool(_DRAWN.match(s.text)) and any(
            0 < s.index - n.index <= 1
            and not n.question
            and not ctx.listed(n)
            and ctx.has(n, _REQUIREMENT_TIE)
            and bool(_SAYS.search(n.text))
            for n in ctx.by_turn[s.turn]
        )

    def _tied_scale(s: Said) -> bool:
        # scale tied to this system by its own figures ("we take 300k location writes a second
        # and it scales out"); "NoSQL scales, we're good for growth" names none
        if not ctx.near_after(s, _SCALE_TIE):
            return False
        return any(re.search(r"\d", x.text) for x in ctx.between(s, s.index, s.index + 1))

    return reasoned_or_turned_down


def _why_store_answer(ctx: GradeContext, s: Said) -> bool:
    """The first sentence of the answer to the interviewer's "Why SQL here?", giving what the
    data needs ("Because a transfer is two accounts changing together, and two transfers at
    once must not overdraw"): the choice the question names, reasoned."""
    # (the cheap, remembered tests first: this runs on every sentence)
    return (
        s.index == 0
        and not s.question
        and ctx.has(s, _REQUIREMENT_TIE)
        and bool(_SAYS.search(s.text))
        and not ctx.listed(s)
        and ctx.asked(s, "@why_prompt")
        and bool(_kinds(ctx.prompt(s)))
    )


def _chosen(ctx: GradeContext, s: Said) -> set[str]:
    """The kinds of store a reasoned sentence chooses: its own, or the one the interviewer's
    why-question names."""
    return _kinds(s.text) or (_kinds(ctx.prompt(s)) if _why_store_answer(ctx, s) else set())


# A choice drawn from what was said just before ("So either a key-value store ...").
_DRAWN = re.compile(
    r"\W*(?:(?:and|um|uh|well|okay|ok),?\s+)*(?:so|that'?s why|which is why|hence|therefore|"
    r"thus|for that reason|given that)\b",
    re.IGNORECASE,
)


_CHOOSES = re.compile(
    r"\b(?:i|we)(?:'d| would| will|'ll)?\s+(?:want|use|pick|go with|choose|keep (?:it |them |that )?in|"
    r"put (?:it |them |that )?in|store (?:it |them |that )?in)\b|\bgoes? relational\b|"
    r"(?:[:→]|->)\s*(?:a\s+|an\s+|plain\s+|just\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:db|database|store)\b|"
    r"(?:->|→)\s*(?:wide-?column|relational|sql|nosql|key[- ]value|document)",
    re.IGNORECASE,
)
"""A store chosen outright ("For seats I want SQL", "Trips go relational", "...: plain relational
DB", "-> wide-column w/ TTL")."""

_DRAWN_CHOICE = re.compile(
    r"^\W*(?:(?:and|um|uh|well|okay|ok|yeah),?\s+)*(?:that'?s|this is|it'?s|which is)\s+(?:\w+\s+){0,3}?"
    r"(?:exactly|what|a job for|the job of|the case for|perfect|ideal|textbook|classic)\b|"
    r"\b(?:good|great|made|built|perfect|ideal|designed|optimi[sz]ed) (?:at|for)\b|"
    r"\b(?:pushes|points|leads) (?:me|us) (?:to|towards?)\b|\b(?:calls|asks) for\b|\bfits\b|"
    r"\b(?:do|does|handles?) (?:that |this |it )?(?:well|best)\b|\bcovers it\b",
    re.IGNORECASE,
)
"""A choice said as drawn from what came before ("That's exactly a time-series DB", "what a
wide-column store is good at", "that pushes me to a relational DB")."""


# A store turned down: "I don't think I need a graph database", "in a database you'd get
# compaction ... for no benefit", "a database gives us a lot of stuff we don't need".
_STORE_NAMED = re.compile(
    r"\b(?:databases?|db|dbs|graph (?:database|db|store)|neo4j|tables?)\b", re.IGNORECASE
)
_TURNED_DOWN = re.compile(
    r"\b(?:don'?t|do not|wouldn'?t|would not|won'?t) (?:really |think (?:i|we) )?(?:need|want|use)|"
    r"\bno need\b|\boverkill\b|\bnot worth\b|\bfor no benefit\b|\bwe don'?t need\b|"
    r"\bpaying for\b|\bstuff (?:we|you) don'?t (?:need|use)\b",
    re.IGNORECASE,
)


def _turned_down(ctx: GradeContext, s: Said) -> bool:
    """Reasons against a store, tied to this system's data ("I don't think I need a graph
    database, the queries I need are really just neighbours", or, to the interviewer's "why not
    put them in Cassandra?", "we never update a message, reads are sequential ... a database
    gives us a lot of stuff we don't need"): the storage decision reasoned from the other side.
    The sentence names the store it turns down; the reasons may be further off when the message
    answers a question that suggested a store."""
    if s.question or not ctx.search(_TURNED_DOWN, s):
        return False
    if not (ctx.search(_STORE_NAMED, s) or _kinds(s.text)):
        return False
    asked = ctx.prompt(s)
    suggested = "?" in asked and bool(
        _STORE_NAMED.search(asked) or _NOSQL.search(asked) or _SQL.search(asked)
    )
    return any(
        ctx.has(x, _REQUIREMENT_TIE) and not x.question and not ctx.listed(x)
        for x in ctx.by_turn[s.turn]
        if abs(x.index - s.index) <= (3 if suggested else 1)
    )


@criterion("design.database_choice")
def design_database_choice(ctx: GradeContext) -> Finding:
    expected = ctx.model.design.database
    rule = _database_rule(ctx)
    hits = [s for s in ctx.said if rule(s)]
    reasoned = [(s, _chosen(ctx, s)) for s in hits if not _turned_down(ctx, s)]
    if not reasoned and hits and expected in ("either", "both"):
        # only stores turned down: the decision is reasoned, whichever store is kept
        return Finding(True, ctx.units(rule, hits[:1]), detail={"choice": "a store turned down"})
    if not reasoned:
        return Finding(False)
    chosen = set().union(*(k for _, k in reasoned))
    names = {"sql": "a relational database", "nosql": "a non-relational database"}
    if expected in ("sql", "nosql") and expected not in chosen:
        other = next(iter(chosen))
        return Finding(False, [reasoned[0][0]], detail={"mismatch": names[other]})
    if expected == "both" and len(chosen) == 1:
        choice = names[next(iter(chosen))]
    else:
        choice = " and ".join(names[k] for k in sorted(chosen))
    fitting = [s for s, k in reasoned if expected in ("either", "both") or expected in k]
    evidence = _with_why(ctx, rule, fitting[:2], _REQUIREMENT_TIE, 1)
    return Finding(True, evidence, detail={"choice": choice})


# A cost accepted: "..., but it's rare", "I think that's okay", "that's expensive but it's fine".
_CONCESSION = re.compile(
    r"\bbut (?:it'?s|that'?s|this is|it is|that is) (?:\w+ )?(?:fine|ok|okay|rare|acceptable|worth it|"
    r"manageable|tolerable)\b|\bi think (?:that'?s|it'?s|this is|it is|that is) (?:ok|okay|fine|acceptable)\b|"
    # "I think for music this is acceptable"
    r"\bi think\b[^.;]{0,25}\b(?:this|that|it) is (?:ok|okay|fine|acceptable)\b|"
    r"\bthough\s*[.!]?\s*$|\bat the cost of\b|\bthe cost is\b|\bwe accept\b",
    re.IGNORECASE,
)


# The consequence of the case put ("Then one person can overwrite the other", "that would be a lot
# of writes on one row"), not what the design does about it ("then they reconnect, so nothing is
# lost", "eventual consistency will resolve it").
_CONSEQUENCE = re.compile(
    r"\W*(?:(?:oh|hmm+|um+|uh+|yeah|yes|well|ah|right|okay|so|and),?\s+)*"
    r"(?:then|that|that'?d|that'?s|it|it'?d|it'?s|this|there|in (?:that|this) \w+)\b"
    r"(?!\s+(?:is|'s)?\s*(?:fine|ok|okay|handled|no problem))"
    # "Then we check the database ...": what the design does next, unless it cannot
    r"(?!,?\s+(?:we|i|you)\b(?!\s+(?:can'?t|cannot|lose|would lose|might lose|could lose)))",
    re.IGNORECASE,
)
_HANDLED = re.compile(
    r"\b(?:nothing|no duplicates?|not lost|never lost|resolve|resolves|handles?|handled|"
    r"retries|retry|fail ?over|fails over|recover|recovers|catch(?:es)? up)\b",
    re.IGNORECASE,
)


# "Yes, it's scalable because of the microservices, so I think it's good": the design called
# fine, no limitation named.
_ALL_GOOD = re.compile(
    r"\b(?:it'?s|it is|that'?s|this is|the design is|everything is)\s+(?:\w+\s+)?(?:good|fine|"
    r"scalable|solid|enough|great|robust)\b|\b(?:it|the design) (?:meets|covers|handles) "
    r"(?:everything|all|the requirements)\b",
    re.IGNORECASE,
)


# "Not really, honestly.", "Honestly no, it's pretty robust": asked for a downside, none given.
_NO_DOWNSIDE = re.compile(
    r"\W*(?:(?:um+|uh+|honestly|well|hmm+|so|i mean|i guess|yeah),?\s+)*"
    r"(?:no\b|nope\b|not\b|none\b|nothing\b|i don'?t (?:think|see)|i do not|i can'?t think|"
    r"(?:i think )?it'?s (?:fine|ok|okay|good|robust|solid)\b|"
    r"(?:i think )?(?:it|this|that|the design|my design) (?:covers|handles)\b)",
    re.IGNORECASE,
)


@sentence_rule("design.drawback")
def _drawback_rule(ctx: GradeContext) -> SentenceRule:
    # The component it is the downside of may be named in a neighbour: then both are quoted.
    # (The cheap, remembered tests first: the order does not change what holds.)
    return lambda s: bool(
        not s.question
        and (
            (
                ctx.prose_has(s, "@drawback_strong")
                and ctx.near(s, "@component|@drawback_consequence")
            )
            # "One weakness is the counter ...": a downside named as one needs no component
            # (in the design part, where `design_drawback` looks)
            or ctx.prose_has(s, "@drawback_named")
            or (
                # "..., but it is harder to change the schema": the downside of a component.
                ctx.prose_has(s, "@drawback_consequence")
                and re.search(r"\b(but|however|although|though|while)\b", s.text, re.I)
                and ctx.near(s, "@component")
            )
            # the answer to "any downside?": "the memory, I guess, because you store every
            # timestamp" (a denial is no downside: below)
            or (
                s.index == 0
                and ctx.prompted(s, "@downside_prompt")
                and len(s.text.split()) >= 3
                and not _NO_DOWNSIDE.match(s.text)
                # ("Cassandra is proven because it is highly scalable. ... I don't see a real
                # downside": praise, and the downside denied)
                and not slogan_reason(s.text)
                and not any(_DENIED.search(n.text) for n in ctx.between(s, 1, 8))
            )
            # what a choice misses or loses, said of it: "exact hashing won't catch pages that
            # are almost the same", "we might lose a few minutes of discovered URLs"
            or ctx.prose_has(s, "@shortfall")
            # a cost admitted when the interviewer puts a case to the design ("What if two
            # people reorder at once?" -> "Then one person can overwrite the other.")
            or (
                bool(_CONSEQUENCE.match(s.text))
                and ctx.prose_has(s, "@cost_said")
                and not _HANDLED.search(s.text)
                and ctx.asked(s, "@what_if_prompt")
            )
            # a cost named and accepted: "that adds the write latency, a few milliseconds, I
            # think that's okay", "it's a bit stale but that's fine", "LWTs are slow, though"
            or (
                ctx.prose_has(s, "@cost_said")
                and any(
                    ctx.search(_CONCESSION, x)
                    for x in ctx.by_turn[s.turn]
                    if 0 <= x.index - s.index <= 1
                )
            )
        )
        and not ctx.search(_DENIED, s)
        and not ctx.listed(s)
    )


@criterion("design.drawback")
def design_drawback(ctx: GradeContext) -> Finding:
    rule = _drawback_rule(ctx)
    maybe = {
        id(s)
        for s in ctx.maybe(
            "@drawback_strong",
            "@drawback_consequence",
            "@drawback_named",
            "@shortfall",
            "@cost_said",
        )
    }
    said = _design_said(ctx)
    # and the answers to "any downside?", whatever words they use
    maybe |= {id(s) for s in said if s.index == 0 and ctx.prompted(s, "@downside_prompt")}
    hits = [s for s in said if id(s) in maybe and rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


_TABLE = re.compile(
    # ("users table: user ID, name, email": said aloud, the id has a space)
    r"(\b\w+[`*]*\s*(?:table)?\s*[:(\[{]\s*`?(?:\w+\s*,\s*)*\w*[_ ]?id\b)|"
    r"(\btable\b.*\b\w+[_ ]id\b)|(\b\w+_id\b.*\b\w+_id\b)",
    re.IGNORECASE,
)


_FIELD = re.compile(r"\b\w+[_ ]id\b|\b\w+_at\b|\b\w+_\w+\b", re.I)
# Tied to an access pattern: the read it serves ("-> given a user, their links", "so the
# history pages"). A key on the object's own id ("sharded by order_id") serves none.
_TIE = (
    "get|fetch|find|read|reads|lookup|lookups|look+up|given|list|listing|history|"
    "page|pages|newest|latest|recent|serve|serves|answer|answers|range|resolve|resolving|"
    "open|opening|show|everything|query+by|queries+by|search+by|all+of|per+user|timeline|feed|"
    "single+key|one+key|every+request|each+request|every+check|each+check|point+lookup|"
    # the read kept on one node: "so all of a customer's buckets land on the same shard"
    "same+shard|same+node|same+partition|one+shard|one+partition|per+key|per+customer"
)
"""Words naming the read a key serves; "for scalability", "for fast queries" and "so the load
is spread" name none."""
# 'for "tweets of an account"', "for links by owner": the read named after "for".
_FOR_PATTERN = re.compile(
    r"\bfor\s+[\"“'`]|\bfor\s+(?:the\s+|all\s+)?\w+\s+(?:of|by|per|from)\s+"
    r"(?:an?|the|each|one|a given|given|that|this|their|its|his|her)\b",
    re.IGNORECASE,
)
# "reading one row by the primary key": a key on the object's own id, a bare id.
_OWN_ID = re.compile(
    r"\bby (?:the |its |their |a )?(?:primary key|pk|id)\b(?! and| plus| \+)", re.IGNORECASE
)
_STREAM = re.compile(
    r"\b(?:kafka|kinesis|pulsar|rabbitmq|topics?|queues?|streams?|event log)\b", re.IGNORECASE
)
# A key named in words after the index it makes: "sharded by API key", "keyed on the code".
_KEY_FIELD = re.compile(
    r"\b(?:sharded|partitioned|keyed|indexed|index|shard|partition|key|lookups?|looked up|"
    r"look up|(?:shard|partition) (?:it|them)[.,]?)\s+(?:by|on)\s*,?\s+(?:(?:um|uh|like|say),?\s+)?"
    r"(?:the\s+)?[a-z]\w*"
    # "the key is the URL hash", "the partition key would be the user"
    r"|\b(?:the|partition|primary|row|sort|shard|hash)\s+key\s+(?:is|would be|will be|=)\s+"
    r"(?!to\b|that\b|not\b)(?:the\s+|a\s+)?[a-z]\w*",
    re.IGNORECASE,
)
# The field a key is on, said any way ("sharded on user_id", "shard it, um, by channel ID",
# "partitioned by the customer"): its first word.
_KEY_ON = re.compile(
    r"\b(?:shard(?:ed|ing)?|partition(?:ed|ing)?|keyed|key|index(?:ed)?|bucket(?:ed)?)\b"
    r"(?:\s+(?:it|them|this|that|everything|the\s+\w+))?[\s,]*"
    r"(?:(?:um|uh|er|like|say|maybe|probably|just)[\s,]+)*(?:by|on)\s+"
    r"(?:the\s+|a\s+|its\s+|their\s+)?([a-z][a-z0-9]*)"
)
# The field of an index: "an index on next run at", "indexed on the created at".
_INDEX_ON = re.compile(
    r"\bindex(?:ed)?\s+on\s+(?:the\s+)?([a-z][a-z_ ]{1,30}?)\s*(?:[.,;]|$|\band\b|\bso\b)"
)
_ARROW = re.compile(r"->|→|--|#|=>")
# What a key of two fields is also made for: one row per pair ("primary key is user ID plus
# post ID, so one user can vote only one time on one post"), a write that lands once ("the row
# key is ad id plus minute, and we overwrite"), or the value it maps to ("key is group plus
# partition, value is offset").
_QUERY_SAID = "where|order+by|sort+by|sorted+by|find|query|given|look+up"
_ONE_PER_KEY = (
    "only+once|only+one+time|at+most+one|one+per|unique+constraint|unique+per|unique+together|"
    "overwrite|overwrites|already+voted|already+exists|already+have|already+has|value+is|"
    "value+would+be|values+are|maps+to"
)
# "let me read it off the board": reading aloud, no read of the system
_NOT_A_READ = re.compile(r"\bread (?:it|this|that|them) (?:off|out|back|aloud)\b", re.IGNORECASE)
_COMPOSITE_KEY = re.compile(
    # "a unique constraint on event and seat"
    r"\bunique (?:constraint|index|key) (?:on|over) (?:the\s+)?[a-z][\w-]*(?:\s+id)?\s*"
    r"(?:,|and|plus|\+|&)\s*\w|"
    # "keyed by group, topic, partition"
    r"\b(?:keyed|key is|key would be|partitioned|sharded|indexed)\s+(?:by|on)?\s*(?:the\s+)?"
    r"[a-z][\w-]*(?:\s+id)?,\s+(?:the\s+)?[a-z][\w-]*(?:\s+id)?(?:,|\s+and|\s+plus)\s+\w|"
    r"\b(?:key|keyed|partition(?:ed)?|shard(?:ed)?|index(?:ed)?)\b[^.;]{0,20}?"
    r"\b(?:is|would be|will be|by|on|=)\s+(?:the\s+)?[a-z][\w-]*(?:\s+(?:id|at|hash|name|time))?"
    r"\s*(?:plus|\+|and|&)\s*(?:the\s+)?[a-z][\w-]*|"
    r"\bpartition(?:ed)?\s+(?:it\s+)?by\s+[\w ]{2,20}?,?\s+(?:and\s+)?"
    r"(?:cluster(?:ed|ing)?|sort(?:ed)?|order(?:ed)?)\s+(?:key\s+)?(?:by|on|is)\s+\w|"
    # "the partition key is chat id, and clustering key is message id"
    r"\bpartition key\s+(?:is|would be|will be|=)\s+[\w ,]{2,30}?\b(?:clustering|cluster|sort|"
    r"range|row) key\b",
    re.IGNORECASE,
)


# Every table line names an id ("..._id", "(id, ..."): a cheap pass before _TABLE.
_ID_END = re.compile(r"id\b")


def _tables(ctx: GradeContext) -> list[Said]:
    # "POST /payments, the body has amount, merchant_id ... returns payment_id" is an API call
    return [
        s
        for s in ctx.said
        if _ID_END.search(s.reading.low) and ctx.search(_TABLE, s) and not ctx.search(ENDPOINT, s)
    ]


def _tied_index_rule(ctx: GradeContext) -> SentenceRule:
    """An index or key tied to the read it serves: in the sentence, or, for a header like
    "Tables (partition key / sort key):", in a line under it (then those lines are quoted).
    A line ties with a field of its own, or anywhere once a table has been sketched."""
    tables = bool(_tables(ctx))

    def tied_line(x: Said) -> bool:
        return bool(ctx.search(_FIELD, x) or ctx.search(_KEY_FIELD, x) or tables) and (
            ctx.has(x, _TIE) or ctx.search(_ARROW, x) or ctx.search(_FOR_PATTERN, x)
        )

    def lines_under(s: Said) -> list[Said]:
        if not s.text.rstrip().endswith(":"):
            return [s]
        return [x for x in ctx.by_turn[s.turn] if x.index >= s.index]

    def tied_nearby(s: Said) -> bool:
        # said in pieces, as people talk: "We'd shard it. By paste ID. Because that's what we
        # look up by." (the key and its read in the next short sentences of the message)
        after = [x for x in ctx.by_turn[s.turn] if 0 < x.index - s.index <= 2]
        if len(s.text.split()) > 8 or not after:
            return False
        joined = " ".join([s.text, *(x.text for x in after)])
        return bool(_KEY_FIELD.search(joined)) and ctx.rule(_TIE).matches(tokens(joined))

    givens: list[list[tuple[Said, frozenset[str]]]] = []

    def indexed_for_a_query(s: Said) -> bool:
        # an index on a field a stated query filters or sorts on, wherever the query is said
        # ("it just asks 'what has next run at less than now'" ... "and an index on next run at")
        m = _INDEX_ON.search(s.reading.low)
        if not m:
            return False
        field = re.escape(m.group(1).strip())
        query = re.compile(
            rf"\b(?:where|has|with|by|sorted by|ordered by|order by)\s+(?:the\s+|its\s+)?{field}\b"
            rf"[^.?!]{{0,12}}?(?:<|>|=|less than|greater than|more than|before|after|below|above|"
            rf"equals|is|between|desc|asc)|"
            rf"\b{field}\s+(?:<|>|=|<=|>=|less than|greater than|before|after|between|is before|"
            rf"is after|equals|is less|is greater)"
        )
        return any(
            x is not s and query.search(x.reading.low) is not None
            for x in ctx.said
            if any(y is x for y in ctx.by_turn[x.turn])
        )

    def keyed_for_a_read(s: Said) -> bool:
        # a key on the thing a stated read is made for ("for each user you keep a list of
        # their requests" ... "we'd shard it, by user ID"), said in any turn
        fields = [m.group(1) for m in _KEY_ON.finditer(s.reading.low)]
        if not fields:
            return False
        if not givens:
            givens.append(read_givens(ctx))
        stems = {stem(f) for f in fields if f not in ("id", "key", "hash")}
        # (a read still in its message: the evidence is re-read on the quotes alone)
        return any(
            stems & things and any(x is read for x in ctx.by_turn[read.turn])
            for read, things in givens[0]
        )

    # A queue's or stream's partitions ("Kafka partitioned by hashtag") are no table key.
    return lambda s: (
        ctx.has(s, "@index")
        and not s.question
        and not ctx.search(_STREAM, s)
        and not ctx.search(_OWN_ID, s)
        and (
            any(tied_line(x) for x in lines_under(s))
            # a key of two fields, or a partition with a sort order, is made for a read named
            # with it or in the next two sentences ("partition by doc id, cluster by revision")
            or (
                bool(_COMPOSITE_KEY.search(s.text))
                and (
                    any(
                        (
                            ctx.has(x, _ONE_PER_KEY)
                            # the read named with the key or after it; before it, only as a
                            # query ("find questions where the tag is python, newest first. So
                            # an index on tags and created at")
                            or ctx.has(x, _TIE if x.index >= s.index else _QUERY_SAID)
                        )
                        and not _NOT_A_READ.search(x.text)
                        for x in ctx.by_turn[s.turn]
                        if abs(x.index - s.index) <= 2
                    )
                    # or in the answer when the interviewer asks why ("Why Cassandra?" -> "the
                    # access pattern is always give me the ops of doc X after revision N")
                    or bool(ctx.answered_why(s, f"{_TIE}|access+pattern|give+me"))
                )
            )
            or tied_nearby(s)
            or keyed_for_a_read(s)
            or indexed_for_a_query(s)
        )
    )


@sentence_rule("design.schema")
def _schema_rule(ctx: GradeContext) -> SentenceRule:
    """A sketched table, or an index tied to a read (the criterion wants both)."""
    tied = _tied_index_rule(ctx)
    return lambda s: ctx.search(_TABLE, s) or tied(s)


@criterion("design.schema")
def design_schema(ctx: GradeContext) -> Finding:
    tables = _tables(ctx)
    index = [s for s in ctx.where("@index") if not s.question]
    is_tied = _tied_index_rule(ctx)
    tied = [s for s in index if is_tied(s)]
    evidence = (tables[:1] + ctx.units(is_tied, tied[:1])) if tied else (tables[:1] or index[:1])
    return Finding(bool(tied), evidence, detail={"tables": bool(tables), "index": bool(index)})


# "We precompute everything we can": a slogan, no read made cheap.
_EVERYTHING = re.compile(
    r"\b(?:precomput|pre-comput|materiali|cache)\w*\s+(?:everything|all the things|whatever|"
    r"as much as)\b|"
    # "everything we can precompute, we precompute", "they crunch whatever they can"
    r"\b(?:everything|anything|whatever)\s+(?:we|you|i|they)\s+can\b",
    re.IGNORECASE,
)
# Work placed for the write side ("to absorb those writes I'd shard by geohash", "writes spread
# across the cluster, a write-heavy workload"): no read made cheap.
_FOR_WRITES = re.compile(
    r"\b(?:absorb|handle|take|spread|soak up)\s+(?:the\s+|those\s+|all\s+(?:the\s+)?)?"
    r"(?:writes|write load|ingest|updates|pings)\b|\bwrites? spread\b|\bwrite[- ]heavy\b|"
    r"\bthe write load\b",
    re.IGNORECASE,
)


@sentence_rule("design.hot_path")
def _hot_path_rule(ctx: GradeContext) -> SentenceRule:
    hot = "|".join(t.replace(" ", "+") for t in ctx.model.requirements.hot_path_terms) or "@feed"
    if ctx.model.id == "generic":
        # No scenario names the hot path: the read side said in words ("reads hit a per-user
        # timeline", "so opening the app is one lookup") names it, not any of the things the
        # candidate named ("precompute stats, counts, user metadata").
        hot = "@hot_read"

    def on_hot_path(s: Said) -> bool:
        # About the hot path: named nearby (then quoted with it), or the interviewer's question
        # it answers names it (the rule reads that question; a quote is the candidate's).
        return ctx.near(s, hot) or ctx.prompted(s, hot)

    structure = _hot_path_structures(ctx)

    return lambda s: bool(
        not s.question
        and (
            # A structure of the kind that serves the hot path, placed ("location pings go
            # into an in-memory geospatial index sharded by city").
            # (what it holds said with it: "geohash." in a recital, or "Cassandra, sharded by
            # geohash", places nothing on the hot path)
            (
                structure is not None
                and ctx.has(s, structure)
                and (on_hot_path(s) or bool(_PLACING.search(s.reading.low)))
            )
            # A result prepared ahead for the hot path, or one that makes reads cheap
            # ("worked out at save time rather than at fetch time").
            # A bare "feeds are precomputed" says neither how nor what it saves.
            or (
                ctx.has(s, "@precompute")
                and not ctx.search(_EVERYTHING, s)
                and (on_hot_path(s) or ctx.near(s, "@cheap_read"))
                and ctx.near_after(
                    s, "@cheap_read|@reason|when|whenever|on+write|at+write|each|every"
                )
            )
            or (
                _is_cache(ctx, s)
                and on_hot_path(s)
                and ctx.near(s, CACHE_REASON)
                and not _metric_row(s.text)  # "| Cache hit ratio | 80/20 rule |": a figure
            )
            # A result kept up to date ahead of the read, with the read it spares said beside
            # it ("I'd keep an unread counter per user, bump it when a notification lands ...
            # not a COUNT over notifications on every open")
            or (
                ctx.has(s, "@kept_ahead")
                and not ctx.search(_EVERYTHING, s)
                and ctx.near(s, "@read_avoided|@cheap_read", reach=2)
            )
        )
        and not ctx.listed(s)
        and not any(ctx.search(_FOR_WRITES, n) for n in ctx.neighbours(s))
    )


_READ_STRUCTURES = ("geo", "prefix", "search", "sorted", "document")


_PLACING = matcher("placing")


def _metric_row(text: str) -> bool:
    """A row of a table of figures ("| Cache hit ratio | 80/20 rule |"): a name and a value,
    nothing placed."""
    return "|" in text and len([c for c in text.split("|") if c.strip()]) <= 2


def _hot_path_structures(ctx: GradeContext) -> str | None:
    """The read structures that serve this scenario's hot path: the families (vocabulary
    `read_structure_*`) its model answer uses. None where no family serves it, or with no
    scenario (nothing says which read is hot)."""
    answer = ctx.model.design.hot_path
    if not answer or ctx.model.id == "generic":
        return None
    said = tokens(answer)
    families = [
        f"@read_structure_{f}"
        for f in _READ_STRUCTURES
        if ctx.rule(f"@read_structure_{f}").matches(said)
    ]
    return "|".join(families) or None


@criterion("design.hot_path")
def design_hot_path(ctx: GradeContext) -> Finding:
    if ctx.model.design.hot_path is None:
        return Finding(True, applicable=False)
    rule = _hot_path_rule(ctx)
    structure = _hot_path_structures(ctx)
    sources = ("@precompute", "@kept_ahead", *_CACHE_WORDS, *([structure] if structure else []))
    hits = [s for s in ctx.maybe(*sources) if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


# "Keep the most-opened posts in memory": a cache without the word. "An in-memory geo index"
# is a store of its own, not a copy.
_IN_MEMORY = re.compile(
    # (what is kept is no queue, counter or buffer: "keep a small queue in memory for each host"
    # is working state, not a copy)
    r"\b(?:keep|keeps|kept|keeping|hold|holds|held|holding)\s+"
    r"(?:(?!(?:queues?|counters?|buffers?|connections?|sockets?)\b)[\w'-]+\s+){0,4}?"
    r"in[- ](?:memory|ram)\b(?![- ](?:geo|index|indexes|grid|database|db|store|stores|table|"
    r"tables|map|structure|queue|cluster|log))",
    re.IGNORECASE,
)


# "A 301 is permanent, so the browser caches it": how HTTP behaves, not a cache the candidate
# adds (one given with a reason still counts as justified).
_BROWSER_CACHE = re.compile(
    r"\b(?:browsers?|user agents?)\b[^.;]{0,40}\bcach|\bcach\w*\b[^.;]{0,20}\bby (?:the )?browsers?\b",
    re.IGNORECASE,
)


# "Relaxing it lets us serve reads from replicas and caches": what a decision makes possible,
# not a cache placed.
_ENABLED_CACHE = re.compile(
    r"\b(?:lets (?:us|me|you|them)|let (?:us|me)|letting (?:us|me)|allows?|allowing|enables?|"
    r"enabling|free to|so (?:we|i) can|"
    r"makes? it (?:possible|easy|easier|safe) to)\b[^.;]{0,50}\bcach",
    re.IGNORECASE,
)


_CACHE_WORDS = ("@cache", "memory|ram")
"""What a cache is said with: the word, or "in memory" / "in RAM" (`maybe` on these finds every
sentence `_is_cache` may hold for)."""


# Redis used as a store of its own ("Redis for the holds, with a TTL", "a sorted set per
# contest") is no copy of anything: a cache only where the sentence says cache.
_REDIS_AS_STORE = re.compile(
    r"\b(?:store|stores|stored|storing|holds?|source of truth|sorted sets?|pub ?/? ?sub|queues?|"
    r"counters?|locks?|ttl|expire|expires|expiry|geo\w*|leaderboards?|sessions?|rate limit\w*|"
    r"keep|keeps|kept|look ?up|lookups?|registry|mapping)\b",
    re.IGNORECASE,
)


_CACHE_SAID = ("cach", "cdn", "in front", "copy", "copies")


def _redis_is_the_store(ctx: GradeContext) -> bool:
    """Whether Redis is, in this interview, where state lives and never a copy of it: some
    sentence makes it a store ("counters in Redis", "a sorted set per user") and none a
    cache. Then "In Redis." and "a lot of Redis instances" place the store."""
    redis = ctx.maybe("redis")
    return any(ctx.search(_REDIS_AS_STORE, x) for x in redis) and not any(
        w in x.reading.low for x in redis for w in _CACHE_SAID
    )


def _is_cache(ctx: GradeContext, s: Said) -> bool:
    # "in memory" / "in ram" first, by substring: most sentences say neither.
    low = s.reading.low
    if (
        "redis" in low
        and not any(w in low for w in _CACHE_SAID)
        and (
            ctx.search(_REDIS_AS_STORE, s)
            or _REDIS_AS_STORE.search(ctx.prompt(s))
            or _redis_is_the_store(ctx)
        )
    ):
        return False
    if ("cach" not in low and "cdn" not in low) and ctx.search(_ROUTING_STATE, s):
        return False  # "a session map, user and device to gateway, in an in-memory store"
    if ctx.has(s, "@cache"):
        return True
    return (
        ("memory" in low or "ram" in low)
        and bool(ctx.search(_IN_MEMORY, s))
        and not ctx.search(_LIVE_STATE, s)
    )


# Where each connection lives ("a session map, user to gateway", "which server holds the
# socket"): state of its own, kept in memory because it is live, no copy of anything.
_ROUTING_STATE = re.compile(
    r"\b(?:session maps?|connection maps?|(?:user|device)s? (?:and device )?to (?:the )?"
    r"(?:gateway|server|socket|connection)s?|presence|online status|socket registry)\b",
    re.IGNORECASE,
)


# State a server owns and changes in memory ("the collaboration server holds the current board
# state in memory, that's the working copy, and it's applying ops to it"): no copy of anything,
# so no cache, unless the sentence calls it one.
_LIVE_STATE = re.compile(
    r"\b(?:working copy|source of truth|live state|current state|authoritative|applying|"
    r"applies (?:the )?(?:ops|operations|changes|edits|updates)|owns? (?:the|that|this|each) \w+)\b",
    re.IGNORECASE,
)


def _proposed_cache(ctx: GradeContext, s: Said) -> bool:
    return (
        _is_cache(ctx, s)
        and (not s.question or ctx.has(s, "add|use|put"))
        and not ctx.search(_NO_CACHE, s)
    )


@sentence_rule("design.cache_justified")
def _cache_rule(ctx: GradeContext) -> SentenceRule:
    # A cache proposed with a reason up to two sentences away (quoted with it). A cache recited
    # in a list ("Redis + CDN + read replicas") is proposed with no reason.
    # The reason may also come in the candidate's answer when the interviewer asks why.
    return lambda s: (
        _proposed_cache(ctx, s)
        and not ctx.listed(s)
        and (
            ctx.near(s, CACHE_REASON, reach=2)
            or bool(ctx.answered_why(s, CACHE_REASON, ASKS_ABOUT_CACHE))
            or _reason_later(ctx, s)
            or _cdn_for_its_load(ctx, s)
        )
    )


_CDN = "cdn|cdns|content+delivery"


def _cdn_for_its_load(ctx: GradeContext, s: Said) -> bool:
    """A CDN justified by a load worked out in figures in the sentences around it ("fifty
    terabits a second, no data center does that. So it's served from the edge, a CDN"). A CDN
    "for the photos" says what it serves, not why: the SPEC's strict reading."""
    return ctx.has(s, _CDN) and ctx.near(s, "@cdn_load", reach=2)


ASKS_ABOUT_CACHE = "@why_prompt|@cache"
"""A question about the cache ("What would be in the cache?") is answered with its reason."""


_CACHED_THING = re.compile(
    r"\bcach(?:e|es|ed|ing)\s+(?:of|for)\s+(?:the\s+|all\s+(?:the\s+)?|our\s+|their\s+|its\s+)?"
    r"(?P<of>[a-z][\w-]+)|"
    r"\bcach(?:e|ing)\s+(?:the\s+|all\s+(?:the\s+)?|their\s+|our\s+)(?P<verb>[a-z][\w-]+)|"
    r"\bkeep\s+(?:the\s+|all\s+(?:the\s+)?|their\s+|our\s+)?(?P<kept>[a-z][\w-]+)\s+in\s+memory",
    re.IGNORECASE,
)


def _reason_later(ctx: GradeContext, s: Said) -> bool:
    """The reason given later in the interview for the thing cached ("a cache of the rules in
    each server" ... "the rules change like once a week"): a later sentence of the candidate's
    that names the thing and gives a reason to cache it."""
    m = _CACHED_THING.search(s.text)
    thing = m and (m.group("of") or m.group("verb") or m.group("kept"))
    if not thing or thing.lower() in _NOT_A_THING:
        return False
    stem = tokens(thing)[0]

    def gives_reason(x: Said) -> bool:
        if stem in x.tokens:
            return ctx.has(x, CACHE_REASON) and not x.question
        # the answer to "how often do the rules change?": "not that often, once a week"
        asked = tokens(ctx.prompt(x))
        return (
            x.index == 0
            and stem in asked
            and ctx.rule("@edit").matches(asked)
            and ctx.has(x, "@rarely")
        )

    return any((x.turn, x.index) > (s.turn, s.index + 2) and gives_reason(x) for x in ctx.said)


_WHY_CACHE = "@why_prompt @cache|redis|memcache|memcached|cached|caching"
_EVERY_SYSTEM = re.compile(
    r"\b(?:every|any|all)\s+(?:[\w-]+\s+){0,2}systems?\s+(?:needs?|has|have|uses?)\b",
    re.IGNORECASE,
)


def _why_cache_answered(ctx: GradeContext) -> list[Said]:
    """Sentences giving a cache's reason in answer to the interviewer's question why there is a
    cache ("Why cache it at all, if the database is this small?", "Why Redis?"), asked at any
    later point: the first reason of each answer."""
    out: list[Said] = []
    for message in ctx.by_turn.values():
        if not ctx.asked(message[0], _WHY_CACHE):
            continue
        # a clause that says something, not a fragment of buzzwords ("Hot data, for low
        # latency."), in an answer that does not fall back on "every big system has one"
        if any(_EVERY_SYSTEM.search(s.text) for s in message):
            continue
        reasons = [
            s
            for s in message
            if not s.question and ctx.has(s, CACHE_REASON) and _SAYS.search(s.text)
        ]
        out += reasons[:1]
    return out


_NOT_A_THING = frozenset(
    [
        "it",
        "them",
        "this",
        "that",
        "those",
        "these",
        "everything",
        "things",
        "stuff",
        "data",
        "results",
        "result",
    ]
)


# Where the system to build is itself a cache ("Design a distributed cache"), "the cache" is the
# system: a cache proposed is one of another layer, in front of it or beside it.
_CACHE_PROBLEM = re.compile(
    r"\bcach(?:e|es|ing)\b|\bmemcached?\b|\bcdn\b|\bcontent delivery\b", re.IGNORECASE
)
_OTHER_LAYER = re.compile(
    r"\b(?:local|client[- ]side|in[- ]process|near|l1|l2|edge|on[- ]the[- ]client|in the client|"
    r"per[- ]process|per[- ]host|second[- ]level)\b",
    re.IGNORECASE,
)


def _cache_kind(ctx: GradeContext, s: Said) -> str:
    return "cdn" if ctx.has(s, _CDN + "|edge") else "cache"


_CACHE_NAMED = re.compile(r"(?i)\bcach|\bcdns?\b|\bmemcache")


def _slogan_given(ctx: GradeContext, s: Said) -> bool:
    """The sentence, with the one after it in its message, gives only a slogan for a reason."""
    after = ctx.between(s, s.index + 1, s.index + 1)
    return slogan_reason(" ".join([s.text, *(x.text for x in after)]))


def _reasoned_aloud(s: Said) -> bool:
    return bool(_SAYS.search(s.text)) and not s.text.lstrip().startswith("|")


@criterion("design.cache_justified")
def design_cache_justified(ctx: GradeContext) -> Finding:
    caches = [s for s in ctx.maybe(*_CACHE_WORDS) if _proposed_cache(ctx, s)]
    if _CACHE_PROBLEM.search(ctx.problem):
        caches = [s for s in caches if ctx.search(_OTHER_LAYER, s)]
    rule = _cache_rule(ctx)
    unjustified, justified = [], []
    for s in caches:
        if rule(s):
            justified.append(s)
        elif not (ctx.search(_BROWSER_CACHE, s) or ctx.search(_ENABLED_CACHE, s)):
            unjustified.append(s)
    # A cache recited in a list of names is placed nowhere: with no cache justified it stands
    # for caches proposed without a reason, but it does not spoil one the candidate reasoned.
    if justified:
        unjustified = [s for s in unjustified if not ctx.listed(s)]
        # A cache reasoned once covers every other mention of its kind, before ("the media in
        # S3, with a CDN in front" ... "the CDN is pull-based, so only what people keep
        # watching stays at the edge") or after ("purge the cache"): a reason said in a
        # sentence, not a table cell. Said after it, a cache of another kind passes too, unless
        # the reason it is given is a slogan ("and a CDN and Memcached in front. For
        # performance.").
        reasoned = {_cache_kind(ctx, x) for x in justified if _reasoned_aloud(x)}
        first = (justified[0].turn, justified[0].index)
        # A cache given a slogan for a reason ("Redis for low latency") stays unjustified
        # whatever is said of its kind elsewhere.
        unjustified = [
            s
            for s in unjustified
            if _slogan_given(ctx, s)
            or (_cache_kind(ctx, s) not in reasoned and (s.turn, s.index) < first)
        ]
    if unjustified:
        # "Why cache it at all?" asked later, and answered with a reason: the reason is for the
        # caches proposed before the question
        later = _why_cache_answered(ctx)
        if later:
            justified += later
            unjustified = [s for s in unjustified if s.turn > later[-1].turn]
    if unjustified:
        return Finding(False, unjustified[:2], detail={"unjustified": unjustified[0].text})
    return Finding(
        True,
        # (a cache said by name quoted first: "so I can cache the result per cell", before
        # "the map search reads from Redis" that the reason near it made a cache)
        _with_why(
            ctx,
            rule,
            sorted(justified, key=lambda x: not _CACHE_NAMED.search(x.text))[:2],
            CACHE_REASON,
            2,
            ASKS_ABOUT_CACHE,
        ),
        detail={"count": len(caches)},
    )


# A load balancer placed in the path of requests to a service ("the load balancer sends it to
# the paste service", "REST APIs to a document service behind a load balancer"): a balancer
# spreads requests over copies of what is behind it.
_LB_IN_PATH = re.compile(
    r"\b(?:behind|in front of|sends? (?:it |them |(?:the |each |every )?(?:requests?|calls?) )?(?:on )?to|"
    r"goes (?:on )?to|go (?:on )?to|hits?|routes?|forwards?|passes (?:it )?to|then (?:to )?(?:the|a|our))\b",
    re.IGNORECASE,
)


def _walks_the_stack(s: Said) -> bool:
    """The standard stack walked through in one sentence ("a CDN, then a load balancer, then an
    API gateway, then microservices"): names recited in order, nothing placed for a reason."""
    return len(_STACK_PART.findall(s.reading.low)) >= 3


_STACK_PART = re.compile(
    r"\b(?:cdn|load balancer|api gateway|gateway|microservices|cache|database|queue|kafka|"
    r"redis|cloudflare|kong|nginx)\b"
)


@sentence_rule("design.load_balancing")
def _load_balancing_rule(ctx: GradeContext) -> SentenceRule:
    # The reason is in the sentence, or in the next one when that one talks about the servers
    # (then both are quoted). Or the balancer is placed in the path of requests to a service,
    # in a sentence that is no recital of the stack (at most one brand, a few components).
    return lambda s: (
        ctx.has(s, "@load_balancer")
        and (
            not ctx.listed(s)
            and ctx.has(s, "@lb_reason")
            or any(
                n.index == s.index + 1
                and ctx.has(n, "@lb_reason")
                and ctx.has(n, "they|them|these|this|it|server|instance|node|replica")
                for n in ctx.by_turn[s.turn]
            )
            or (
                not s.question
                and not ctx.listed(s)
                # a drawn edge to one node is one server behind it
                and not isinstance(s.sentence, DiagramSentence)
                and bool(ctx.search(_LB_IN_PATH, s))
                and ctx.has(s, "service|services|server|servers|api|app|backend|instances|nodes")
                and len(_brand_words(ctx, s)) <= 1
                and not _walks_the_stack(s)
            )
        )
    )


@criterion("design.load_balancing")
def design_load_balancing(ctx: GradeContext) -> Finding:
    rule = _load_balancing_rule(ctx)
    hits = [s for s in ctx.where("@load_balancer") if rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


@sentence_rule("design.generic_names")
def _generic_names_rule(ctx: GradeContext) -> SentenceRule:
    # A generic name with no brand in the sentence, or a brand justified in it or beside it
    # (then both are quoted).
    # With no brand anywhere, any component said in plain words is named generically.
    branded = bool(ctx.where("@brand"))
    return lambda s: (
        (ctx.has(s, "@generic_component") and not ctx.has(s, "@brand"))
        or (ctx.has(s, "@brand") and ctx.near(s, "@brand_justified"))
        or _brand_as_example(ctx, s)
        or (not branded and ctx.has(s, "@component"))
    )


@criterion("design.generic_names")
def design_generic_names(ctx: GradeContext) -> Finding:
    # A brand the interviewer brought up ("Why not just Postgres?") is not the candidate's:
    # answering about it names nothing of their own.
    brands = [s for s in ctx.where("@brand") if _own_brand(ctx, s) and not _brand_declined(ctx, s)]
    database = _database_rule(ctx)
    # Once a brand is justified, later mentions of it ("Redis for holds and the database for
    # sold seats") need no reason again. A brand with a reason (in its sentence or the next),
    # or given as the example of a kind; a database chosen for a reason ("Cassandra, or a
    # sharded MySQL, either's fine, it's a simple key lookup") is one too.
    unjustified, known, said_as = [], set(), set()
    for s in brands:
        named = {w.lower() for w in _brand_words(ctx, s)}
        if ctx.near_after(s, "@brand_justified") or _brand_as_example(ctx, s) or database(s):
            known |= named
            said_as |= set(_brand_words(ctx, s))
        elif not named <= known:
            unjustified.append(s)
    generic = [s for s in ctx.where("@generic_component") if s not in brands]
    # A habit, not a slip: people who name kinds ("a queue", "object storage") and give their
    # reasons still say "S3" in passing. Unmet when at least a third of the sentences that name
    # a component name a brand never justified.
    if unjustified and len(unjustified) * 3 >= len(generic) + len(brands):
        brand = next(
            (w for w in re.findall(r"[\w-]+", unjustified[0].text) if ctx.has_word(w, "@brand")),
            unjustified[0].text,
        )
        return Finding(False, unjustified[:2], detail={"brand": brand})
    if not brands and not generic and (first := ctx.first_component()) is not None:
        # components described in plain words ("a front door that hands each call to any
        # server"), no brand anywhere: generic names
        return Finding(True, [first], detail={"justified": None})
    justified = ", ".join(sorted(said_as)) or None
    # quoted: the sentences that name a component generically or justify a brand (a brand said
    # in passing is tolerated, not evidence)
    rule = _generic_names_rule(ctx)
    quoted = [s for s in (*generic, *brands) if rule(s)][:2]
    return Finding(
        bool(generic or brands),
        ctx.units(rule, quoted) if quoted else (generic or brands)[:1],
        detail={"justified": justified},
    )


def _brand_words(ctx: GradeContext, s: Said) -> list[str]:
    """The sentence's words that name a product ("Kafka", "Redis"), in order."""
    return ctx.per_sentence(
        s, "brand_words", lambda: [w for w in _WORD.findall(s.text) if ctx.has_word(w, "@brand")]
    )


_WORD = re.compile(r"[\w-]+")


# "I wouldn't do a Kafka topic per host": a brand turned down is not placed.
_DECLINED = re.compile(
    r"\b(?:wouldn'?t|won'?t|don'?t|do not|would not|will not|not|never|no need for|instead of|"
    r"rather than|avoid)\b(?:\s+\w+,?){0,4}?\s+(?:like,?\s+)?(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)


def _brand_declined(ctx: GradeContext, s: Said) -> bool:
    """Whether every brand of the sentence is turned down ("I wouldn't do, like, a Kafka topic
    per host"; "rather than Mongo")."""
    starts = [
        m.start()
        for w in set(_brand_words(ctx, s))
        for m in re.finditer(rf"\b{re.escape(w)}\b", s.text)
    ]
    return bool(starts) and all(_DECLINED.search(s.text[:i]) for i in starts)


def _brand_as_example(ctx: GradeContext, s: Said) -> bool:
    """ "An object store, like S3 or whatever the cloud has": a generic name, the brand only
    its example (every brand of the sentence right after "like", "such as", "e.g.", or the kind
    "which is" it). The kind may be in the sentence before, when this one opens with the
    example ("A key-value store. Like RocksDB or Cassandra, key is the URL hash.")."""
    opens_with_example = re.match(r"\s*(?:like|such as|e\.?g\.?|say|for example)\b", s.text, re.I)
    kind_before = opens_with_example and any(
        n.index == s.index - 1 and ctx.has(n, "@generic_component") for n in ctx.by_turn[s.turn]
    )
    if not ctx.has(s, "@generic_component") and not _ANY_LIKE_IT.search(s.text) and not kind_before:
        return False
    named = _brand_words(ctx, s)
    return bool(named) and all(
        _BRAND_KIND.search(w)
        # "Kafka, or anything like it"
        or re.search(
            rf"\b{re.escape(w)}\b,?\s+or (?:anything|something) (?:like it|similar)", s.text, re.I
        )
        or re.search(
            rf"\b(?:like,?|such as|e\.?g\.?,?|for example,?|for instance,?|in the|say,?|"
            rf"which is|which would be|i\.e\.,?|aka|probably|something like|or)\s+"
            rf"(?:\w+\s+or\s+)?{re.escape(w)}\b"
            # a kind named after a brand: "an S3-style object store", "the Cassandra family"
            rf"|\b{re.escape(w)}(?:[- ](?:style|like|ish|type|compatible|flavou?red)\b|\s+family\b)",
            s.text,
            re.IGNORECASE,
        )
        for w in named
    )


_ANY_LIKE_IT = re.compile(r",?\s+or (?:anything|something) (?:like it|similar)\b", re.I)
_BRAND_KIND = re.compile(r"-(?:style|like|ish|type|compatible|flavou?red)$", re.IGNORECASE)
"""A brand word that names a kind ("S3-style")."""


def _own_brand(ctx: GradeContext, s: Said) -> bool:
    """Whether the sentence names a brand the interviewer's question before it did not."""
    asked = set(re.findall(r"[\w-]+", ctx.prompt(s).lower()))
    return any(w.lower() not in asked for w in _brand_words(ctx, s))


_TO_YOU = re.compile(r"\b(?:you|u|your)\b(?!\s+(?:can|could|might|may|would|will)\s+(?:see|notice|get|lose|end up)\b)", re.IGNORECASE)
"""A question put to the interviewer ("what would you improve?"), not a generic "you" ("so you
could end up with a hot partition?")."""


@sentence_rule("design.assess")
def _assess_rule(ctx: GradeContext) -> SentenceRule:
    # "Hot partition." alone names a term, not a limitation of this design. The first answer
    # to the interviewer's "What breaks?" assesses in any words (a denial assesses nothing).
    def answers_assess_prompt(s: Said) -> bool:
        # a recital of products ("I'd add Kubernetes, Istio and Grafana") assesses nothing
        return (
            s.index == 0
            and not s.question
            and not _NO_DOWNSIDE.match(s.text)
            and not _ALL_GOOD.search(s.text)
            and ctx.asked(s, "@assess_prompt")
            and len(_brand_words(ctx, s)) <= 1
        )

    return lambda s: bool(
        (ctx.has(s, "@assess") or answers_assess_prompt(s))
        # "anything you'd want me to revisit?" asks the interviewer to assess it
        and not (s.question and _TO_YOU.search(s.text))
        and not ctx.search(_DENIED, s)
        and not ctx.listed(s)
        and len(s.text.split()) >= 4
    )


@criterion("design.assess")
def design_assess(ctx: GradeContext) -> Finding:
    rule = _assess_rule(ctx)
    maybe = {id(s) for s in ctx.maybe("@assess")}
    said = _design_said(ctx)
    # and the answers to "What breaks?", "Anything you'd add?", whatever words they use
    maybe |= {id(s) for s in said if s.index == 0 and ctx.asked(s, "@assess_prompt")}
    hits = [s for s in said if id(s) in maybe and rule(s)]
    return Finding(bool(hits), ctx.units(rule, hits[:2]))


def _twist_turn(ctx: GradeContext) -> tuple[int, str] | None:
    """The interviewer turn that changed a constraint, and which twist it was.

    sdi's own transcripts mark it (`act` holds "twist"); otherwise the twist's words are looked
    for in the interviewer's messages.
    """
    twists = ctx.model.twists
    if not twists:
        return None
    for turn, message in enumerate(ctx.transcript.messages):
        if message.role != "interviewer":
            continue
        text = message.content.lower()
        for twist in twists:
            if " ".join(twist.change.split()[:6]).lower() in text:
                return turn, twist.id
        if message.act and "twist" in message.act:
            return turn, twists[0].id
    return None


@criterion("design.adapts")
def design_adapts(ctx: GradeContext) -> Finding:
    found = _twist_turn(ctx)
    if found is None:
        return Finding(True, applicable=False)
    turn, twist_id = found
    twist = next(t for t in ctx.model.twists if t.id == twist_id)
    replies = [s for s in ctx.said if s.turn > turn]
    first_reply = replies[0].turn if replies else None
    answer = [s for s in replies if s.turn == first_reply]
    rule = _adapts_rule(ctx)
    hits = [s for s in answer if rule(s)]
    return Finding(bool(hits), hits[:2] or answer[:1], detail={"change": twist.change})


@sentence_rule("design.adapts")
def _adapts_rule(ctx: GradeContext) -> SentenceRule:
    """Speaks of the change the twist made (the criterion takes the first reply to it)."""
    found = _twist_turn(ctx)
    if found is None:
        return lambda s: False
    twist = next(t for t in ctx.model.twists if t.id == found[1])
    return lambda s: any(ctx.has(s, rule) for rule in twist.adapt)
