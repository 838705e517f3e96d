"""The desk: `revise serve`, the revision procedure in a browser for people who never open a terminal.

A thin web layer (FastAPI, Jinja2, uvicorn) over the same core as the CLI: every page and API
endpoint asks `revise.workflow.permissions` what the signed-in person may do, and every step is
the core's own step commit, authored by that person and committed by the desk in its own clone.

Modules: `settings` (flags and `desk:` in revise.yaml), `clone` (the desk's clone, its fetches,
write lock and refs generation), `state` (what a process shares), `auth` (who a request is:
`actor_from_request`), `csrf`, `app` (the application factory) and `server` (for worker processes),
`render` (templates and errors as HTTP answers), `views` (what pages show, kept until the refs
move), `actions` (one table of steps shared by the forms and the API), `api`, `pages`, `tasks`
(我的待办), `drafting`, `schemaform` and `yamledit` (editing documents in the browser), `training`,
`quality` and `uploads`, `signin`; `trainrecords` (training records, the self-check API) and `duties`
(reviews due, drills, effect evaluations due); 阅读确认: `reading` (the 待阅读 and completion pages),
`reading_api`, `readingview` (what they show, from the core) and `exports` (CSV, .xlsx). See
docs/desk.md, docs/records.md and docs/records-training.md.
"""
