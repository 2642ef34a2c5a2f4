"""`dossierlint schema`: write or check schema/dossier.schema.json."""

from __future__ import annotations

from pathlib import Path

import click

from dossierlint.commands import EXIT_CLEAN, EXIT_FINDINGS, load_settings
from dossierlint.commands.options import config_option


@click.command()
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the schema instead of writing it.")
@click.option(
    "--check", "check_only", is_flag=True, help="Exit 1 if the written schema is out of date."
)
@config_option
def schema(to_stdout: bool, check_only: bool, config_file: Path | None) -> int:
    """Write schema/dossier.schema.json from the model and the house rules."""
    from dossierlint.engine import build_ruleset
    from dossierlint.schema import SCHEMA_FILE, render_json_schema
    from dossierlint.writing import write_atomically

    config, house_rules = load_settings(config_file)
    text = render_json_schema(house_rules, build_ruleset(config).options)
    if to_stdout:
        click.echo(text, nl=False)
        return EXIT_CLEAN
    target = config.root / "schema" / SCHEMA_FILE
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if check_only:
        if current != text:
            click.echo(f"{target}: out of date; run 'dossierlint schema'", err=True)
            return EXIT_FINDINGS
        return EXIT_CLEAN
    if current != text:
        write_atomically(target, text.encode("utf-8"))
        click.echo(f"wrote {target}")
    else:
        click.echo(f"{target} is up to date")
    return EXIT_CLEAN
