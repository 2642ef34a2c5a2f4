"""`dossierlint report`: a static HTML site with the collection's health and a timeline per dossier.

Layer 8 (above the engine): it runs the linter and reads the rules' own scans;
nothing below imports it. Jinja2 comes with the optional extra `[report]`.
"""
