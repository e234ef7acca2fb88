package pattern

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

// These mirror tree-sitter's api.h (the version go-tree-sitter vendors);
// the functions are the ones go-tree-sitter compiles into the binary.
typedef struct { uint32_t context[4]; const void *id; const void *tree; } lsTSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } lsTSTreeCursor;

extern lsTSTreeCursor ts_tree_cursor_new(lsTSNode);
extern void ts_tree_cursor_delete(lsTSTreeCursor *);
extern bool ts_tree_cursor_goto_first_child(lsTSTreeCursor *);
extern bool ts_tree_cursor_goto_next_sibling(lsTSTreeCursor *);
extern bool ts_tree_cursor_goto_parent(lsTSTreeCursor *);
extern lsTSNode ts_tree_cursor_current_node(const lsTSTreeCursor *);
extern uint16_t ts_tree_cursor_current_field_id(const lsTSTreeCursor *);
extern uint16_t ts_node_symbol(lsTSNode);
extern uint32_t ts_node_start_byte(lsTSNode);
extern uint32_t ts_node_end_byte(lsTSNode);
extern bool ts_node_is_named(lsTSNode);

typedef struct {
	uint32_t start, end;
	int32_t parent, first, next;
	uint16_t sym, field;
	uint8_t named;
} lsNode;

// ls_flatten copies a whole tree into a malloc'd array in one call; the
// caller frees it. Returns the node count, or -1 when out of memory.
static int32_t ls_flatten(lsTSNode root, lsNode **out) {
	int32_t cap = 1024, n = 0;
	lsNode *nodes = malloc(sizeof(lsNode) * cap);
	if (!nodes) return -1;
	int32_t stackCap = 256, depth = 0;
	int32_t *last = malloc(sizeof(int32_t) * stackCap); // last child added per depth
	int32_t *par = malloc(sizeof(int32_t) * stackCap);  // node id per depth
	if (!last || !par) { free(nodes); free(last); free(par); return -1; }
	lsTSTreeCursor c = ts_tree_cursor_new(root);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			lsNode *grown = realloc(nodes, sizeof(lsNode) * cap);
			if (!grown) { free(nodes); free(last); free(par); ts_tree_cursor_delete(&c); return -1; }
			nodes = grown;
		}
		lsTSNode node = ts_tree_cursor_current_node(&c);
		lsNode *x = &nodes[n];
		x->sym = ts_node_symbol(node);
		x->named = ts_node_is_named(node);
		x->start = ts_node_start_byte(node);
		x->end = ts_node_end_byte(node);
		x->field = depth > 0 ? ts_tree_cursor_current_field_id(&c) : 0;
		x->first = -1;
		x->next = -1;
		x->parent = depth > 0 ? par[depth - 1] : -1;
		if (depth > 0) {
			if (last[depth - 1] < 0) nodes[par[depth - 1]].first = n;
			else nodes[last[depth - 1]].next = n;
			last[depth - 1] = n;
		}
		int32_t id = n++;
		if (ts_tree_cursor_goto_first_child(&c)) {
			if (depth + 1 >= stackCap) {
				stackCap *= 2;
				int32_t *l2 = realloc(last, sizeof(int32_t) * stackCap);
				if (l2) last = l2;
				int32_t *p2 = realloc(par, sizeof(int32_t) * stackCap);
				if (p2) par = p2;
				if (!l2 || !p2) { free(nodes); free(last); free(par); ts_tree_cursor_delete(&c); return -1; }
			}
			par[depth] = id;
			last[depth] = -1;
			depth++;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				free(last);
				free(par);
				*out = nodes;
				return n;
			}
			depth--;
		}
	}
}
*/
import "C"

import (
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/parse"
)

// fastOK says whether go-tree-sitter's Node starts with the TSNode value
// this file expects (a 32-byte struct followed by the tree pointer); if a
// new version changes that, flattening falls back to the cursor API.
var fastOK = unsafe.Sizeof(sitter.Node{}) == unsafe.Sizeof(C.lsTSNode{})+unsafe.Sizeof(uintptr(0)) &&
	unsafe.Sizeof(C.lsTSNode{}) == 32

// flattenFast copies the tree with one cgo call. ok is false when it could
// not (layout mismatch, out of memory).
func flattenFast(lang parse.Language, src []byte, root *sitter.Node) (*Tree, bool) {
	if !fastOK || root == nil {
		return nil, false
	}
	k := KindsFor(lang)
	tsn := *(*C.lsTSNode)(unsafe.Pointer(root))
	var out *C.lsNode
	n := C.ls_flatten(tsn, &out)
	if n < 0 || out == nil {
		return nil, false
	}
	defer C.free(unsafe.Pointer(out))
	cn := unsafe.Slice(out, int(n))
	ft := &Tree{Lang: lang, Src: src, Kinds: k, Nodes: make([]Node, n)}
	for i := range cn {
		x := &cn[i]
		field := uint8(0) // tree-sitter field ids are ours (see KindsFor)
		if x.field < 255 {
			field = uint8(x.field)
		}
		ft.Nodes[i] = Node{Kind: uint16(x.sym), Named: x.named != 0, Field: field,
			Start: uint32(x.start), End: uint32(x.end),
			Parent: NodeID(x.parent), FirstChild: NodeID(x.first), NextSibling: NodeID(x.next)}
	}
	return ft, true
}
