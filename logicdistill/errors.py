"""Errors the command line shows as one line (exit status 2) instead of a traceback.

Only mistakes in what a user gave us belong here: bad coordinates, unknown
names, malformed files. Bugs stay ordinary exceptions so that they are seen.
"""


class UserError(Exception):
    """Something the user supplied is wrong; the message names the problem."""
