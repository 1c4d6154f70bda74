"""`make serve`: the dashboard as replicas behind nginx on this machine, in the foreground.

    python -m deploy.serve [--port 8080] [--replicas 2] [--first-replica-port 8601]

Starts each replica as `streamlit run server.py --server.port P --server.address
127.0.0.1`, waits for its /_stcore/health, writes nginx's configuration into a
temporary prefix directory (deploy/nginxconf.py) and starts nginx from it on
127.0.0.1:PORT. A replica that exits is started again (at most RESTARTS times in a
row); Ctrl-C (or SIGTERM) stops nginx and every replica. Per-replica health for a
monitor: http://127.0.0.1:STATUS_PORT/replica/<n>/health (PORT + 1 by default).

`Cluster` is what bench/load.py and tests/test_deploy.py start too.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from deploy import nginxconf

ROOT = Path(__file__).resolve().parents[1]
RESTARTS = 5


def get(url: str, timeout: float = 2.0) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as r:
        return r.status


def wait_healthy(url: str, proc: subprocess.Popen | None, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {proc.returncode}")
        try:
            if get(url) == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} not healthy within {timeout_s:.0f} s")


class Cluster:
    """N replicas and nginx in front of them; a context manager that stops all of them."""

    def __init__(self, replica_ports: list[int], port: int, status_port: int | None = None,
                 prefix: Path | None = None, quiet: bool = True, **proxy_options) -> None:
        self.replica_ports = replica_ports
        self.config = nginxconf.ProxyConfig(replica_ports, port=port, status_port=status_port, **proxy_options)
        self._tmp = None if prefix else tempfile.TemporaryDirectory(prefix="rd-nginx-")
        self.prefix = Path(prefix or self._tmp.name)
        self.quiet = quiet
        self.replicas: dict[int, subprocess.Popen] = {}
        self.nginx: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{port}"

    # -- replicas ---------------------------------------------------------------------
    def start_replica(self, port: int) -> subprocess.Popen:
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "server.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]
        out = subprocess.DEVNULL if self.quiet else None
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=out, start_new_session=True)
        self.replicas[port] = proc
        return proc

    def replica_url(self, port: int) -> str:
        return f"http://127.0.0.1:{port}"

    def kill_replica(self, port: int) -> None:
        """SIGKILL: a crash, not a shutdown (bench/load.py's failover run)."""
        proc = self.replicas[port]
        proc.kill()
        proc.wait(timeout=10)

    # -- lifecycle --------------------------------------------------------------------
    def __enter__(self) -> Cluster:
        try:
            for port in self.replica_ports:
                self.start_replica(port)
            for port in self.replica_ports:
                wait_healthy(f"{self.replica_url(port)}{nginxconf.HEALTH}", self.replicas[port])
            nginxconf.write(self.config, self.prefix)
            result = nginxconf.check(self.prefix)
            if result.returncode != 0:
                raise RuntimeError(f"nginx -t failed: {result.stderr.strip()}")
            out = subprocess.DEVNULL if self.quiet else None
            self.nginx = nginxconf.start(self.prefix, stdout=out, stderr=out, start_new_session=True)
            wait_healthy(f"{self.url}{nginxconf.HEALTH}", self.nginx, 20)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        procs = ([self.nginx] if self.nginx else []) + list(self.replicas.values())
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)  # nginx: fast shutdown; streamlit: stop
        deadline = time.monotonic() + 10
        for proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def watch(self, stop_after_s: float | None = None) -> None:
        """Foreground: restart replicas that exit; return on Ctrl-C, SIGTERM or nginx exiting."""
        restarts = {p: 0 for p in self.replica_ports}
        end = None if stop_after_s is None else time.monotonic() + stop_after_s
        while end is None or time.monotonic() < end:
            time.sleep(1)
            if self.nginx is not None and self.nginx.poll() is not None:
                print(f"nginx exited ({self.nginx.returncode}); see {self.prefix}/logs/error.log", file=sys.stderr)
                return
            for port, proc in list(self.replicas.items()):
                if proc.poll() is None:
                    continue
                if restarts[port] >= RESTARTS:
                    print(f"replica :{port} exited {RESTARTS} times; stopping", file=sys.stderr)
                    return
                restarts[port] += 1
                print(f"replica :{port} exited ({proc.returncode}); starting it again", file=sys.stderr)
                self.start_replica(port)


def main() -> None:
    ap = argparse.ArgumentParser(description="The dashboard as replicas behind nginx (deploy/README.md).")
    ap.add_argument("--port", type=int, default=int(os.environ.get("SERVE_PORT", 8080)))
    ap.add_argument("--replicas", type=int, default=int(os.environ.get("SERVE_REPLICAS", 2)))
    ap.add_argument("--first-replica-port", type=int, default=int(os.environ.get("SERVE_REPLICA_PORT", 8601)))
    ap.add_argument("--status-port", type=int, default=None, help="per-replica health (default: PORT + 1)")
    args = ap.parse_args()
    ports = [args.first_replica_port + i for i in range(args.replicas)]
    status = args.status_port or args.port + 1

    def terminate(*_):
        raise KeyboardInterrupt

    # Ctrl-C and a service manager's stop alike; SIGINT explicitly, since a shell that starts
    # us in the background leaves it ignored and Python would then never see Ctrl-C.
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    try:
        with Cluster(ports, args.port, status_port=status, quiet=False,
                     prefix=Path(tempfile.mkdtemp(prefix="rd-nginx-"))) as cluster:
            print(f"\nServing on {cluster.url} ({args.replicas} replicas on ports {', '.join(map(str, ports))}; "
                  f"per-replica health on http://127.0.0.1:{status}/replica/<n>/health; "
                  f"nginx files in {cluster.prefix}). Ctrl-C stops all.", flush=True)
            cluster.watch()
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)


if __name__ == "__main__":
    main()
