"""The production setup in deploy/: nginx's generated configuration, the replicas behind
it, the container definition and the cluster manifests.

The live test starts 2 replicas and nginx on free loopback ports (deploy/serve.py's
Cluster, as `make serve` does) with one test-only header naming the replica that
answered. Skipped, with the reason, where Debian's nginx is not installed (`make test`
installs it, as it installs chromium).
"""
from __future__ import annotations

import asyncio
import http.cookiejar
import os
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websockets
import yaml

from deploy import nginxconf
from deploy.serve import Cluster
from server import SECURITY_HEADERS
from tests.browser import ROOT, free_port

DEPLOY = ROOT / "deploy"
needs_nginx = pytest.mark.skipif(
    not os.access(nginxconf.NGINX, os.X_OK),
    reason=f"nginx not installed at {nginxconf.NGINX} (make nginx installs Debian's package)")


def _opener(jar: http.cookiejar.CookieJar | None = None) -> urllib.request.OpenerDirector:
    handlers: list = [urllib.request.ProxyHandler({})]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


def _request(url: str, method: str = "GET", jar=None, headers: dict | None = None, data: bytes | None = None):
    """(status, headers) of one request; error statuses are answers, not exceptions."""
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with _opener(jar).open(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


# -- configuration ---------------------------------------------------------------------
def test_config_fills_every_placeholder_and_listens_on_loopback_only(tmp_path: Path) -> None:
    text = nginxconf.ProxyConfig([18601, 18602], port=18080, status_port=18081).render(tmp_path)
    assert "@" not in "\n".join(line.split("#")[0] for line in text.splitlines())
    listens = [line.split()[1].rstrip(";") for line in text.splitlines() if line.strip().startswith("listen ")]
    assert listens == ["127.0.0.1:18080", "127.0.0.1:18081"]
    assert "server 127.0.0.1:18601 max_fails=2 fail_timeout=10s;" in text
    assert "server 127.0.0.1:18602 max_fails=2 fail_timeout=10s;" in text
    assert "hash $rd_route consistent;" in text
    assert "client_max_body_size 8k;" in text
    # everything nginx writes stays in its prefix directory
    for directive in ("pid", "error_log", "access_log", "client_body_temp_path", "proxy_temp_path"):
        lines = [line.strip() for line in text.splitlines() if line.strip().startswith(directive + " ")]
        assert lines and all(line.split()[1].startswith(str(tmp_path)) for line in lines), directive
    assert "X-Upstream" not in text, "the replica-naming header is for tests only"
    assert not [line for line in text.splitlines() if line.strip().startswith("user ")], \
        "no user switch inside nginx: it is started as an unprivileged user"


@pytest.fixture
def prefix():
    """nginx's prefix folder, where an unprivileged nginx can reach it (not pytest's 0700 tmp)."""
    with tempfile.TemporaryDirectory(prefix="rd-nginx-test-") as d:
        yield Path(d)


@needs_nginx
def test_generated_config_passes_nginx_t(prefix: Path) -> None:
    nginxconf.write(nginxconf.ProxyConfig([free_port(), free_port()], port=free_port(), status_port=free_port()),
                    prefix)
    result = nginxconf.check(prefix)
    assert result.returncode == 0, result.stderr


@needs_nginx
def test_rate_limit_answers_429_once_the_burst_is_spent(prefix: Path) -> None:
    """nginx alone (no replica needed): the asset limit, set tiny here, refuses the excess."""
    port = free_port()
    nginxconf.write(nginxconf.ProxyConfig([free_port()], port=port, asset_rate=1, asset_burst=2), prefix)
    proc = nginxconf.start(prefix, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        statuses = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not statuses:
            try:
                statuses.append(_request(f"http://127.0.0.1:{port}/static/none.js")[0])
            except OSError:
                time.sleep(0.1)
        statuses += [_request(f"http://127.0.0.1:{port}/static/none.js")[0] for _ in range(7)]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert statuses[0] == 404       # within the limit: the file is looked up (and is not there)
    assert 429 in statuses          # past rate + burst: refused
    assert statuses.count(404) <= 4


# -- container and cluster -------------------------------------------------------------
def test_containerfile_runs_the_app_as_a_non_root_user() -> None:
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    instructions = [line.split(None, 1) for line in text.splitlines() if line and not line[0].isspace()
                    and not line.startswith("#")]
    first = dict((k, v) for k, v in reversed(instructions))   # first occurrence of each
    assert first["FROM"].startswith("python:3.11-slim")
    users = [v for k, v in instructions if k == "USER"]
    assert users and users[-1].strip() not in {"root", "0"}
    cmd = [v for k, v in instructions if k == "CMD"][-1]
    assert cmd.startswith('["streamlit", "run", "server.py"') and "make" not in cmd


def _manifests() -> dict[str, dict]:
    docs = {}
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc:
                docs[doc["kind"]] = doc
    return docs


def test_k8s_manifests_parse_and_agree() -> None:
    docs = _manifests()
    assert {"Deployment", "Service", "Ingress"} <= docs.keys()
    dep, svc, ing = docs["Deployment"], docs["Service"], docs["Ingress"]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert svc["spec"]["selector"].items() <= labels.items()
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    assert container["command"][:3] == ["streamlit", "run", "server.py"]
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health", probe
        assert container[probe]["httpGet"]["port"] == "http"
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports["http"] == 8501 and svc["spec"]["ports"][0]["targetPort"] == "http"
    resources = container["resources"]
    assert resources["requests"]["memory"] == "640Mi" and resources["limits"]["memory"] == "1Gi"
    assert dep["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    notes = ing["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    backend = ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == svc["metadata"]["name"] and backend["port"]["name"] == "http"


# -- live: 2 replicas behind nginx -----------------------------------------------------
async def _handshake(url: str, origin: str, cookie: str = "") -> tuple[str, str | None]:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(ws_url, origin=origin, subprotocols=["streamlit"], open_timeout=10,
                                      proxy=None, additional_headers={"Cookie": cookie} if cookie else None) as ws:
            return "accepted", ws.response.headers.get("X-Upstream")
    except websockets.exceptions.InvalidStatus as e:
        return f"refused {e.response.status_code}", None


@pytest.mark.browser  # starts live servers: stage 2
@needs_nginx
def test_two_replicas_behind_nginx() -> None:
    ports = [free_port(), free_port()]
    status_port = free_port()
    with Cluster(ports, free_port(), status_port=status_port, upstream_header=True) as c:
        # the app, with the security headers (once each) and the route cookie
        jar = http.cookiejar.CookieJar()
        status, headers, body = _request(f"{c.url}/", jar=jar)
        assert status == 200 and b'id="root"' in body
        for name, value in SECURITY_HEADERS.items():
            assert headers.get_all(name) == [value], name
        route = {ck.name: ck.value for ck in jar}.get(nginxconf.COOKIE)
        assert route and len(route) == 32
        first = headers["X-Upstream"]
        assert first in {f"127.0.0.1:{p}" for p in ports}

        # Streamlit's frontend files come from disk, through nginx, compressed and cached
        asset = body.split(b'src="./static/', 1)[1].split(b'"', 1)[0].decode()
        status, headers, js = _request(f"{c.url}/static/{asset}", jar=jar, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Type"] == "application/javascript"
        assert headers["Content-Encoding"] == "gzip" and "immutable" in headers["Cache-Control"]
        assert headers["X-Upstream"] is None   # no replica involved
        assert headers.get_all("X-Frame-Options") == ["DENY"]

        # sticky: with the cookie, every request (page, probe, websocket) reaches that replica
        for path in ("/", "/justice", "/_stcore/health", "/_stcore/host-config"):
            assert _request(f"{c.url}{path}", jar=jar)[1]["X-Upstream"] == first, path
        same = asyncio.run(_handshake(c.url, c.url, f"{nginxconf.COOKIE}={route}"))
        assert same == ("accepted", first)

        # other browsers (other cookies) are spread over both replicas, each kept on its own
        routed = {}
        for i in range(24):
            value = f"{i:032x}"
            answers = {_request(f"{c.url}/_stcore/health", headers={"Cookie": f"{nginxconf.COOKIE}={value}"})[1]
                       ["X-Upstream"] for _ in range(2)}
            assert len(answers) == 1, value
            routed[value] = answers.pop()
        assert set(routed.values()) == {f"127.0.0.1:{p}" for p in ports}

        # no write path, no metrics, also not through the proxy
        status, headers, _ = _request(f"{c.url}/_stcore/upload_file/{route}/x", method="PUT", data=b"x" * 100,
                                      headers={"Content-Type": "application/octet-stream"})
        assert status == 404 and headers["X-Frame-Options"] == "DENY"
        assert _request(f"{c.url}/_stcore/metrics")[0] == 404
        assert _request(f"{c.url}/", method="POST", data=b"x" * 20_000)[0] == 413   # client_max_body_size

        # websockets: same origin accepted, a foreign one refused by nginx
        assert asyncio.run(_handshake(c.url, c.url))[0] == "accepted"
        assert asyncio.run(_handshake(c.url, "http://attacker.example")) == ("refused 403", None)

        # nginx itself runs unprivileged: as nobody when root started it, else as its starter
        uid = next(int(line.split()[1]) for line in Path(f"/proc/{c.nginx.pid}/status").read_text().splitlines()
                   if line.startswith("Uid:"))
        assert uid != 0 and (os.geteuid() == 0 or uid == os.geteuid())

        # each replica's own health, for a monitor
        for n in (1, 2):
            assert _request(f"http://127.0.0.1:{status_port}/replica/{n}/health")[0] == 200


@pytest.mark.browser  # starts live servers: stage 2
@needs_nginx
def test_a_reader_moves_to_the_other_replica_when_its_replica_dies() -> None:
    """Failover as bench/load.py measures it, on one reader: its replica is killed between
    two pages; the client reconnects as the browser does and the next page comes from the
    other replica, with no error."""
    from bench.stclient import ProtocolSession

    ports = [free_port(), free_port()]
    with Cluster(ports, free_port(), upstream_header=True) as c:
        async def reader():
            session = ProtocolSession(c.url, timeout_s=60)
            await session.connect()
            try:
                opened = await session.open("overview")
                route = {ck.name: ck.value for ck in session.jar}[nginxconf.COOKIE]
                mine = _request(f"{c.url}/_stcore/health", headers={"Cookie": f"{nginxconf.COOKIE}={route}"})[1]
                port = int(mine["X-Upstream"].rsplit(":", 1)[1])
                first_session = session.session_id
                await asyncio.to_thread(c.kill_replica, port)
                for _ in range(100):          # the browser notices the closed socket at once
                    if session.reconnects:
                        break
                    await asyncio.sleep(0.1)
                justice = await session.visit("justice")
                return opened, justice, session, port, first_session
            finally:
                await session.close()

        opened, justice, session, killed, first_session = asyncio.run(reader())
        assert opened.error is None and justice.error is None, (opened.error, justice.error)
        assert justice.first_chart_s is not None and "exception" not in justice.elements
        assert session.reconnects == 1
        assert session.session_id != first_session     # a new session on the other replica
        survivor = next(p for p in ports if p != killed)
        answered = _request(f"{c.url}/_stcore/health", jar=session.jar)[1]["X-Upstream"]
        assert answered.rsplit(",", 1)[-1].strip() == f"127.0.0.1:{survivor}"   # "dead, survivor" after a retry
