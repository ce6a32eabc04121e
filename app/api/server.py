"""`sdi serve`'s uvicorn server, with a graceful shutdown that lets turns under way finish.

On SIGTERM (or Ctrl+C) uvicorn stops listening, asks every connection to close (websockets get
1012 at once) and waits up to its timeout before cancelling what is left. A reply that a model is
still streaming would reach its websocket clients cut off. So the shutdown here drains first: it
stops listening (a new connection is refused), refuses new turns (503 / an `unavailable` error
frame), and waits for the turns under way, whose clients get the whole reply; then uvicorn's own
shutdown closes the connections (websockets with 1012, "service restart") and runs the lifespan's.
All of it within `grace_s`; turns still running then are cancelled (their message is stored and
the next turn on the interview answers it first).
"""

from __future__ import annotations

import logging
import math
import signal
import socket
import time

import uvicorn
from fastapi import FastAPI

from app.api.turns import InFlight

log = logging.getLogger("sdi.serve")


class Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, turns: InFlight, grace_s: float) -> None:
        super().__init__(config)
        self.turns = turns
        self.grace_s = grace_s

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        deadline = time.monotonic() + self.grace_s
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        log.info("draining: no new connections or turns", extra={"in_flight": len(self.turns)})
        if not await self.turns.drain(self.grace_s):
            log.error(
                "turns still running after the graceful timeout: cancelled",
                extra={"in_flight": len(self.turns)},
            )
            self.turns.cancel()
        left = deadline - time.monotonic()
        self.config.timeout_graceful_shutdown = max(1, math.ceil(left))
        await super().shutdown(sockets)


def serve(app: FastAPI, host: str, port: int, ws_max_size: int, grace_s: float) -> int:
    """Run `app` until SIGTERM or Ctrl+C, then shut down gracefully; returns the exit code
    (0 after a graceful shutdown, 3 when the server could not start)."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        ws_max_size=ws_max_size,
        log_config=None,  # app.logs.configure() set up the loggers, uvicorn's included
        access_log=False,  # app.logs.RequestLog writes the request lines, without query strings
        timeout_graceful_shutdown=max(1, math.ceil(grace_s)),
    )
    server = Server(config, app.state.turns, grace_s)
    # After a graceful shutdown uvicorn raises the signal it caught again, for the previous
    # handler; SIGTERM's default handler would end the process with -15. A drained stop is a
    # clean exit, so the previous handler for the duration is one that does nothing.
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0 if server.started else 3
