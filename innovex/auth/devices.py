"""What a login session remembers of the browser: a short browser and system name, and the address's network
(IPv4 /24, IPv6 /48), never the full address, so that the device list is recognisable without tracking."""

import ipaddress

# Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("HeadlessChrome/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("CriOS/", "Chrome"),
    ("Safari/", "Safari"),
)
_PLATFORMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)
_PREFIX = {4: 24, 6: 48}


def _first(user_agent: str, table: tuple[tuple[str, str], ...]) -> str | None:
    return next((name for marker, name in table if marker in user_agent), None)


def browser_and_platform(user_agent: str | None) -> tuple[str | None, str | None]:
    """("Firefox", "Linux") from a User-Agent header; None for what it does not tell."""
    user_agent = (user_agent or "")[:1000]
    return _first(user_agent, _BROWSERS), _first(user_agent, _PLATFORMS)


def address_prefix(address: str | None) -> str | None:
    """The network of an address, e.g. "192.0.2.0/24" or "2001:db8:1::/48"; None when it is not one."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return str(ipaddress.ip_network(f"{ip}/{_PREFIX[ip.version]}", strict=False))
