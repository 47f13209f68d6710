"""Reading pages into doctrees (Sphinx): each page parsed once, checked, and its generated content built as nodes.

Everything here runs while pages are read, so its output is saved in the
environment: the environment's version follows this folder's code (``ENV_STAGES``
in the package's ``__init__``).
"""
