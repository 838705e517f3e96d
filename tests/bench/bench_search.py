"""Benchmark: the handbook's search on a phone, for a corpus of N documents (default 2,000).

The corpus of bench_build.py is built with the shipped mkdocs.yml and served by a plain
http.server (no compression: what the network carries is the files as written). Debian's Chromium,
driven by Playwright, emulates a phone: a 390×844 screen, the CPU slowed 4× (CDP
Emulation.setCPUThrottlingRate) and a slow 4G network (CDP Network.emulateNetworkConditions:
150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, as Lighthouse's mobile profile). Printed:

- the search files' sizes, and whether loading a page fetched the search documents;
- cold: from the last key of the first query (search opened a moment before) to the first result,
  which includes fetching and unzipping the documents and building the index in the worker;
- warm: the same for a second query.

Run: .venv/bin/python tests/bench/bench_search.py [--docs 2000] [--site DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_build import make_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
QUERIES = ("退款", "信息泄露")


class _Logged(http.server.SimpleHTTPRequestHandler):
    paths: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        self.paths.append(self.path)
        super().do_GET()


def build(work: Path, docs: int) -> Path:
    repo = make_corpus(work / "repo", docs)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo / "mkdocs.yml"), "-d", str(work / "site")],
                   check=True, capture_output=True, timeout=7200)
    return work / "site"


def measure(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    for name in ("search_index.json", "search_docs.json", "search_docs.json.gz"):
        file = site / "search" / name
        if file.exists():
            print(f"search file {name}: {file.stat().st_size / 1024:.0f} kB")
    paths: list[str] = []
    handler = functools.partial(type("Handler", (_Logged,), {"paths": paths}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=3)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        started = time.perf_counter()
        page.goto(url + "standards/STD-RESPONSE/", wait_until="load")
        page.wait_for_load_state("networkidle")
        fetched = any("search_docs" in path for path in paths)
        print(f"page load (slow 4G, CPU 4x): {time.perf_counter() - started:.2f} s; search documents fetched with the page: {fetched}")
        page.click("label[for=__search]")
        page.wait_for_timeout(300)
        times = []
        for query in QUERIES:
            box = page.locator("[data-md-component=search-query]")
            box.fill("")
            page.keyboard.type(query, delay=120)
            typed = time.perf_counter()
            page.wait_for_function("q => [...document.querySelectorAll('.md-search-result mark')]"
                                   ".some(m => m.textContent.replace(/\\u200b/g, '') && q.includes(m.textContent.replace(/\\u200b/g, '')))",
                                   arg=query, timeout=600_000)
            times.append(time.perf_counter() - typed)
            count = page.locator(".md-search-result__meta").inner_text()
            print(f"query {query}: first results {times[-1]:.2f} s after the last key ({count})")
        print(f"search on a phone profile: cold {times[0]:.2f} s (documents fetched and indexed), warm median "
              f"{statistics.median(times[1:]):.2f} s")
        browser.close()
    server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--site", type=Path, default=None, help="a built handbook to measure instead of building one")
    args = parser.parse_args(argv)
    if args.site is not None:
        measure(args.site)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        measure(build(Path(tmp), args.docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
