"""Write nginx's configuration for N replicas from deploy/nginx.conf.template.

    python -m deploy.nginxconf --dir /tmp/rd-nginx --port 8080 --replicas 3 --first-replica-port 8601

creates DIR/nginx.conf, DIR/logs and DIR/tmp; then `nginx -p DIR -e DIR/logs/error.log
-c DIR/nginx.conf` runs it in the foreground. Everything nginx writes (pid, logs,
temporary files) stays in DIR, and it listens on loopback only. Written by root, DIR
is handed to `nobody`, who should run it (deploy/serve.py does: `start()`).

The limits' values and where they come from are in deploy/README.md.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import streamlit

from server import SECURITY_HEADERS

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
COOKIE = "rd_route"
# Who runs nginx when root starts it: every nginx process, master included, and the prefix
# folder it writes to belong to this user. An ordinary user runs it as themselves.
UNPRIVILEGED = ("nobody", "nogroup")
MIME_TYPES = "/etc/nginx/mime.types"  # Debian's nginx package
# The frontend's files, as the replicas would serve them (same Streamlit as the replicas).
STATIC_DIR = Path(streamlit.__file__).resolve().parent / "static"
HEALTH = "/_stcore/health"


@dataclass
class ProxyConfig:
    replica_ports: list[int]
    port: int = 8080
    host: str = "127.0.0.1"              # loopback only
    status_port: int | None = None       # per-replica health: /replica/<n>/health
    # Rate limits per client address (deploy/README.md, "Rate limits"): a first visit in
    # Chromium made 107-144 requests (102-135 of them /static/); 30 readers opening the link
    # at once from one address must pass without a single 429 or delay.
    asset_rate: int = 150                # /static/: requests per second, sustained
    asset_burst: int = 4500              # requests above the rate, served at once: 30 x 150
    page_rate: int = 20                  # everything else but the websocket and the probes
    page_burst: int = 300
    probe_rate: int = 20                 # /_stcore/health and host-config
    probe_burst: int = 400
    conn_per_ip: int = 400               # open connections (websockets included)
    max_body: str = "8k"
    max_fails: int = 2                   # passive health check: 2 failures ...
    fail_timeout_s: int = 10             # ... within 10 s take a replica out for 10 s
    upstream_header: bool = False        # X-Upstream naming the replica (tests only)
    extra: dict[str, str] = field(default_factory=dict)

    def headers(self) -> str:
        """The response headers of every answer (an add_header in a location replaces the
        server's, so the template repeats this block where a location adds its own)."""
        lines = [f'add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS.items()]
        lines.append(f"add_header Set-Cookie $rd_route_cookie always;")
        if self.upstream_header:
            lines.append("add_header X-Upstream $upstream_addr always;  # tests only: which replica answered")
        return "\n".join(lines)

    def render(self, prefix: Path) -> str:
        servers = "\n".join(
            f"        server 127.0.0.1:{p} max_fails={self.max_fails} fail_timeout={self.fail_timeout_s}s;"
            for p in self.replica_ports)
        status = ""
        if self.status_port is not None:
            checks = "\n".join(
                f"        location = /replica/{i}/health {{ proxy_pass http://127.0.0.1:{p}{HEALTH}; }}"
                for i, p in enumerate(self.replica_ports, start=1))
            status = (f"\n    # Each replica's own health, for a monitor (open-source nginx has no active checks).\n"
                      f"    server {{\n        listen {self.host}:{self.status_port};\n"
                      f"        proxy_connect_timeout 2s;\n        proxy_read_timeout 5s;\n{checks}\n"
                      f"        location / {{ return 404; }}\n    }}\n")
        values = {
            "PREFIX": str(prefix),
            "USER": "# No `user` directive: nginx runs as the user who starts it (root hands it to "
                    f"{UNPRIVILEGED[0]}, deploy/nginxconf.py).",
            "MAX_BODY": self.max_body,
            "COOKIE": COOKIE,
            "MIME_TYPES": MIME_TYPES, "STATIC_DIR": str(STATIC_DIR), "HEADERS": self.headers(),
            "ASSET_RATE": str(self.asset_rate), "ASSET_BURST": str(self.asset_burst),
            "PAGE_RATE": str(self.page_rate), "PAGE_BURST": str(self.page_burst),
            "PROBE_RATE": str(self.probe_rate), "PROBE_BURST": str(self.probe_burst),
            "CONN_PER_IP": str(self.conn_per_ip),
            "SERVERS": servers,
            "LISTEN": f"{self.host}:{self.port}",
            "STATUS_SERVER": status,
            **self.extra,
        }
        text = TEMPLATE.read_text(encoding="utf-8")
        # a block placeholder alone on its line: every line of the block at its indentation
        text = re.sub(r"(?m)^( *)@HEADERS@$",
                      lambda m: "\n".join(m[1] + line for line in values["HEADERS"].split("\n")), text)
        for key, value in values.items():
            text = text.replace(f"@{key}@", value)
        left = re.findall(r"@[A-Z_]+@", text)
        if left:
            raise ValueError(f"placeholders with no value: {sorted(set(left))}")
        return text


def write(config: ProxyConfig, prefix: Path) -> Path:
    """Create the prefix directory and its nginx.conf; return the config's path."""
    prefix = prefix.resolve()
    for sub in ("logs", "tmp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(config.render(prefix), encoding="utf-8")
    if os.geteuid() == 0:  # nginx will run as UNPRIVILEGED: hand it the folder it writes to
        closed = [str(p) for p in prefix.parents if not os.stat(p).st_mode & 0o001]
        if closed:
            raise ValueError(f"{UNPRIVILEGED[0]} cannot reach {prefix}: {closed[0]} is closed to others")
        prefix.chmod(0o755)
        for path in [prefix, *prefix.rglob("*")]:
            shutil.chown(path, *UNPRIVILEGED)
    return conf


def _as_unprivileged() -> dict:
    """subprocess arguments that run nginx as UNPRIVILEGED when we are root."""
    return {"user": UNPRIVILEGED[0], "group": UNPRIVILEGED[1], "extra_groups": []} if os.geteuid() == 0 else {}


def start(prefix: Path, **popen) -> subprocess.Popen:
    """nginx in the foreground (`daemon off`), as an unprivileged user."""
    return subprocess.Popen(command(prefix), **_as_unprivileged(), **popen)


def command(prefix: Path, test: bool = False) -> list[str]:
    prefix = prefix.resolve()
    return [NGINX, *(["-t", "-q"] if test else []), "-p", str(prefix), "-e", str(prefix / "logs" / "error.log"),
            "-c", str(prefix / "nginx.conf")]


def check(prefix: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on the generated configuration."""
    return subprocess.run(command(prefix, test=True), capture_output=True, text=True, timeout=30,
                          **_as_unprivileged())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, required=True, help="prefix directory (created)")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--replicas", type=int, default=2, help="how many replicas, on consecutive ports")
    ap.add_argument("--first-replica-port", type=int, default=8601)
    ap.add_argument("--replica-ports", default=None, help="or the replicas' ports, comma-separated")
    ap.add_argument("--status-port", type=int, default=None)
    ap.add_argument("--check", action="store_true", help="run nginx -t on the result")
    args = ap.parse_args()
    ports = ([int(p) for p in args.replica_ports.split(",")] if args.replica_ports
             else [args.first_replica_port + i for i in range(args.replicas)])
    config = ProxyConfig(ports, port=args.port, status_port=args.status_port)
    print(write(config, args.dir))
    if args.check:
        result = check(args.dir)
        print(result.stderr.strip() or "nginx -t: ok")
        raise SystemExit(result.returncode)


if __name__ == "__main__":
    main()
