"""`dossierlint server`: the Language Server, for editors (needs the `server` extra)."""

from __future__ import annotations

import click

from dossierlint.commands import EXIT_CLEAN, EXIT_FAILURE


@click.command()
def server() -> int:
    """Answer an editor as a Language Server over stdio (needs the 'server' extra)."""
    from dossierlint.server import missing_dependency, serve

    hint = missing_dependency()
    if hint is not None:
        click.echo(f"dossierlint: {hint}", err=True)
        return EXIT_FAILURE
    serve()
    return EXIT_CLEAN
