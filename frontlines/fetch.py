"""Fetch a report by URL for the submit endpoint, refusing what a server must not reach.

Refused: schemes other than http(s); hosts that resolve to private, loopback, link-local,
multicast, reserved or unspecified addresses (checked again at every redirect); bodies over
`max_bytes`; more than `max_redirects` redirects.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 15.0


class FetchRefused(ValueError):
    """The URL may not be fetched, or its answer may not be used; the message says why."""


def check_url(url: str, allow_private: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}")
    if not parts.hostname:
        raise FetchRefused("the URL has no host")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except socket.gaierror as e:
        raise FetchRefused(f"cannot resolve {parts.hostname}: {e.strerror}") from e
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if getattr(ip, "ipv4_mapped", None):
            ip = ip.ipv4_mapped
        bad = [name for name in ("loopback", "link_local", "unspecified", "multicast", "private", "reserved")
               if getattr(ip, f"is_{name}")]
        if bad and not allow_private:
            raise FetchRefused(f"{parts.hostname} resolves to {ip}, a {bad[0].replace('_', '-')} address")


def fetch(url: str, max_bytes: int = MAX_BYTES, max_redirects: int = 3, timeout: float = TIMEOUT,
          allow_private: bool = False) -> tuple[bytes, str, str]:
    """(body, final URL, content type). Raises FetchRefused, or httpx errors for network failures."""
    import httpx
    with httpx.Client(follow_redirects=False, timeout=timeout, headers={"User-Agent": "frontlines"}) as client:
        for _ in range(max_redirects + 1):
            check_url(url, allow_private)
            with client.stream("GET", url) as resp:
                if resp.is_redirect:
                    url = urljoin(url, resp.headers.get("location", ""))
                    continue
                resp.raise_for_status()
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchRefused(f"the page is too large ({int(declared):,} bytes > {max_bytes:,})")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchRefused(f"the page is too large (over {max_bytes:,} bytes)")
                return bytes(body), str(resp.url), resp.headers.get("content-type", "")
    raise FetchRefused(f"more than {max_redirects} redirects")
