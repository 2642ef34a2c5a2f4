"""`dossierlint server`: a Language Server over stdio for dossiers in an editor.

It lints through the same Linter as `check`, against a collection index
kept warm between edits, and adds what only a dossier-aware server can:
completion of `[[slug]]` links and house vocabularies, hover on links and
rule codes, quick fixes, and the section outline. pygls and lsprotocol are
an optional extra (`pip install 'dossierlint[server]'`), imported only here.
"""

from __future__ import annotations

INSTALL_HINT = (
    "dossierlint server needs the 'server' extra: pip install 'dossierlint[server]' "
    "(it brings pygls and lsprotocol)"
)


def missing_dependency() -> str | None:
    """The hint to show when pygls or lsprotocol cannot be imported; None when both can."""
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401
    except ImportError:
        return INSTALL_HINT
    return None


def serve() -> None:
    """Answer the editor over standard input and output until it says exit."""
    from dossierlint.server.app import create_server

    create_server().start_io()
