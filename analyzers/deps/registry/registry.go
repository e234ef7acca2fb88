// Package registry lists every package-inventory extractor, explicitly
// and in a fixed order. It is separate from package extract so that the
// format packages can import extract without a cycle. Adding a format is
// one line here.
package registry

import (
	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/gradlelock"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/jarname"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/manifest"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/pomproperties"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/pomxml"
	"github.com/lambdascan/lambdascan/analyzers/deps/node/bundle"
	"github.com/lambdascan/lambdascan/analyzers/deps/node/packagejson"
	"github.com/lambdascan/lambdascan/analyzers/deps/node/packagelock"
	"github.com/lambdascan/lambdascan/analyzers/deps/node/pnpmlock"
	"github.com/lambdascan/lambdascan/analyzers/deps/node/yarnlock"
	"github.com/lambdascan/lambdascan/analyzers/deps/python/distinfo"
	"github.com/lambdascan/lambdascan/analyzers/deps/python/pipfilelock"
	"github.com/lambdascan/lambdascan/analyzers/deps/python/poetrylock"
	"github.com/lambdascan/lambdascan/analyzers/deps/python/requirements"
	"github.com/lambdascan/lambdascan/analyzers/deps/python/uvlock"
)

// All returns a new list of every extractor.
func All() []extract.Extractor {
	return []extract.Extractor{
		// Python
		distinfo.Extractor{},
		requirements.Extractor{},
		pipfilelock.Extractor{},
		poetrylock.Extractor{},
		uvlock.Extractor{},
		// Node
		packagejson.Extractor{},
		packagelock.Extractor{},
		yarnlock.Extractor{},
		pnpmlock.Extractor{},
		bundle.Banner{},
		bundle.SourceMap{},
		// Java
		pomproperties.Extractor{},
		manifest.Extractor{},
		jarname.Extractor{},
		pomxml.Extractor{},
		gradlelock.Extractor{},
	}
}
