"""The desk: `revise serve`, the revision procedure in a browser for people who never open a terminal.

A thin web layer (FastAPI, Jinja2, uvicorn) over the same core as the CLI: every page and API
endpoint asks `revise.workflow.permissions` what the signed-in person may do, and every step is
the core's own step commit, authored by that person and committed by the desk in its own clone.

Modules: `settings` (flags and `desk:` in revise.yaml), `clone` (the desk's clone, its fetches
and write lock), `auth` (who a request is: `actor_from_request`), `csrf`, `app` (the application
factory), `actions` (one table of steps shared by the forms and the API), `api`, `pages`,
`drafting` and `schemaform` (editing documents in the browser), `training`, `quality`, `signin`.
"""
