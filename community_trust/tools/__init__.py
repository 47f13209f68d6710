"""Contributor tools that need no build: ``make lint``, ``make new-resource``, the freshness report."""
