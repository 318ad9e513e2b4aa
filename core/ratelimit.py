"""Rate limits on what bots abuse, counted by allauth's machinery (shared cache, trusted-proxy IPs).

The limits themselves are in settings.ACCOUNT_RATE_LIMITS under the action's name.
"""

from allauth.core import ratelimit


def allow(request, action: str) -> bool:
    """Count one attempt at `action`; False once the limit is reached."""
    return ratelimit.consume(request, action=action, key=None)
