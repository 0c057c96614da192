"""Document-family loaders: one module and one rules file per family.

The families graphkit ships are registered in :func:`graphkit.segment.builtin_families`;
:class:`graphkit.segment.Families` adds others without changing graphkit. What loaders share
(lines with offsets, furniture removal, paragraph re-joining) is in :mod:`.lines`.
"""
