"""Is HOST:PORT free for `make serve`?  Exit 0 when it is; otherwise one message and exit 1.

    python tools/portcheck.py 127.0.0.1:8000

`make serve` runs this before `mkdocs serve`, which would otherwise end in a Python traceback
when the port is taken (another `make serve`, or any other program).  The message names a free
port to use instead: `make serve HOST=127.0.0.1:8001`.  Standard library only.
"""
from __future__ import annotations

import errno
import socket
import sys

USAGE = "HOST must look like 127.0.0.1:8000 (an address and a port), e.g. make serve HOST=127.0.0.1:8001"


def parse(host: str) -> tuple[str, int]:
    """'127.0.0.1:8000' -> ('127.0.0.1', 8000); '[::1]:8000' -> ('::1', 8000).  ValueError when malformed."""
    address, sep, port = host.rpartition(":")
    if not sep or not address or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(host)
    return address.strip("[]"), int(port)


def bind_error(address: str, port: int) -> OSError | None:
    """Try to bind as mkdocs serve does (address reuse on); the error, or None when the port is free."""
    try:
        infos = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        return error
    family, kind, proto, _, sockaddr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(sockaddr)
        except OSError as error:
            return error
    return None


def free_port_after(address: str, port: int, tries: int = 50) -> int | None:
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        if bind_error(address, candidate) is None:
            return candidate
    return None


def check(host: str) -> tuple[int, str]:
    """(exit status, message) for HOST; the message is empty when the port is free."""
    try:
        address, port = parse(host)
    except ValueError:
        return 2, f"make serve: {host!r} is not an address and port. {USAGE}"
    error = bind_error(address, port)
    if error is None:
        return 0, ""
    shown = f"[{address}]" if ":" in address else address
    if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
        return 1, (f"make serve: cannot listen on {shown}:{port}: {error.strerror or error}. "
                   f"Use an address of this machine: make serve HOST=127.0.0.1:{port}")
    if error.errno == errno.EADDRINUSE:
        reason = "is already in use (another `make serve`, or another program)"
    else:
        reason = f"cannot be used ({error.strerror or error})"
    free = free_port_after(address, port)
    choice = free if free is not None else port + 1
    return 1, (f"make serve: port {port} on {shown} {reason}.\n"
               f"Serve on another port instead: make serve HOST={shown}:{choice}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(f"usage: python tools/portcheck.py HOST:PORT\n{USAGE}", file=sys.stderr)
        return 2
    code, message = check(args[0])
    if message:
        print(message, file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
