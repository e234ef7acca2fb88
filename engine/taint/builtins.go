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
