"""Pure text grammars: date expressions, leaders' life years, citations, URLs.

Each module reads one kind of text and knows nothing of dossiers, rules or
files; the parser and the rules build on them.
"""
