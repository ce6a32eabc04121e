# sdi: slim, non-root image. Build: docker build -t sdi .   Run: docker run --rm -it sdi chat
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY app ./app
COPY graphs ./graphs
COPY prompts ./prompts
RUN pip install . && useradd --create-home --uid 10001 sdi
USER sdi
ENTRYPOINT ["sdi"]
# Local mode (no API keys) binds 127.0.0.1 only; create a key (sdi keys create TENANT) to serve
# other hosts. DATABASE_URL points at the database (a volume or PostgreSQL).
EXPOSE 8000
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
