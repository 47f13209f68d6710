"""The print binders: the ``binders`` builder, its pages' shape, and WeasyPrint's tagged PDF."""
