package taint

import "strings"

// Functions and methods through which data flows from any argument (and
// the receiver) to the result, across the three languages: casting to
// strings, formatting, joining, (de)serialising, decoding, copying.
var passFuncs = map[string]bool{
	// Python
	"str": true, "repr": true, "format": true, "bytes": true, "bytearray": true, "list": true, "tuple": true,
	"dict": true, "set": true, "frozenset": true, "sorted": true, "reversed": true, "next": true, "iter": true,
	"getattr": true, "vars": true, "json.loads": true, "json.dumps": true, "json.load": true, "simplejson.loads": true,
	"base64.b64decode": true, "base64.b64encode": true, "base64.urlsafe_b64decode": true, "base64.decodebytes": true,
	"urllib.parse.unquote": true, "urllib.parse.unquote_plus": true, "urllib.parse.parse_qs": true,
	"urllib.parse.parse_qsl": true, "os.path.join": true, "posixpath.join": true, "os.path.normpath": true,
	"os.path.abspath": true, "copy.copy": true, "copy.deepcopy": true, "ast.literal_eval": true, "yaml.safe_load": true,
	"textwrap.dedent": true, "string.Template": true, "os.path.basename": true, "os.path.dirname": true,
	"os.path.splitext": true, "os.path.split": true, "posixpath.basename": true, "pathlib.Path": true,
	"pathlib.PurePath": true, "urllib.parse.urlparse": true, "html.unescape": true,
	// JavaScript
	"String": true, "JSON.parse": true, "JSON.stringify": true, "decodeURIComponent": true, "decodeURI": true,
	"unescape": true, "Buffer.from": true, "Object.assign": true, "Object.values": true, "Object.entries": true,
	"Array.from": true, "Array.of": true, "path.join": true, "path.resolve": true, "path.normalize": true,
	"path.basename": true, "path.dirname": true, "util.format": true, "querystring.parse": true, "qs.parse": true, "structuredClone": true, "atob": true,
	// Java
	"String.format": true, "String.valueOf": true, "String.join": true, "Objects.toString": true,
	"java.lang.String.format": true, "java.lang.String.valueOf": true, "java.lang.String.join": true,
	"java.util.Objects.toString": true, "URLDecoder.decode": true, "java.net.URLDecoder.decode": true,
	"Paths.get": true, "java.nio.file.Paths.get": true, "Path.of": true, "java.nio.file.Path.of": true,
	"StringBuilder": true, "StringBuffer": true, "java.lang.StringBuilder": true, "java.lang.StringBuffer": true,
	"java.lang.String": true, "File": true, "java.io.File": true, "Arrays.asList": true, "List.of": true, "Map.of": true,
}

// Methods whose result carries data from their arguments as well as from
// their receiver (any method of a tainted receiver returns tainted data).
var passMethods = map[string]bool{
	"format": true, "join": true, "concat": true, "replace": true, "replaceAll": true, "replaceFirst": true,
	"formatted": true, "format_map": true, "append": true, "add": true, "push": true, "unshift": true,
	"extend": true, "insert": true, "put": true, "putAll": true, "addAll": true, "update": true,
	"setdefault": true, "set": true, "readValue": true, "readTree": true, "loads": true, "parse": true,
	"decode": true, "encode": true, "valueOf": true, "of": true, "asList": true, "fromJson": true,
	"parseObject": true, "substitute": true, "safe_substitute": true, "writeValueAsString": true,
	"b64decode": true, "unquote": true, "unquote_plus": true, "urlencode": true, "quote_plus": false,
	"resolve": true, "toPath": true, "getPath": true,
}

// mutators are methods that store their arguments into the receiver.
var mutators = map[string]bool{
	"append": true, "add": true, "push": true, "unshift": true, "extend": true, "insert": true, "put": true,
	"putAll": true, "addAll": true, "update": true, "setdefault": true, "set": true, "write": true,
	"setString": false,
}

// propagatesAll says whether a call passes taint from all its inputs to its
// result: a known function, or a known method.
func propagatesAll(callee, name string, method bool) bool {
	if passFuncs[callee] {
		return true
	}
	if method && passMethods[name] {
		return true
	}
	// java.lang.String.format and friends resolved through imports.
	if i := strings.LastIndexByte(callee, '.'); i > 0 {
		if j := strings.LastIndexByte(callee[:i], '.'); j >= 0 && passFuncs[callee[j+1:]] {
			return true
		}
	}
	return false
}

func mutates(name string) bool { return mutators[name] }

// cleanFuncs are functions whose result carries no caller data whatever
// their arguments: numbers, booleans, lengths, hashes, types.
var cleanFuncs = map[string]bool{
	// Python
	"len": true, "int": true, "float": true, "bool": true, "abs": true, "round": true, "hash": true, "id": true,
	"isinstance": true, "issubclass": true, "callable": true, "hasattr": true, "ord": true, "type": true,
	"math.floor": true, "math.ceil": true, "uuid.UUID": true, "uuid.uuid4": true, "uuid.uuid5": true, "uuid.uuid3": true,
	"os.path.exists": true, "os.path.isfile": true, "os.path.isdir": true, "decimal.Decimal": true,
	"hmac.compare_digest": true, "secrets.compare_digest": true,
	// JavaScript
	"Number": true, "parseInt": true, "parseFloat": true, "Boolean": true, "isNaN": true, "isFinite": true,
	"Number.parseInt": true, "Number.parseFloat": true, "Number.isInteger": true, "Array.isArray": true,
	"Math.min": true, "Math.max": true, "Math.floor": true, "Math.ceil": true, "Math.round": true, "Math.abs": true,
	"fs.existsSync": true, "crypto.timingSafeEqual": true,
	// Signed tokens and digests: encoded, they carry no caller text.
	"jsonwebtoken.sign": true, "jwt.sign": true, "jwt.encode": true, "bcrypt.hashSync": true, "bcrypt.hash": true,
	"crypto.randomUUID": true,
	// Java
	"Integer.parseInt": true, "Long.parseLong": true, "Double.parseDouble": true, "Float.parseFloat": true,
	"Short.parseShort": true, "Boolean.parseBoolean": true, "Integer.valueOf": true, "Long.valueOf": true,
	"Double.valueOf": true, "Boolean.valueOf": true, "Objects.equals": true, "Objects.hash": true,
	"Objects.isNull": true, "Objects.nonNull": true, "Math.toIntExact": true, "UUID.fromString": true,
	"java.util.UUID.fromString": true, "Files.exists": true, "Files.isDirectory": true, "Files.size": true,
	"StringUtils.isBlank": true, "StringUtils.isEmpty": true, "StringUtils.isNotBlank": true, "StringUtils.isNumeric": true,
	"MessageDigest.isEqual": true,
	// Reflection lookups return a class that exists, not the caller's text.
	"Class.forName": true,
}

// cleanMethods are methods whose result carries no caller data from their
// arguments (the receiver's taint is followed separately).
var cleanMethods = map[string]bool{
	"equals": true, "equalsIgnoreCase": true, "contains": true, "containsKey": true, "startsWith": true,
	"endsWith": true, "startswith": true, "endswith": true, "isEmpty": true, "size": true, "length": true,
	"count": true, "indexOf": true, "lastIndexOf": true, "index": true, "find": false, "has": true, "includes": true,
	"test": true, "compareTo": true, "hashCode": true, "matches": true, "isdigit": true, "exists": true,
	"compare": true, "fullmatch": false, "__contains__": true, "issubset": true, "isValid": true, "validate": true,
	"verify": true, "delete": true, "remove": true, "discard": true, "clear": true, "close": true,
}

// parsers are functions that build a document or an object tree from
// their input (XML, YAML, serialised objects) or query one: their result
// is a structure, not text, and is not taken to carry the input's data by
// default (the rules that care about such documents match the parse
// itself; JSON.parse and yaml.safe_load are followed, see passFuncs).
var parsers = map[string]bool{
	"parseXml": true, "parseXmlString": true, "parseHtml": true, "parseHtmlString": true, "parseFromString": true,
	"parseString": true, "parseStringPromise": true, "load": true, "loadAll": true, "safeLoad": true,
	"full_load": true, "unsafe_load": true, "unserialize": true, "deserialize": true, "select": true,
	"select1": true, "evaluate": true, "fromXML": true, "fromstring": true, "XML": true,
}

// cleanResult says whether a call the package does not define returns
// nothing of its arguments' data.
func cleanResult(callee, name string, method bool) bool {
	if cleanFuncs[callee] || method && cleanMethods[name] || parsers[name] {
		return true
	}
	// Integer.parseInt resolved as java.lang.Integer.parseInt.
	if i := strings.LastIndexByte(callee, '.'); i > 0 {
		if j := strings.LastIndexByte(callee[:i], '.'); j >= 0 && cleanFuncs[callee[j+1:]] {
			return true
		}
	}
	return false
}
