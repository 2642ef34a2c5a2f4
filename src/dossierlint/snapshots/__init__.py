"""Source snapshots: saved copies of the pages dossiers cite, kept beside the dossiers.

`store` reads and names them (standard library only, safe on a hostile working
tree); `commands` holds the `dossierlint sources` group. The format is described
in docs/snapshots.md.
"""
