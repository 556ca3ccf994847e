"""Python plans get the same checks as JSON ones, located by file and key path."""

envs = {"base": {"variables": {"A": "1"}}}
jobs = {
    "hello": {"env": "base", "command": ["echo", "$A"], "timeout": "soon"},
    "bye": {"env": "bsae", "command": "echo bye", "timout": 5},
}
