from dossierlint.main import main

main()
