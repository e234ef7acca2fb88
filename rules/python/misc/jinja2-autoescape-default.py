import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape


def handler(event, context):
    # ruleid: python.jinja2-autoescape-default
    env = jinja2.Environment(loader=FileSystemLoader("templates"))
    # ruleid: python.jinja2-autoescape-default
    env2 = Environment()
    # ok: python.jinja2-autoescape-default
    env3 = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
    # ok: python.jinja2-autoescape-default
    env4 = jinja2.Environment(autoescape=True)
    return env, env2, env3, env4
