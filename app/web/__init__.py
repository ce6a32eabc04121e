"""The web app: static pages (transcripts list, interview, review) over the HTTP API."""
