"""A lightweight Streamlit client that speaks the app's own websocket protocol.

It does what the Streamlit frontend does on the wire, and nothing else: no DOM, no
JavaScript, no rendering. So thirty of them cost the client machine almost nothing,
and a load test on the same cores as the server measures the server.

The handshake mirrors the frontend (streamlit/static, `connectToWebSocket`):
1. GET `/_stcore/health`: the server sets the `_streamlit_xsrf` cookie (XSRF is on);
2. GET `/_stcore/host-config`;
3. open `ws://HOST/_stcore/stream` with subprotocols `["streamlit", <xsrf cookie>]`,
   the cookie, and a same-origin `Origin` header (CORS protection is on: a foreign
   Origin is refused with close code 1008);
4. send a `BackMsg.rerun_script` with the URL's query string and page name. An empty
   page name is the root URL, which runs the default page (`open()`).

A page visit (`visit()`) is a `rerun_script` whose `page_name` is the page's URL path,
as when the page's URL is opened. The default page's URL path is "" (the root):
Streamlit answers `/overview` with `page_not_found`, so the client looks the page up
in the app's navigation and sends the path the app really serves. Every rerun sends
the hashes of the cacheable messages the client already holds
(`cached_message_hashes`), as the frontend does, so the server may answer with
`ref_hash` references instead of resending large elements.

A filter change (`change_filter()`) is what the frontend sends when a reader clicks
another option of a widget bound to the URL (`bind="query-params"`): a rerun of the
same page whose widget state holds the new option and whose query string holds
`key=option`. The option is read from the page's own widget (its wire value), so the
client does not depend on the labels or on the URL scheme. A same-page rerun that
changes only the query string is not a filter change: Streamlit keeps the widget's
session value on same-page reruns (the URL wins only on a page's first load).

A closed websocket is reopened as the frontend reopens it (its ConnectionManager):
it polls `/_stcore/health` and `/_stcore/host-config` with a growing, jittered delay
(250-500 ms first, doubling up to 4 s), then opens the websocket again with the last
session id as the third subprotocol entry, so that a server that still holds the
session resumes it. Behind the proxy a replica that died sends the reader to
another replica, which starts a new session. If a run was under way when the
connection closed, the frontend asks for the script to run again (App.tsx,
`handleConnectionStateChanged`: "Requesting a script run" when the script was
running); the client resends that run, and its time includes the reconnection. A
connection closed between runs is reopened in the background, as the browser does
while the reader reads. `reconnects` counts them; giving up after `timeout_s` is an
error.

Each run records the time from sending the rerun to the first delta that carries a
chart or table (Plotly chart or map, Arrow dataframe, Vega-Lite chart, or a metric
card, whose sparkline is a chart) and to `script_finished`. An exception element, a
page other than the one asked for, a run with no chart or table, a filter change with
no effect, a connection that cannot be reopened (or closes twice in one run) or a
timeout is an error.
"""
from __future__ import annotations

import asyncio
import random
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# "First chart or table": tests/browser.py FIRST_CONTENT waits for a Plotly SVG, a
# dataframe or a plain table (the maps are Plotly charts); the Overview cards are native metrics.
CHART_ELEMENTS = frozenset({"plotly_chart", "dataframe", "table", "vega_lite_chart", "metric"})
XSRF_COOKIE = "_streamlit_xsrf"


@dataclass
class Visit:
    """What one rerun produced."""

    page: str
    action: str = "visit"                # "open" (root URL), "visit" or "filter"
    query_string: str = ""
    first_chart_s: float | None = None   # send -> first chart/table delta
    finished_s: float | None = None      # send -> script_finished (successful)
    error: str | None = None
    landed_on: str | None = None         # URL path of the page the server ran
    headings: list[str] = field(default_factory=list)
    elements: dict[str, int] = field(default_factory=dict)
    page_query: str | None = None        # query string the server set (page_info_changed)
    # widgets bound to the URL: query key -> (widget id, element kind, option wire values)
    bound_widgets: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)
    bytes_in: int = 0
    reconnected: bool = False            # the connection closed during this run and was reopened


def http_get(url: str, jar: CookieJar | None = None, timeout: float = 30) -> bytes:
    handlers: list = [urllib.request.ProxyHandler({})]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    with urllib.request.build_opener(*handlers).open(url, timeout=timeout) as r:
        return r.read()


class ProtocolSession:
    """One browser tab's worth of protocol: connect, open, visit pages, change a filter, close."""

    def __init__(self, base_url: str, timeout_s: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.ws = None
        self.jar = CookieJar()
        self.session_id: str | None = None
        self.cached: dict[str, str] = {}       # message hash -> element kind ("" if not an element)
        self.pages: dict[str, tuple[str, str, bool]] = {}  # page_script_hash -> (URL path, title, default)
        self.current_page: str | None = None   # page_script_hash of the page the server ran last
        self.navigated = False
        self.handshake_s: float | None = None
        self.reconnects = 0
        self.auto_reconnect = True
        self._lock = asyncio.Lock()           # one run or one reconnection at a time
        self._watcher: asyncio.Task | None = None
        self._closing = False

    # -- connection ------------------------------------------------------------------
    async def connect(self) -> None:
        start = time.perf_counter()
        await asyncio.to_thread(http_get, f"{self.base_url}/_stcore/health", self.jar)
        await asyncio.to_thread(http_get, f"{self.base_url}/_stcore/host-config", self.jar)
        await self._open_socket()
        self.handshake_s = time.perf_counter() - start

    async def _open_socket(self) -> None:
        from websockets.asyncio.client import connect

        cookies = {c.name: c.value for c in self.jar}
        parsed = urllib.parse.urlparse(self.base_url)
        protocols = ["streamlit", cookies.get(XSRF_COOKIE, "PLACEHOLDER_AUTH_TOKEN")]
        if self.session_id:  # the frontend offers its last session for resumption
            protocols.append(self.session_id)
        self.ws = await connect(
            f"ws://{parsed.netloc}{parsed.path}/_stcore/stream",
            subprotocols=protocols,  # type: ignore[arg-type]
            origin=f"{parsed.scheme}://{parsed.netloc}",  # type: ignore[arg-type]
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
            max_size=None, proxy=None, open_timeout=self.timeout_s,
        )
        if self.auto_reconnect:
            self._watcher = asyncio.create_task(self._watch(self.ws))

    async def _watch(self, ws) -> None:
        """Between runs: reopen a closed connection at once, as the browser does."""
        await ws.wait_closed()
        if self._closing or self._lock.locked():
            return  # closed by us, or a run is under way and reconnects itself
        async with self._lock:
            if self.ws is ws:
                try:
                    await self.reconnect()
                except Exception:
                    pass  # the next run reports it

    async def reconnect(self) -> None:
        """What the frontend does on a closed websocket: probe the server with backoff, reopen."""
        old, self.ws = self.ws, None
        if old is not None:
            await old.close()
        deadline = time.perf_counter() + self.timeout_s
        attempt = 0
        while True:
            attempt += 1
            ceiling = min(4.0, 0.5 * 2 ** (attempt - 1))
            floor = 0.25 if attempt == 1 else ceiling / 2
            await asyncio.sleep(floor + (ceiling - floor) * random.random())
            try:
                await asyncio.to_thread(http_get, f"{self.base_url}/_stcore/health", self.jar, 5)
                await asyncio.to_thread(http_get, f"{self.base_url}/_stcore/host-config", self.jar, 5)
                await self._open_socket()
                self.reconnects += 1
                return
            except Exception:
                if time.perf_counter() >= deadline:
                    raise

    async def close(self) -> None:
        self._closing = True
        if self._watcher is not None:
            self._watcher.cancel()
            self._watcher = None
        if self.ws is not None:
            try:
                await self.ws.close()
            finally:
                self.ws = None

    async def __aenter__(self) -> ProtocolSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    # -- actions ---------------------------------------------------------------------
    async def open(self, expect: str, query_string: str = "") -> Visit:
        """Open the root URL, as a reader following the dashboard's link; it runs the default page."""
        return await self._run(Visit(page=expect, action="open", query_string=query_string), "", query_string)

    async def visit(self, page: str, query_string: str = "") -> Visit:
        """Open a page by its URL path (the default page by its title: its path is the root)."""
        path = self.url_path(page)
        v = Visit(page=page, query_string=query_string)
        if path is None:
            v.error = f"{page}: not in the app's navigation {sorted(p for p, _, _ in self.pages.values())}"
            return v
        return await self._run(v, path, query_string, expect_path=path)

    async def change_filter(self, previous: Visit, key: str, option: int = 1, value: str | None = None) -> Visit:
        """Change the filter kept in the URL as `?key=`: click option `option` of a widget
        Streamlit binds to the URL, or, for filters the app keeps in the URL itself
        (`ui/params.py`), rerun with `?key=value` as the page's callback would leave it."""
        v = Visit(page=previous.page, action="filter")
        widget = None
        if key in previous.bound_widgets:
            widget_id, kind, values = previous.bound_widgets[key]
            value = values[option % len(values)]
            widget = (widget_id, kind, value)
        elif value is None:
            v.error = f"{previous.page}: no widget bound to ?{key}= (bound: {sorted(previous.bound_widgets)})"
            return v
        shown = urllib.parse.parse_qsl(previous.page_query or previous.query_string)
        pairs = [(k, val) for k, val in shown if k != key]
        v.query_string = urllib.parse.urlencode([*pairs, (key, value)])
        path = self.url_path(previous.page) or ""
        v = await self._run(v, path, v.query_string, expect_path=path, widget=widget)
        if v.error is None and v.headings == previous.headings:
            v.error = f"{previous.page}: filter ?{key}=… changed no heading"
        return v

    def url_path(self, page: str) -> str | None:
        for path, _, _ in self.pages.values():
            if path == page:
                return path
        for path, title, default in self.pages.values():
            if title.lower() == page.lower():
                return path
        return None if self.pages else page

    # -- protocol --------------------------------------------------------------------
    def _rerun(self, page_name: str, query_string: str, widget: tuple[str, str, str] | None = None) -> bytes:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = query_string
        cs.page_name = page_name
        cs.cached_message_hashes.extend(self.cached)
        if widget is not None:
            widget_id, kind, value = widget
            state = cs.widget_states.widgets.add()
            state.id = widget_id
            if kind == "button_group":  # pills / segmented control: a list of chosen options
                state.string_array_value.data.append(value)
            else:                        # selectbox
                state.string_value = value
        ctx = cs.context_info
        ctx.timezone = "Asia/Bishkek"
        ctx.timezone_offset = -360
        ctx.locale = "en-US"
        ctx.url = f"{self.base_url}/{page_name}" + (f"?{query_string}" if query_string else "")
        ctx.is_embedded = False
        ctx.color_scheme = "light"
        return msg.SerializeToString()

    async def _run(self, v: Visit, page_name: str, query_string: str, expect_path: str | None = None,
                   widget: tuple[str, str, str] | None = None) -> Visit:
        async with self._lock:
            return await self._run_locked(v, page_name, query_string, expect_path, widget)

    async def _run_locked(self, v: Visit, page_name: str, query_string: str, expect_path: str | None,
                          widget: tuple[str, str, str] | None) -> Visit:
        from websockets.exceptions import ConnectionClosed
        from websockets.protocol import State

        if self.ws is None and not self.auto_reconnect:
            raise RuntimeError("connect() first")
        start = time.perf_counter()
        deadline = start + self.timeout_s
        try:
            if self.ws is None or self.ws.state is not State.OPEN:
                await self.reconnect()  # closed while the reader was reading, not yet reopened
            await self.ws.send(self._rerun(page_name, query_string, widget))
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    raise TimeoutError
                try:
                    raw = await asyncio.wait_for(self.ws.recv(), timeout=remaining)
                except ConnectionClosed:
                    if not self.auto_reconnect or v.reconnected:
                        raise
                    # the run was under way: reopen, then ask for it again, as the frontend does
                    v.reconnected = True
                    await self.reconnect()
                    v.first_chart_s = None
                    v.elements.clear()
                    v.headings.clear()
                    await self.ws.send(self._rerun(page_name, query_string, widget))
                    continue
                v.bytes_in += len(raw)
                fm = ForwardMsg()
                fm.ParseFromString(raw)
                kind = fm.WhichOneof("type")
                element = self._element_kind(fm) if kind == "delta" else self.cached.get(fm.ref_hash, "") \
                    if kind == "ref_hash" else None
                if element:
                    v.elements[element] = v.elements.get(element, 0) + 1
                    if element in CHART_ELEMENTS and v.first_chart_s is None:
                        v.first_chart_s = time.perf_counter() - start
                if kind == "delta" and element:
                    self._inspect(v, fm, element)
                elif kind == "new_session":
                    self.session_id = fm.new_session.initialize.session_id or self.session_id
                    if not self.navigated:  # the app's st.navigation, once seen, is the page list
                        self._pages(fm.new_session.app_pages, fm.new_session.page_script_hash)
                elif kind == "navigation":
                    self.navigated = True
                    self.pages.clear()
                    self._pages(fm.navigation.app_pages, fm.navigation.page_script_hash)
                elif kind == "page_info_changed":
                    v.page_query = fm.page_info_changed.query_string
                elif kind == "page_not_found":
                    v.error = v.error or f"{v.page}: page not found (asked for {page_name!r})"
                elif kind == "script_finished":
                    if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # the app called st.rerun(); its next run follows on the same request
                    v.finished_s = time.perf_counter() - start
                    if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        v.error = v.error or f"{v.page}: compile error"
                    break
                if fm.metadata.cacheable and fm.hash:
                    self.cached[fm.hash] = element or ""
        except TimeoutError:
            v.error = v.error or f"{v.page}: timeout after {self.timeout_s:.0f} s"
        except Exception as exc:  # a connection lost for good is an error, not a stop
            v.error = v.error or f"{v.page}: {type(exc).__name__}: {exc}"
        landed = self.pages.get(self.current_page or "")
        v.landed_on = landed[0] if landed else None
        if v.error is None:
            if landed is None:
                v.error = f"{v.page}: the app sent no navigation"
            elif expect_path is None and not landed[2]:
                v.error = f"{v.page}: the root URL ran {landed[0]!r}, not the default page"
            elif expect_path is not None and landed[0] != expect_path:
                v.error = f"{v.page}: landed on {landed[0]!r}"
            elif v.first_chart_s is None:
                v.error = f"{v.page}: no chart or table"
        return v

    def _pages(self, app_pages, current_hash: str) -> None:
        for p in app_pages:
            self.pages[p.page_script_hash] = (p.url_pathname, p.page_name, p.is_default)
        self.current_page = current_hash or self.current_page

    @staticmethod
    def _inspect(v: Visit, fm: ForwardMsg, element: str) -> None:
        el = fm.delta.new_element
        if element == "exception" and v.error is None:
            v.error = f"{v.page}: exception element ({el.exception.type or 'unknown'})"
        elif element == "heading":
            v.headings.append(el.heading.body)
        elif element in {"button_group", "selectbox"}:
            w = getattr(el, element)
            if w.query_param_key:
                values = [o.content for o in w.options] if element == "button_group" else list(w.options)
                v.bound_widgets[w.query_param_key] = (w.id, element, values)

    @staticmethod
    def _element_kind(fm: ForwardMsg) -> str | None:
        if fm.delta.WhichOneof("type") != "new_element":
            return None
        return fm.delta.new_element.WhichOneof("type")


async def fetch_shell(base_url: str, path: str = "", jar: CookieJar | None = None) -> tuple[float, int]:
    """What a browser fetches before it opens the websocket: the page and the assets it names.

    The HTML and every `./static/...` or `./favicon.png` it references (scripts, module
    preloads, the stylesheet, the font preload); not the chunks the app imports later.
    With the session's cookie jar, the page's cookies (the proxy's route) reach the
    websocket as a browser's would. Returns (seconds, bytes).
    """
    import re

    start = time.perf_counter()
    html = await asyncio.to_thread(http_get, f"{base_url.rstrip('/')}/{path}", jar)
    total = len(html)
    for ref in re.findall(rb'(?:src|href)="\./((?:static/|favicon)[^"]+)"', html):
        total += len(await asyncio.to_thread(http_get, f"{base_url.rstrip('/')}/{ref.decode()}", jar))
    return time.perf_counter() - start, total
