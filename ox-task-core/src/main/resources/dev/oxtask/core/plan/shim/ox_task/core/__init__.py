"""The part of the original ox_task's core that .py plans import: the models."""
