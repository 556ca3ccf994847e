"""A stand-in for the Python ox_task package, so .py plans written for it load in ox-task.

ox-task (the Java re-implementation) puts this folder last on sys.path while it reads a .py plan:
an ox_task package that Python finds anywhere else (beside the plan, on PYTHONPATH, installed)
is used instead. Only ox_task.core.models is provided.
"""
