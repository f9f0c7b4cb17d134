"""Turning played episodes into the numbers the paper reports (SPEC §5)."""
