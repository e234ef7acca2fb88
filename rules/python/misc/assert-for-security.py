def login(user, claims, items):
    # ruleid: python.assert-for-security
    assert user["active"], "inactive user"
    # ruleid: python.assert-for-security
    assert claims.get("role") == "admin"
    # ok: python.assert-for-security
    assert len(items) < 1000
    # ok: python.assert-for-security
    assert isinstance(items, list)
    return True
