"""Floor for `tasktrack --help`: a minimal two-command Typer app.

python benchmarks/floors/typer_app.py --help
"""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = typer.Option("world", help="Whom to greet.")) -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye(name: str = typer.Argument(..., help="Whom to see off.")) -> None:
    """Say goodbye."""
    print(f"bye {name}")


app()
