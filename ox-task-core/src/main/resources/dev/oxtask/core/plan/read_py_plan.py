# Runs a Python plan module and prints its envs, notes, jobs and description as JSON.
# Reads the plan path from argv[1]. Anything the module prints goes to stderr, so stdout
# carries only the JSON. Exit 3: the module raised; exit 4: its values are not JSON.
import json
import os
import runpy
import sys
import traceback

path = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(path)))  # helper modules beside the plan import
real_stdout = sys.stdout
sys.stdout = sys.stderr
try:
    namespace = runpy.run_path(path, run_name="ox_task_plan")
except BaseException as error:  # SystemExit and KeyboardInterrupt are the plan's errors too
    # Only the plan's own frames, written without carets so the text is the same on every Python 3.
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if f.filename not in (runpy.__file__, "<string>") and not f.filename.startswith("<frozen ")]
    lines = ["Traceback (most recent call last):"] if frames else []
    for frame in frames[-3:]:
        lines.append('  File "%s", line %d, in %s' % (frame.filename, frame.lineno, frame.name))
        if frame.line:
            lines.append("    " + frame.line.strip())
    if isinstance(error, SyntaxError):
        lines.append('  File "%s", line %s' % (error.filename, error.lineno))
        if error.text:
            lines.append("    " + error.text.strip())
        lines.append("SyntaxError: %s" % error.msg)
    else:
        lines.extend(traceback.format_exception_only(type(error), error)[-1:])
    sys.stderr.write("\n@@ox_task@@\n" + "\n".join(line.rstrip("\n") for line in lines) + "\n")
    sys.exit(3)

plan = {k: namespace[k] for k in ("envs", "notes", "jobs", "description") if k in namespace}
try:
    text = json.dumps(plan, allow_nan=False)
except (TypeError, ValueError) as error:
    sys.stderr.write("\n@@ox_task@@\n" + str(error) + "\n")
    sys.exit(4)
real_stdout.write(text)
real_stdout.flush()
