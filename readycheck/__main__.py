from readycheck.cli import main

main()
