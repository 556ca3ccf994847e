jobs = {"hello": {"command": ["echo", "hello"]}}
raise RuntimeError("no jobs tonight")
