"""`dossierlint export`: print dossiers as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from dossierlint.commands import EXIT_CLEAN, EXIT_FINDINGS, config_option, load_settings
from dossierlint.errors import printable


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@config_option
def export(files: tuple[Path, ...], config_file: Path | None) -> int:
    """Print dossiers as JSON (one object, or an array for several files).

    A dossier with lint errors is not exported: its errors are shown instead."""
    import json

    from dossierlint.decoding import decode
    from dossierlint.engine import build_ruleset
    from dossierlint.export import to_json_data
    from dossierlint.files import display_path, read_bytes
    from dossierlint.linter import Linter
    from dossierlint.parse import parse

    config, house_rules = load_settings(config_file)
    linter = Linter(config, build_ruleset(config, ignore=[]), house_rules)
    dossiers = []
    blocked = False
    for path in files:
        data = read_bytes(path, display_path(path))
        errors = [f for f in linter.lint_data(path, data) if f.severity == "error"]
        for finding in errors:
            where = f"{printable(finding.path)}:{finding.line}:{finding.column}"
            click.echo(
                f"dossierlint: {where}: {finding.code} {printable(finding.message)}", err=True
            )
        if errors:
            shown = printable(display_path(path))
            click.echo(f"dossierlint: {shown}: not exported: fix its errors first", err=True)
            blocked = True
            continue
        dossiers.append(parse(decode(data).text or "", path.stem, house_rules).dossier)
    if blocked:
        return EXIT_FINDINGS
    data = to_json_data(dossiers, house_rules)
    click.echo(json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False))
    return EXIT_CLEAN
