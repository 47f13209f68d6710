"""Tooling shared by the tests, the benchmark and the audit; never part of the site.

The Sphinx extension lives in ``community_trust/``; what only developers run
(opening the built site in a browser, serving it on loopback) lives here, once.
"""
