from dossierlint.cli import main

main()
