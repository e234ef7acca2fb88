package secrets

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type genericCase struct {
	name, path, content string
	rule, secret        string // empty rule: no finding at all
}

func TestGenericRule(t *testing.T) {
	cases := []genericCase{
		// Positives, one per syntax.
		{"python assignment", "app.py", `DB_PASSWORD = "Tr0ub4dor&3xq"`, "generic-password", "Tr0ub4dor&3xq"},
		{"python kwarg", "app.py", `conn = psycopg2.connect(host="db", password="Zp9!kQ2vLm7x")`, "generic-password", "Zp9!kQ2vLm7x"},
		{"python annotation", "app.py", `api_key: str = "q8Fj2LmZx9Rt4WvB7nKp"`, "generic-secret", "q8Fj2LmZx9Rt4WvB7nKp"},
		{"python bytes prefix", "app.py", `secret = b"Jx82kLmQp0Zr7TvYw3Ns"`, "generic-secret", "Jx82kLmQp0Zr7TvYw3Ns"},
		{"python dict", "app.py", `cfg = {'auth_token': 'Jx82kLmQp0Zr7TvYw3Ns'}`, "generic-secret", "Jx82kLmQp0Zr7TvYw3Ns"},
		{"python getenv default", "app.py", `key = os.getenv("API_KEY", "Hx7Kq2Lm9Pz4Rt8Wn3Vs")`, "generic-secret", "Hx7Kq2Lm9Pz4Rt8Wn3Vs"},
		{"js const", "app.js", `const apiKey = 'q8Fj2LmZx9Rt4WvB7nKp3';`, "generic-secret", "q8Fj2LmZx9Rt4WvB7nKp3"},
		{"js object key", "app.ts", `const cfg = { clientSecret: "Vb7Nq2Lx9Pz4Rt8Wm3Ks" };`, "generic-secret", "Vb7Nq2Lx9Pz4Rt8Wm3Ks"},
		{"js quoted header key", "app.js", `headers: {"x-api-key": "Vb7Nq2Lx9Pz4Rt8Wm3Ks"}`, "generic-secret", "Vb7Nq2Lx9Pz4Rt8Wm3Ks"},
		{"js member assignment", "app.js", `e.apiToken="Hx7Kq2Lm9Pz4Rt8Wn3Vs",t.x=1`, "generic-secret", "Hx7Kq2Lm9Pz4Rt8Wn3Vs"},
		{"java field", "App.java", `private static final String DB_PASSWORD = "Qw3rTy!9zXc";`, "generic-password", "Qw3rTy!9zXc"},
		{"java setter", "App.java", `ds.setPassword("Qw3rTy!9zXcV");`, "generic-password", "Qw3rTy!9zXcV"},
		{"java map put", "App.java", `props.put("password", "Qw3rTy9zXcVb");`, "generic-password", "Qw3rTy9zXcVb"},
		{"dotenv", ".env", "JWT_SECRET=Gh7Kq2Lm9Pz4Rt8Wn3VsXy", "generic-secret", "Gh7Kq2Lm9Pz4Rt8Wn3VsXy"},
		{"dotenv export with comment", ".env.production", "export SERVICE_TOKEN=Gh7Kq2Lm9Pz4Rt8Wn3VsXy  # rotate me", "generic-secret", "Gh7Kq2Lm9Pz4Rt8Wn3VsXy"},
		{"properties", "application.properties", "spring.datasource.password=Qw3rTy9zXcVb", "generic-password", "Qw3rTy9zXcVb"},
		{"yaml bare", "serverless.yml", "db:\n  password: Qw3rTy9zXcVb\n", "generic-password", "Qw3rTy9zXcVb"},
		{"yaml quoted", "config.yaml", "  api_key: \"Hx7Kq2Lm9Pz4Rt8Wn3Vs\"", "generic-secret", "Hx7Kq2Lm9Pz4Rt8Wn3Vs"},
		{"json", "config.json", `{"client_secret": "Vb7Nq2Lx9Pz4Rt8Wm3Ks"}`, "generic-secret", "Vb7Nq2Lx9Pz4Rt8Wm3Ks"},
		{"ini", "app.ini", "[db]\npassword = Qw3rTy9zXcVb\n", "generic-password", "Qw3rTy9zXcVb"},
		{"toml", "pyproject.toml", `token = "Hx7Kq2Lm9Pz4Rt8Wn3VsLq"`, "generic-secret", "Hx7Kq2Lm9Pz4Rt8Wn3VsLq"},
		{"xml element", "settings.xml", "<server>\n  <password>Qw3rTy9zXcVb</password>\n</server>", "generic-password", "Qw3rTy9zXcVb"},
		{"xml attribute", "web.config", `<add key="x" password="Qw3rTy9zXcVb" />`, "generic-password", "Qw3rTy9zXcVb"},
		{"crypto key", "app.py", `SIGNING_KEY = "c2lnbmluZ2tleWJ5dGVz9Xq7"`, "generic-crypto-key", "c2lnbmluZ2tleWJ5dGVz9Xq7"},
		{"go short assign", "main.go", `dbPassword := "Qw3rTy9zXcVb"`, "generic-password", "Qw3rTy9zXcVb"},
		{"uuid under secret key", "app.py", `api_key = "3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f"`, "generic-secret", "3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f"},

		// Negatives: placeholders, references, and things that are not secrets.
		{"changeme", "app.py", `password = "changeme"`, "", ""},
		{"xxx", "app.py", `API_KEY = "xxxxxxxxxxxxxxxx"`, "", ""},
		{"stars", "app.py", `secret = "********"`, "", ""},
		{"angle placeholder", "app.py", `token = "<token>"`, "", ""},
		{"shell var", "app.py", `api_key = "${API_KEY}"`, "", ""},
		{"jinja", "config.yaml", `password: "{{ db_password }}"`, "", ""},
		{"percent format", "app.py", `password = "%(password)s"`, "", ""},
		{"os.environ", "app.py", `password = os.environ["DB_PASSWORD"]`, "", ""},
		{"os.environ.get", "app.py", `password = os.environ.get("DB_PASSWORD", "")`, "", ""},
		{"process.env", "app.js", `const token = process.env.TOKEN;`, "", ""},
		{"System.getenv", "App.java", `String password = System.getenv("DB_PASSWORD");`, "", ""},
		{"your-api-key", "app.py", `api_key = "your-api-key"`, "", ""},
		{"example", "app.py", `password = "example-password-1"`, "", ""},
		{"dummy", "app.py", `password = "dummy-pass-99"`, "", ""},
		{"test", "app.py", `token = "test-token-123456"`, "", ""},
		{"password itself", "app.py", `password = "password"`, "", ""},
		{"repeated", "app.py", `secret = "aaaaaaaaaaaaaaaa"`, "", ""},
		{"file path", "app.py", `private_key = "/etc/keys/private.pem"`, "", ""},
		{"relative path", "app.py", `secret_key = "certs/server.key.pem"`, "", ""},
		{"key path descriptor", "app.py", `private_key_path = "keys/pk-2024.pem"`, "", ""},
		{"url without credentials", "app.py", `auth = "https://auth.internal.corp/oauth/token"`, "", ""},
		{"token url", "app.py", `token_url = "https://auth.internal.corp/oauth/token"`, "", ""},
		{"uuid not secret-named", "app.py", `request_id = "3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f"`, "", ""},
		{"ui text", "app.js", `passwordLabel: "Enter your password"`, "", ""},
		{"sentence", "app.js", `const secret = "this is not it at all"`, "", ""},
		{"comparison", "app.py", `if password == "Qw3rTy9zXcVb":`, "", ""},
		{"env var name", "app.py", `PASSWORD_VAR = "DB_PASSWORD"`, "", ""},
		{"header name", "app.js", `const tokenHeader = "X-Auth-Token"`, "", ""},
		{"identifier value", "app.js", `const token = "accessToken"`, "", ""},
		{"no literal", "app.js", `headers = {"X-Api-Key": apiKey}`, "", ""},
		{"tokenizer", "app.py", `tokenizer = "bert-base-uncased-v2"`, "", ""},
		{"author", "app.py", `author = "Jane Doe 2024"`, "", ""},
		{"max tokens", "config.yaml", `max_tokens: 4096`, "", ""},
		{"json null", "config.json", `{"password": null}`, "", ""},
		{"json type", "config.json", `{"type": "password"}`, "", ""},
		{"secret name", "app.py", `secret_name = "prod/orders/db-credentials"`, "", ""},
		{"cfn ref", "template.yaml", `      password: !Ref DbPassword`, "", ""},
		{"cfn dynamic reference", "template.yaml", `      password: '{{resolve:secretsmanager:prod/db:SecretString:password}}'`, "", ""},
		{"empty", "app.py", `password = ""`, "", ""},
		{"react key", "app.js", `{key: "user-list-item"}`, "", ""},
		{"public key", "app.py", `public_key = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"`, "", ""},
		{"pagination token", "app.py", `next_token = "eyJsYXN0IjoiMTIzIn0xMjM0NTY3"`, "", ""},
		{"bare value in code", "app.py", `password = get_password_from_vault(name)`, "", ""},
		{"getter", "app.js", `const getPassword = "Qw3rTy9zXcVb"`, "", ""},
		{"numbers", "config.yaml", `token_ttl: 3600`, "", ""},
		// Seen in real packages (pip, cryptography, aws-sdk-go-v2 tests).
		{"string annotation", "dsa.py", `def f(backend: "Backend", private_key: "_DSAPrivateKey", data: bytes):`, "", ""},
		{"six moved attribute", "six.py", `MovedAttribute("HTTPPasswordMgr", "urllib2", "urllib.request"),`, "", ""},
		{"parameter name constant", "v4.go", `const credential = "Credential="`, "", ""},
		{"member path", "cs.go", "authDisabledPattern2 = `globalThis._VSCODE_FILE_ROOT`", "", ""},
		{"self-naming test value", "cfg_test.go", `SecretAccessKey: "DoNotNormalize_credentials_secret",`, "", ""},
		{"base64 of placeholder text", "token.json", `{"accessToken": "dGhpcyBpcyBub3QgYSByZWFsIHZhbHVl"}`, "", ""},
		{"unrelated call with key-like first arg", "lex.py", `_shortened_many('pwd$', 're$read', 'res$et')`, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs, _ := Scan(tc.path, []byte(tc.content))
			var want []got
			if tc.rule != "" {
				want = []got{expectFor(tc.rule, tc.content, tc.secret)}
			}
			g := projectAll(fs, tc.secret)
			if len(g) == 0 {
				g = nil
			}
			if diff := cmp.Diff(want, g); diff != "" {
				t.Errorf("%q (-want +got):\n%s\n%v", tc.content, diff, messages(fs))
			}
			if tc.secret != "" {
				assertNoRaw(t, fs, tc.secret)
			}
		})
	}
}

func TestClassifyKey(t *testing.T) {
	tests := map[string]keyKind{
		"password": kindPassword, "DB_PASSWORD": kindPassword, "dbPassword": kindPassword, "DBPASSWORD": kindPassword,
		"passwd": kindPassword, "pwd": kindPassword, "api_key": kindToken, "apiKey": kindToken, "APIKey": kindToken,
		"x-api-key": kindToken, "client_secret": kindToken, "clientSecret": kindToken, "auth_token": kindToken,
		"credentials": kindToken, "private_key": kindCryptoKey, "privateKey": kindCryptoKey, "signing_key": kindCryptoKey,
		"JWT_SECRET": kindToken, "secretAccessKey": kindToken, "access_key_id": notSecret, "token_url": notSecret,
		"password_field": notSecret, "secret_name": notSecret, "tokenizer": notSecret, "author": notSecret,
		"keyboard": notSecret, "public_key": notSecret, "primary_key": notSecret, "sort_key": notSecret,
		"getPassword": notSecret, "is_secret": notSecret, "max_tokens": notSecret, "key": notSecret,
		"passwordMinLength": notSecret, "auth_type": notSecret, "next_token": notSecret, "bypass": notSecret,
	}
	for k, want := range tests {
		if got := classifyKey(k); got != want {
			t.Errorf("classifyKey(%q) = %v, want %v", k, got, want)
		}
	}
}

func TestSplitWords(t *testing.T) {
	tests := map[string]string{
		"dbPassword": "db password", "API_KEY": "api key", "APIKey": "api key", "spring.datasource.password": "spring datasource password",
		"x-api-key": "x api key", "getHTTPToken": "get http token", "aws2Secret": "aws2 secret",
	}
	for in, want := range tests {
		if got := strings.Join(splitWords(in), " "); got != want {
			t.Errorf("splitWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestProviderBeatsGeneric: a provider token under a secret-named key is
// reported once, by the provider rule.
func TestProviderBeatsGeneric(t *testing.T) {
	tok := crcToken("ghp_", "dedupe")
	content := `GITHUB_TOKEN = "` + tok + `"`
	fs, _ := Scan("app.py", []byte(content))
	if diff := cmp.Diff([]got{expectFor("github-pat", content, tok)}, projectAll(fs, tok)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
