# Runs a Python plan module and prints {"plan": {envs, notes, jobs, description}} as JSON, with
# "description_ignored": true when a module-level description is not text. argv[1]: the plan; argv[2] (optional): a folder holding the ox_task shim, put last on
# sys.path so an ox_task package found anywhere else wins. Anything the module prints goes to
# stderr, so stdout carries only the JSON. Exit 3: the module raised; exit 4: its values are not JSON.
import importlib.util
import json
import os
import sys
import traceback

path = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(path)))  # helper modules beside the plan import
if len(sys.argv) > 2:
    sys.path.append(sys.argv[2])


def shown(filename):
    """The plan's file as the user named it (importlib makes it absolute)."""
    return path if filename == os.path.abspath(path) else filename


real_stdout = sys.stdout
sys.stdout = sys.stderr
try:
    # Loaded as the original ox_task loaded it: a module named "task_plan", not in sys.modules.
    spec = importlib.util.spec_from_file_location("task_plan", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
except BaseException as error:  # SystemExit and KeyboardInterrupt are the plan's errors too
    # Only the plan's own frames, written without carets so the text is the same on every Python 3.
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if f.filename != "<string>" and not f.filename.startswith("<frozen ")]
    lines = ["Traceback (most recent call last):"] if frames else []
    for frame in frames[-3:]:
        lines.append('  File "%s", line %d, in %s' % (shown(frame.filename), frame.lineno, frame.name))
        if frame.line:
            lines.append("    " + frame.line.strip())
    if isinstance(error, SyntaxError):
        lines.append('  File "%s", line %s' % (shown(error.filename), error.lineno))
        if error.text:
            lines.append("    " + error.text.strip())
        lines.append("SyntaxError: %s" % error.msg)
    else:
        lines.extend(traceback.format_exception_only(type(error), error)[-1:])
    sys.stderr.write("\n@@ox_task@@\n" + "\n".join(line.rstrip("\n") for line in lines) + "\n")
    sys.exit(3)


def plain(value):
    """Sets become lists, pydantic models (a real ox_task's TaskJob, ...) their fields."""
    if isinstance(value, (set, frozenset)):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if hasattr(value, "__fields__") and hasattr(value, "dict"):  # pydantic 1
        return value.dict()
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


namespace = vars(module)
plan = {k: namespace[k] for k in ("envs", "notes", "jobs") if k in namespace}
printed = {"plan": plan}
# The original read only envs, notes and jobs; a module-level description is read when it is text.
description = namespace.get("description")
if isinstance(description, str) or (
        isinstance(description, (list, tuple)) and all(isinstance(d, str) for d in description)):
    plan["description"] = description
elif "description" in namespace:
    printed["description_ignored"] = True
try:
    text = json.dumps(printed, allow_nan=False, default=plain)
except (TypeError, ValueError) as error:
    sys.stderr.write("\n@@ox_task@@\n" + str(error) + "\n")
    sys.exit(4)
real_stdout.write(text)
real_stdout.flush()
