"""Data files shipped with the app (the common-password list)."""
