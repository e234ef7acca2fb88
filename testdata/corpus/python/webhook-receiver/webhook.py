"""Webhook receiver: forwards partner callbacks, renders notification
templates, looks users up in the directory and reads partner XML."""
import json
import logging
import re
import ssl
import urllib.request
from urllib.parse import urlparse
from xml.dom import minidom

import defusedxml.minidom

import jinja2
import ldap
import requests
from lxml import etree

logger = logging.getLogger()
ALLOWED_HOSTS = {"hooks.partner.example.com", "api.partner.example.com"}
TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"), autoescape=True)
DIRECTORY = ldap.initialize("ldaps://ldap.internal.example.com")
STATUS_URL = "http://status.partner.example.com/api/v1/report"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def handler(event, context):
    body = json.loads(event["body"])
    callback = body["callback_url"]
    user = body.get("user", "")
    logger.info("webhook from " + user)
    logger.info("webhook from %r", user.replace("\n", "\\n"))
    requests.post(callback, json={"ok": True}, timeout=5)
    if urlparse(callback).hostname in ALLOWED_HOSTS:
        requests.post("https://hooks.partner.example.com/ack", json={"ok": True}, timeout=5)
    urllib.request.urlopen(body["avatar"])
    requests.get("https://api.partner.example.com/v2/ping", verify=False, timeout=5)
    requests.get("https://api.partner.example.com/v2/ping", timeout=5)
    requests.get("https://api.partner.example.com/v2/ping", verify="/opt/ca.pem", timeout=5)
    ctx = ssl._create_unverified_context()
    ctx2 = ssl.create_default_context()
    ctx2.check_hostname = False
    ctx2.verify_mode = ssl.CERT_NONE
    ctx3 = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    ctx4 = ssl.create_default_context()
    ctx4.minimum_version = ssl.TLSVersion.TLSv1_2
    requests.post(STATUS_URL, json={"user": user}, timeout=5)
    requests.post("http://status.partner.example.com/api/v1/report", json={"user": user}, timeout=5)
    requests.get("http://localhost:2773/systemsmanager/parameters/get", timeout=2)

    pattern = body.get("filter", ".*")
    if re.search(pattern, body.get("subject", "")):
        pass
    if re.search(re.escape(pattern), body.get("subject", "")):
        pass

    expr = body.get("expression", "0")
    result = eval(expr)
    total = eval("1 + 2")
    exec(compile(body.get("script", ""), "<hook>", "exec"))
    number = int(expr) if expr.isdigit() else 0

    greeting = jinja2.Template("Hello " + user).render()
    note = TEMPLATES.get_template("note.txt").render(user=user)
    raw_env = jinja2.Environment(autoescape=False)
    rendered = raw_env.from_string(body.get("template", "")).render()

    results = DIRECTORY.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + user + ")")
    escaped = ldap.filter.escape_filter_chars(user)
    results2 = DIRECTORY.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + escaped + ")")

    doc = etree.fromstring(body["xml"].encode(), etree.XMLParser(resolve_entities=True))
    safe_doc = etree.fromstring(body["xml"].encode(), SAFE_PARSER)
    dom = minidom.parseString(body["xml"])
    safe_dom = defusedxml.minidom.parseString(body["xml"])
    names = doc.xpath("//order[@customer='" + user + "']/name/text()")
    names2 = safe_doc.xpath("//order[@customer=$c]/name/text()", c=user)

    return {
        "statusCode": 200,
        "headers": {"X-Request-Source": body.get("source", "")},
        "body": json.dumps({"r": result, "t": total, "n": number, "g": greeting, "note": note, "x": rendered,
                            "ldap": str(results) + str(results2), "names": names + names2, "dom": dom.documentElement.tagName + safe_dom.documentElement.tagName, "c": str(ctx) + str(ctx3)}),
    }
