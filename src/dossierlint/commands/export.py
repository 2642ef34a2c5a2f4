"""`dossierlint export`: print dossiers as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from dossierlint.commands import EXIT_CLEAN, EXIT_FINDINGS, load_settings
from dossierlint.commands.options import config_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "json-lines"]),
    default="json",
    show_default=True,
    help="json: one object for one file, else an array; json-lines: one object a line.",
)
@config_option
def export(paths: tuple[Path, ...], output_format: str, config_file: Path | None) -> int:
    """Print dossiers as JSON that validates against schema/dossier.schema.json.

    PATHS are files or folders (walked for *.md, as by check); none means the
    configured dossiers folder. A dossier with lint errors is not exported: stderr
    gets one line naming it and its first error, and the exit code is 1."""
    from dossierlint.engine import build_ruleset
    from dossierlint.export import Refusal, export_paths, json_text
    from dossierlint.linter import Linter

    config, house_rules = load_settings(config_file)
    linter = Linter(config, build_ruleset(config, ignore=[]), house_rules)
    exported = []
    refused = False
    for item in export_paths(linter, list(paths)):
        if isinstance(item, Refusal):
            click.echo(f"dossierlint: {item}", err=True)
            refused = True
        elif output_format == "json-lines":
            click.echo(json_text(item))
        else:
            exported.append(item)
    if output_format == "json":
        single = len(paths) == 1 and not paths[0].is_dir()
        if exported or not single:
            data = exported[0] if single else exported
            click.echo(json_text(data, indent=2))
    return EXIT_FINDINGS if refused else EXIT_CLEAN
