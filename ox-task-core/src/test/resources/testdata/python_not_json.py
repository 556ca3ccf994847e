import datetime

jobs = {"hello": {"command": ["echo", "hello"], "timeout": datetime.timedelta(seconds=5)}}
