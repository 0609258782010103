from awslint.cli import main

raise SystemExit(main())
