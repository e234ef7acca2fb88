package pattern

// UseCursorFlatten makes Flatten take the cursor walk (the fallback when
// go-tree-sitter's Node layout is not the one cflat.go expects) until
// restore is called, so tests can run the matcher over both copies.
func UseCursorFlatten() (restore func()) {
	old := fastOK
	fastOK = false
	return func() { fastOK = old }
}
