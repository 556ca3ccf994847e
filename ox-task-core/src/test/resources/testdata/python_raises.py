"""A plan whose module fails while it is evaluated."""

jobs = {"hello": {"command": ["echo", "hello"]}}


def load_settings():
    raise ValueError("settings.ini has no [jobs] section")


settings = load_settings()
