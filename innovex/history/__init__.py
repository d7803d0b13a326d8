"""Profile history: every change to an organisation's profile and its offerings becomes a revision."""
