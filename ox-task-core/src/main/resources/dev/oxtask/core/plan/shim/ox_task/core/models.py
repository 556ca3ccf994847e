"""TaskEnv, TaskNote and TaskJob as .py plans written for the original ox_task build them.

They take the keyword arguments of the original's pydantic models and are plain dicts of the
arguments given, which ox-task reads and checks like the keys of a JSON plan. Reading an unset
field as an attribute gives the original's default.
"""


class _Model(dict):
    _defaults = {}

    def __init__(self, **fields):
        super().__init__(fields)

    def __getattr__(self, name):
        if name in self:
            return self[name]
        if name in self._defaults:
            default = self._defaults[name]
            return type(default)(default) if isinstance(default, (dict, list)) else default
        raise AttributeError("%s has no field %r" % (type(self).__name__, name))

    def __setattr__(self, name, value):
        self[name] = value

    def model_dump(self, **options):
        """The fields given, as a plain dict (pydantic's options are accepted and ignored)."""
        return dict(self)

    def __repr__(self):
        fields = ", ".join("%s=%r" % item for item in self.items())
        return "%s(%s)" % (type(self).__name__, fields)


class TaskEnv(_Model):
    """An env: runtime, requirements, path, variables (and ox-task's secrets, description)."""

    _defaults = {"runtime": None, "requirements": None, "path": None, "variables": {}}


class TaskNote(_Model):
    """A note: class_name, conditions, and the note class's options."""


class TaskJob(_Model):
    """A job: env, note, command, timeout, shell, description (and ox-task's retries)."""

    _defaults = {"note": "", "timeout": 300, "shell": False, "description": []}


class TaskPlan(_Model):
    """A whole plan: envs, notes and jobs by name."""

    _defaults = {"envs": {}, "notes": {}, "jobs": {}}
