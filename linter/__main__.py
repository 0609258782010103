from awslint.cli import run

run()
