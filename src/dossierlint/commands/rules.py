"""`dossierlint rules`: list the rules, explain one, or print them all as Markdown."""

from __future__ import annotations

import click

from dossierlint.commands import EXIT_CLEAN


@click.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print every rule as Markdown (docs/rules.md).")
def rules(code: str | None, markdown: bool) -> int:
    """List the rules, or explain one (by code, prefix or name)."""
    from dossierlint.docs import explain_rule, render_rules_markdown, rule_table
    from dossierlint.engine import expand_selectors
    from dossierlint.rules import REGISTRY

    if markdown:
        click.echo(render_rules_markdown(), nl=False)
        return EXIT_CLEAN
    if code is None:
        click.echo(rule_table())
        return EXIT_CLEAN
    matched = sorted(expand_selectors([code], "rules"))
    click.echo("\n\n".join(explain_rule(REGISTRY[c]) for c in matched))
    return EXIT_CLEAN
