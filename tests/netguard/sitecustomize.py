"""Loaded by the test server (PYTHONPATH): record any socket connection the server
process tries to open to a host other than this machine, then refuse it."""
import os
import socket

_LOG = os.environ.get("RAPPORTEUR_SOCKET_LOG")
_LOCAL_PREFIXES = ("127.", "::1", "localhost", "0.0.0.0")
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket path
        return True
    host = str(address[0]) if address else ""
    return host.startswith(_LOCAL_PREFIXES) or host == ""


def _record(address) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{address!r}\n")


def _guarded_connect(self, address):
    if not _is_local(address):
        _record(address)
        raise ConnectionRefusedError(f"test guard: no outgoing connection to {address!r}")
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    if not _is_local(address):
        _record(address)
        return 111
    return _connect_ex(self, address)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex

# Name lookups too: a lookup of an outside host name is recorded and fails, so the
# tests see a server that tries to resolve, say, checkip.amazonaws.com.
_LOCAL_NAMES = {"localhost", "", "0.0.0.0", "::", "::1", "ip6-localhost"}
_getaddrinfo = socket.getaddrinfo


def _is_address(name: str) -> bool:
    """An IP literal: resolving it asks no name server (the connect is guarded instead)."""
    import ipaddress

    try:
        ipaddress.ip_address(name.split("%")[0])
        return True
    except ValueError:
        return False


def _guarded_getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and str(name) not in _LOCAL_NAMES and not _is_address(str(name)):
        _record(("dns", name))
        raise socket.gaierror(socket.EAI_NONAME, f"test guard: no name lookup of {name!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _guarded_getaddrinfo
