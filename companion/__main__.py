from companion.ui.cli import main

main()
