# sdi: slim, non-root image.
#   docker build -t sdi .
#   docker run --rm -it sdi chat                      # a terminal interview (SQLite in the home dir)
#   docker compose up -d                              # PostgreSQL, migrations, 2 replicas, a proxy
# Local mode (no API keys) binds 127.0.0.1 only: create a key (sdi keys create TENANT) so that
# `serve --host 0.0.0.0` answers other hosts. DATABASE_URL points at the database.

# Build stage: a virtualenv with sdi and its wheels; no compiler or pip cache reaches the image.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/sdi
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY graphs ./graphs
COPY prompts ./prompts
RUN /opt/sdi/bin/pip install .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/sdi/bin:$PATH SDI_LOG_FORMAT=json
RUN useradd --create-home --uid 10001 --user-group sdi
COPY --from=build /opt/sdi /opt/sdi
USER sdi
WORKDIR /home/sdi
EXPOSE 8000
# Ready = the database answers and the scenarios are loaded (slim has no curl: Python asks).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2).status != 200)"]
# SIGTERM (docker stop) drains: no new connections or turns, the turns under way finish, exit 0.
# Give the container more than --graceful-timeout to stop (compose: stop_grace_period).
STOPSIGNAL SIGTERM
ENTRYPOINT ["sdi"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000", "--graceful-timeout", "30"]
