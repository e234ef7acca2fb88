import json

import ldap
import ldap.filter
import ldap3

DIRECTORY = ldap.initialize("ldaps://ldap.internal.example.com")


def handler(event, context):
    body = json.loads(event["body"])
    user = body.get("user", "")
    # ruleid: python.lambda-ldap-injection
    a = DIRECTORY.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + user + ")")
    conn = ldap3.Connection(ldap3.Server("ldaps://ldap.internal.example.com"), auto_bind=True)
    # ruleid: python.lambda-ldap-injection
    conn.search("ou=people,dc=example,dc=com", f"(&(objectClass=person)(mail={user}))")
    escaped = ldap.filter.escape_filter_chars(user)
    # ok: python.lambda-ldap-injection
    b = DIRECTORY.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + escaped + ")")
    # ok: python.lambda-ldap-injection
    conn.search("ou=people,dc=example,dc=com", "(objectClass=person)", attributes=[user])
    return a, b
