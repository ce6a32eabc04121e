"""The web app's pages and static files. Pages are plain HTML; their scripts talk to /api/v1.

Every page and static file goes out with security headers: a Content-Security-Policy that lets
the page load scripts, styles and images only from this server and connect only back to it
(HTTP and same-origin websockets), no MIME sniffing, and no Referer (an interview token in a
URL's fragment never leaves the page anyway; this keeps paths private too).
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import FileResponse
from starlette.responses import Response
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

STATIC = Path(__file__).parent / "static"

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",  # CSP level 3: 'self' covers ws:/wss: to the same host
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    path = STATIC / name
    if not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"page '{name}' is not installed")
    # no-cache: the browser revalidates (ETag), so an upgraded sdi serves its new pages at once.
    headers = SECURITY_HEADERS | {"Cache-Control": "no-cache"}
    return FileResponse(path, media_type="text/html; charset=utf-8", headers=headers)


@router.get("/")
async def index() -> FileResponse:
    """Past interviews, and a form to start a new one."""
    return _page("index.html")


@router.get("/interview/{interview_id}")
async def interview_page(interview_id: str) -> FileResponse:
    """The live interview (its script reads the id from the URL)."""
    return _page("interview.html")


@router.get("/review/{interview_id}")
async def review_page(interview_id: str) -> FileResponse:
    """A finished interview's transcript and grade."""
    return _page("review.html")


class SecureStaticFiles(StaticFiles):
    """StaticFiles that sends the pages' security headers and asks browsers to revalidate."""

    def file_response(
        self,
        full_path: PathLike,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.update(SECURITY_HEADERS | {"Cache-Control": "no-cache"})
        return response


def static_files() -> StaticFiles:
    """The app's static files, to mount at /static."""
    return SecureStaticFiles(directory=STATIC)
