from dossierlint.main import entry

entry()
