import json

import jinja2
from flask import render_template_string
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"), autoescape=True)


def handler(event, context):
    body = json.loads(event["body"])
    user = body.get("user", "")
    # ruleid: python.lambda-template-injection
    greeting = jinja2.Template("Hello " + user).render()
    raw_env = jinja2.Environment(autoescape=True)
    # ruleid: python.lambda-template-injection
    rendered = raw_env.from_string(body.get("template", "")).render()
    # ruleid: python.lambda-template-injection
    page = render_template_string(f"<h1>{user}</h1>")
    # ok: python.lambda-template-injection
    note = TEMPLATES.get_template("note.txt").render(user=user)
    # ok: python.lambda-template-injection
    fixed = jinja2.Template("Hello {{ user }}").render(user=user)
    return greeting, rendered, page, note, fixed
