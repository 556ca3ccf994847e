jobs = {"hello": {"command": ["echo", "hello"]}
envs = {}
