"""The hosted HTML site (Sphinx, while pages are written): metadata, sidebar, search, citation files, offline zip."""
