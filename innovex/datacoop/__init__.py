"""The data cooperative: per-field visibility, freshness of profiles, relations between organisations."""
