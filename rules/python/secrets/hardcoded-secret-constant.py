import os

# ruleid: python.hardcoded-secret-constant
SIGNING_KEY = "k3y-f0r-s1gning-tok3ns-2024-prod"
# ruleid: python.hardcoded-secret-constant
stripe_api_key = "rk_live_51HxYzAbCdEf0123456789"
# ok: python.hardcoded-secret-constant
JWT_SECRET = os.environ["JWT_SECRET"]
# ok: python.hardcoded-secret-constant
SECRET_NAME = "prod/app/jwt_secret_v2"
# ok: python.hardcoded-secret-constant
PASSWORD_FIELD = "password_hash"
# ok: python.hardcoded-secret-constant
API_KEY = "changeme12345678"
# ok: python.hardcoded-secret-constant
AUTH_TOKEN_HEADER = "X-Auth-Token"
