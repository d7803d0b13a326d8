"""Suggested corrections: members propose changes to profiles they do not maintain; owners decide."""
