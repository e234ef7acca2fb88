// Package corpus generates realistic, varied Lambda handlers in Python,
// JavaScript, TypeScript and Java for lambdascan's benchmarks: the
// benchmark script writes them to disk, Go benchmarks keep them in memory.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// File is one generated source file.
type File struct {
	Name string
	Body string
}

// Generate returns files totalling about size bytes, the same for a given
// seed: a quarter each Python, JavaScript, TypeScript and Java.
func Generate(seed uint64, size int) []File {
	r := rand.New(rand.NewPCG(seed, 7))
	var out []File
	total := 0
	for i := 0; total < size; i++ {
		var f File
		switch i % 4 {
		case 0:
			f = File{fmt.Sprintf("svc%03d/handler_%d.py", i%200, i), Python(r, i)}
		case 1:
			f = File{fmt.Sprintf("svc%03d/index_%d.js", i%200, i), JavaScript(r, i)}
		case 2:
			f = File{fmt.Sprintf("svc%03d/api_%d.ts", i%200, i), TypeScript(r, i)}
		case 3:
			f = File{fmt.Sprintf("svc%03d/src/com/example/H%d.java", i%200, i), Java(r, i)}
		}
		out = append(out, f)
		total += len(f.Body)
	}
	return out
}

var words = strings.Fields("order customer invoice report thumbnail user account payment refund item cart session token export import record queue batch event message tenant bucket key table stream")

func ident(r *rand.Rand) string {
	return words[r.IntN(len(words))] + "_" + words[r.IntN(len(words))]
}

func camel(r *rand.Rand) string {
	a, b := words[r.IntN(len(words))], words[r.IntN(len(words))]
	return a + strings.ToUpper(b[:1]) + b[1:]
}

func Python(r *rand.Rand, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "import json\nimport os\nimport subprocess\nimport hashlib\n\nimport boto3\n\ns3 = boto3.client('s3')\nTABLE = os.environ['TABLE_%d']\n\n", i)
	for f := 0; f < 12+r.IntN(8); f++ {
		n := ident(r)
		fmt.Fprintf(&b, "def %s_%d(event, context):\n    \"\"\"Handle %s requests.\"\"\"\n", n, f, n)
		fmt.Fprintf(&b, "    body = json.loads(event.get('body') or '{}')\n    %s = body.get('%s', '')\n", n, n)
		for k := 0; k < 6+r.IntN(6); k++ {
			v := ident(r)
			switch r.IntN(6) {
			case 0:
				fmt.Fprintf(&b, "    %s = [x * %d for x in range(%d) if x %% 3]\n", v, r.IntN(9)+1, r.IntN(100))
			case 1:
				fmt.Fprintf(&b, "    if %s:\n        %s = {'id': %s, 'n': %d}\n    else:\n        %s = None\n", n, v, n, r.IntN(1000), v)
			case 2:
				fmt.Fprintf(&b, "    %s = hashlib.sha256(str(%s).encode()).hexdigest()\n", v, n)
			case 3:
				fmt.Fprintf(&b, "    s3.put_object(Bucket=os.environ['BUCKET'], Key=f'%s/{%s}', Body=json.dumps(body))\n", v, n)
			case 4:
				fmt.Fprintf(&b, "    out = subprocess.run(['ls', '-l', '/tmp/%s'], capture_output=True, check=False)\n", v)
			case 5:
				fmt.Fprintf(&b, "    for %s in body.get('items', []):\n        print('%s', %s)\n", v, v, v)
			}
		}
		fmt.Fprintf(&b, "    return {'statusCode': 200, 'body': json.dumps({'ok': True, 'n': %d})}\n\n\n", f)
	}
	return b.String()
}

func JavaScript(r *rand.Rand, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "'use strict';\nconst { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');\nconst crypto = require('crypto');\nconst s3 = new S3Client({});\nconst TABLE = process.env.TABLE_%d;\n\n", i)
	for f := 0; f < 12+r.IntN(8); f++ {
		n := camel(r)
		fmt.Fprintf(&b, "async function %s%d(event, context) {\n  const body = JSON.parse(event.body || '{}');\n  const %s = body.%s;\n", n, f, n, n)
		for k := 0; k < 6+r.IntN(6); k++ {
			v := camel(r)
			switch r.IntN(5) {
			case 0:
				fmt.Fprintf(&b, "  const %s%d = [1, 2, 3].map((x) => x * %d).filter((x) => x %% 2);\n", v, k, r.IntN(9)+1)
			case 1:
				fmt.Fprintf(&b, "  if (%s) {\n    console.log(`%s ${%s}`);\n  }\n", n, v, n)
			case 2:
				fmt.Fprintf(&b, "  const %s%d = crypto.createHash('sha256').update(String(%s)).digest('hex');\n", v, k, n)
			case 3:
				fmt.Fprintf(&b, "  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: `%s/${%s}`, Body: JSON.stringify(body) }));\n", v, n)
			case 4:
				fmt.Fprintf(&b, "  for (const %s%d of body.items || []) { console.log(%s%d); }\n", v, k, v, k)
			}
		}
		fmt.Fprintf(&b, "  return { statusCode: 200, body: JSON.stringify({ ok: true, n: %d }) };\n}\n\n", f)
	}
	b.WriteString("exports.handler = async (event, context) => ({ statusCode: 204 });\n")
	return b.String()
}

func TypeScript(r *rand.Rand, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';\nimport { randomUUID } from 'node:crypto';\n\ninterface Item%d { id: string; qty: number; price?: number }\n\n", i)
	for f := 0; f < 12+r.IntN(8); f++ {
		n := camel(r)
		fmt.Fprintf(&b, "export const %s%d = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {\n  const items: Item%d[] = JSON.parse(event.body ?? '[]');\n", n, f, i)
		for k := 0; k < 6+r.IntN(6); k++ {
			v := camel(r)
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, "  const %s%d: number = items.reduce((s, it) => s + it.qty * (it.price ?? %d), 0);\n", v, k, r.IntN(50))
			case 1:
				fmt.Fprintf(&b, "  const %s%d = items.filter((it) => it.qty > %d).map((it) => ({ ...it, ref: randomUUID() }));\n", v, k, r.IntN(10))
			case 2:
				fmt.Fprintf(&b, "  if (event.queryStringParameters?.%s) {\n    console.info('%s', event.requestContext.requestId);\n  }\n", v, v)
			case 3:
				fmt.Fprintf(&b, "  const %s%d = new Map<string, number>(items.map((it) => [it.id, it.qty]));\n", v, k)
			}
		}
		fmt.Fprintf(&b, "  return { statusCode: 200, body: JSON.stringify({ count: items.length, n: %d }) };\n};\n\n", f)
	}
	return b.String()
}

func Java(r *rand.Rand, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "package com.example;\n\nimport com.amazonaws.services.lambda.runtime.Context;\nimport com.amazonaws.services.lambda.runtime.RequestHandler;\nimport java.security.MessageDigest;\nimport java.util.*;\n\npublic class H%d implements RequestHandler<Map<String, Object>, String> {\n", i)
	for f := 0; f < 10+r.IntN(8); f++ {
		n := camel(r)
		fmt.Fprintf(&b, "    private String %s%d(Map<String, Object> in) throws Exception {\n        StringBuilder sb = new StringBuilder();\n", n, f)
		for k := 0; k < 6+r.IntN(6); k++ {
			v := camel(r)
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, "        int %s%d = 0;\n        for (int i = 0; i < %d; i++) { %s%d += i * %d; }\n", v, k, r.IntN(100), v, k, r.IntN(9)+1)
			case 1:
				fmt.Fprintf(&b, "        Object %s%d = in.getOrDefault(\"%s\", \"none\");\n        sb.append(%s%d);\n", v, k, v, v, k)
			case 2:
				fmt.Fprintf(&b, "        byte[] %s%d = MessageDigest.getInstance(\"SHA-256\").digest(sb.toString().getBytes());\n", v, k)
			case 3:
				fmt.Fprintf(&b, "        List<String> %s%d = new ArrayList<>(List.of(\"a\", \"b\", \"%s\"));\n        Collections.sort(%s%d);\n", v, k, v, v, k)
			}
		}
		b.WriteString("        return sb.toString();\n    }\n\n")
	}
	b.WriteString("    @Override\n    public String handleRequest(Map<String, Object> in, Context ctx) {\n        return String.valueOf(in.size());\n    }\n}\n")
	return b.String()
}
