import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape


def handler(event, context):
    # ruleid: python.jinja2-autoescape-off
    env = jinja2.Environment(autoescape=False)
    # ruleid: python.jinja2-autoescape-off
    env2 = Environment(loader=FileSystemLoader("templates"), autoescape=False)
    # ok: python.jinja2-autoescape-off
    env3 = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
    # ok: python.jinja2-autoescape-off
    env4 = jinja2.Environment(autoescape=True)
    return env, env2, env3, env4
