"""The public commitments site (客户服务承诺书): a small static site apart from the staff handbook.

`revise build` writes it beside the handbook (`build/public/` by default, `--public-out DIR`) for
the centre to publish on its website: one page (`index.html` and `style.css`, nothing loaded from
elsewhere) with the promises in force grouped by topic, and `commitments.json` with the same
content for the website's or app's own pages. The output folder follows the handbook's rules
(`revise.handbook.outdir`: absent, empty or an earlier build's, never the repository or its
sources), and is put in place only when complete.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from importlib import resources
from pathlib import Path as FsPath

import jinja2

from revise.errors import InputError, ReviseError, UsageError
from revise.handbook.outdir import check_out, mark, put_in_place
from revise.messages import language, t
from revise.public import config
from revise.public.page import Page, build_page


def build_public(root: FsPath, out: FsPath, as_of: date | None = None) -> Page:
    """Build the public site of the repository at `root` into `out`; the page it shows."""
    out = check_out(out, root)
    page = build_page(root, as_of or date.today())
    files = {"index.html": render(page, config.load(root)), "style.css": _template_text("style.css"),
             "commitments.json": json.dumps(page.as_dict(), ensure_ascii=False, indent=2) + "\n"}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = FsPath(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:
        raise InputError(t("build.failed", error=f"{out.parent}: {exc.strerror or exc}")) from exc
    try:
        staging = work / "site"
        staging.mkdir()
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        mark(staging)
        put_in_place(out, staging, work)
    except OSError as exc:
        raise InputError(t("build.failed", error=f"{exc.filename or out}: {exc.strerror or exc}")) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return page


def after_publish(root: FsPath, pid: str) -> str | None:
    """After `revise publish ID`: when the revision changed public promises, rebuild `build/public`
    (from the checked-out main) and say what to do next; None when no promise changed. A folder
    the build may not replace is reported, not raised: the publication itself is done."""
    from revise.public.revision import revision
    from revise.workflow import config as workflow_config
    from revise.workflow import gitstore
    try:
        changes = revision(root, pid).public().changes
    except ReviseError as exc:
        return t("public.site.publish-not-built", id=pid, n="?", error=exc.message)
    if not changes:
        return None
    if gitstore.head_ref(root) != f"refs/heads/{workflow_config.load(root).main_branch}":
        return t("public.site.publish-elsewhere", id=pid, n=len(changes))
    out = root / "build" / "public"
    try:
        build_public(root, out)
    except (UsageError, InputError) as exc:
        return t("public.site.publish-not-built", id=pid, n=len(changes), error=exc.message)
    return t("public.site.publish-built", id=pid, n=len(changes), out=out)


def check_public_out(out: FsPath, handbook: FsPath, root: FsPath) -> FsPath:
    """The real path of the public site's folder: the handbook's rules, and apart from the handbook
    (each build replaces its own folder as a whole)."""
    target = check_out(out, root)
    if target == handbook or handbook in target.parents or target in handbook.parents:
        raise UsageError(t("public.site.overlap", out=target, handbook=handbook), t("public.site.overlap.hint"))
    return target


def render(page: Page, cfg: config.PublicConfig) -> str:
    """The page as HTML; every text from the corpus is escaped by the template engine."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(_template_text("index.html.j2"))
    return template.render(page=page, name=cfg.name, lang="en" if language() == "en" else "zh-CN",
                           heading=t("public.site.heading"), intro=t("public.site.intro", date=page.as_of.isoformat()),
                           topics_label=t("public.site.topics"), figure_label=t("public.site.figure-label"),
                           since=lambda day: t("public.site.since", date=day), empty=t("public.site.empty"),
                           footer=t("public.site.footer", name=cfg.name, date=page.as_of.isoformat()))


def _template_text(name: str) -> str:
    return resources.files("revise.public").joinpath("templates", name).read_text(encoding="utf-8")
