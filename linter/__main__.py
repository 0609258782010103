from awslint.cli.main import run

run()
