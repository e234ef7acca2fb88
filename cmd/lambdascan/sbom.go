package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/lambdascan/lambdascan/analyzers/deps"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/engine/walk"
	"github.com/lambdascan/lambdascan/internal/atomicfile"
	"github.com/lambdascan/lambdascan/sbom"
)

// runSBOM inventories the packages of the inputs (no vulnerability
// matching) and writes them as a CycloneDX or SPDX document.
func runSBOM(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg scanConfig
	var layers repeatFlag
	var format, name string
	fs := newFlagSet("sbom", "lambdascan sbom [flags] PATH...", stderr)
	fs.StringVar(&format, "format", "cyclonedx", "SBOM `format`: cyclonedx (1.5 JSON) or spdx (2.3 JSON)")
	fs.StringVar(&cfg.output, "o", "", "write the SBOM to `FILE` instead of standard output")
	fs.StringVar(&name, "name", "", "name of the described function (default: the first PATH's base name)")
	fs.Var(&layers, "layer", "include `PATH` as a Lambda layer (repeatable)")
	fs.Var(&cfg.exclude, "exclude", "skip files matching this doublestar `GLOB` (repeatable)")
	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	format = strings.ToLower(format)
	if format != "cyclonedx" && format != "spdx" {
		return usageErr("unknown --format %q (want cyclonedx or spdx)", format)
	}
	cfg.paths, cfg.layers = paths, layers
	if len(paths)+len(layers) == 0 {
		return usageErr("no PATH to inventory")
	}
	if name == "" {
		name = filepath.Base(filepath.Clean(append(paths, layers...)[0]))
	}
	inputs, _, openNotes := openInputs(cfg)
	defer func() {
		for _, in := range inputs {
			in.Close()
		}
	}()
	for _, n := range openNotes {
		fmt.Fprintf(stderr, "lambdascan sbom: %s\n", n.Message)
	}
	rep, err := scan.Run(ctx, scan.Options{
		Passes: []scan.Pass{deps.New(deps.Options{})},
		Walk:   walk.Options{Exclude: cfg.exclude},
	}, inputs)
	if err != nil {
		return err
	}
	meta := sbom.Meta{Name: name, ToolVersion: toolVersion(), Timestamp: time.Now().UTC().Truncate(time.Second)}
	write := func(w io.Writer) error { return sbom.Write(w, format, rep.Packages, meta) }
	if cfg.output == "" {
		err = write(stdout)
	} else {
		err = atomicfile.Write(cfg.output, 0o644, write)
	}
	if err != nil {
		return err
	}
	if len(openNotes) > 0 {
		return fmt.Errorf("%w: %d inputs could not be opened", errIncomplete, len(openNotes))
	}
	return nil
}
