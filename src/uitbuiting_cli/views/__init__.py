"""The views: documents built from core results, and the renderers per format.

May import `core` and `content`; never `cli`. No terminal, no files, no settings.
"""
