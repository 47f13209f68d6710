"""A resource's record as citations (APA, RIS, BibTeX, CSL-JSON and ``citation_*`` tags), with no Sphinx."""
