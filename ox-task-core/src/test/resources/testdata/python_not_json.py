jobs = {"hello": {"command": {"echo", "hello"}}}
