"""Wiring you can read: the app's blueprints, commands and demo steps are named in lists, so a
test makes sure that no module is left out of its list, and that nothing wires itself up by a
module name in a string or as a side effect of registering a blueprint."""

import ast
import pkgutil
import re
from pathlib import Path

import healthcheck
from healthcheck import BLUEPRINTS, commands, demo
from healthcheck.auth.access import enforce_access
from healthcheck.cli import COMMAND_MODULES, cli
from healthcheck.housekeeping import EXTENSION as HOUSEKEEPING

SOURCE = Path(healthcheck.__file__).resolve().parent


def test_every_blueprint_module_is_registered():
    defined = sorted(
        str(path.parent.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if re.search(r"^bp = Blueprint\(", path.read_text(), re.M)
    )
    registered = sorted(bp.import_name.split(".")[1] for bp in BLUEPRINTS)
    assert registered == defined


def test_every_command_module_is_listed_and_its_commands_are_on_the_cli():
    modules = {info.name for info in pkgutil.iter_modules(commands.__path__)}
    listed = {module.__name__.rpartition(".")[2] for module in COMMAND_MODULES}
    assert listed == modules
    for module in COMMAND_MODULES:
        for command in module.COMMANDS:
            assert cli.commands[command.name] is command


def test_every_demo_step_runs_once():
    # Every module of the demo package is a step, bar ``data`` (the demo's text, read by steps).
    steps = {info.name for info in pkgutil.iter_modules(demo.__path__)} - {"data"}
    assert sorted(step.__name__.rpartition(".")[2] for step in demo.STEPS) == sorted(steps)
    assert all(callable(step.seed) for step in demo.STEPS)


WIRING = ("__init__.py", "cli.py", "commands/__init__.py", "demo/__init__.py")


def test_nothing_is_wired_by_a_name_in_a_string_or_on_registering_a_blueprint():
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        where = str(path.relative_to(SOURCE))
        hooks = {"record", "record_once"}
        if where in WIRING:
            hooks |= {"import_module", "iter_modules"}
        tree = ast.parse(path.read_text(), where)
        found += [
            f"{where}:{node.lineno} {node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in hooks
        ]
    assert found == []


def test_create_app_installs_access_control_and_housekeeping_once(app):
    """Deny by default is installed by create_app, not by registering the auth blueprint."""
    assert app.before_request_funcs[None].count(enforce_access) == 1
    assert list(app.extensions[HOUSEKEEPING]) == ["expired focus-group stashes"]
