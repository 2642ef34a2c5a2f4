"""Source snapshots: saved copies of the pages dossiers cite, kept beside the dossiers.

`store` reads, names and writes them (standard library only, safe on a hostile
working tree; the grounding rules read it); `extract` turns a saved page into its
main text, `fetch` downloads cited pages, `status` reports which pages have
snapshots. The click group is `dossierlint.commands.sources`; the format is
described in docs/snapshots.md.
"""
