"""The core: answers, questions, scoring and the plan; pure functions over the content.

May import `content` (and `errors`, `i18n`); never `views` or `cli`, never I/O or settings.
"""
