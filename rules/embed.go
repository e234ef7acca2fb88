// Package rules holds lambdascan's built-in rule packs: YAML rule files at
// <language>/<family>/<id>.yaml with their annotated test files beside them
// (<id>.py|.js|.ts|.java, fix tests <id>.fixed.<ext>), embedded in the
// binary. engine/rules loads and runs them; nothing is registered in Go.
package rules

import "embed"

// FS is the embedded rule tree, rooted at this folder.
//
//go:embed python javascript java
var FS embed.FS
