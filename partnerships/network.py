"""Where a request comes from, as the trusted proxies saw it.

Behind TRUSTED_PROXY_COUNT proxies, each one appends the address it received the connection from to
X-Forwarded-For, so the client is the entry that many places from the right; whatever a client writes to
the left of it is its own invention and ignored. Without a trusted proxy the header is not read at all
(anyone could write it)."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address (also django-axes' AXES_CLIENT_IP_CALLABLE)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def is_from_local_network(request) -> bool:
    """The client is in one of HEALTH_DETAIL_NETWORKS (the machine itself and the private networks of the
    deployment: a container's health check, the operators' monitoring)."""
    try:
        address = ipaddress.ip_address(client_ip(request) or "")
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network) for network in settings.HEALTH_DETAIL_NETWORKS)
