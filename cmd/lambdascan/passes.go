package main

import (
	"context"
	"io"

	"github.com/lambdascan/lambdascan/analyzers/secrets"
	"github.com/lambdascan/lambdascan/engine/mask"
	"github.com/lambdascan/lambdascan/engine/scan"
)

// buildPasses registers the passes the --scanners flag selects. The list is
// explicit: a pass runs only if it is named here. The secrets detector also
// masks every snippet of every finding, whichever scanners run.
func buildPasses(ctx context.Context, cfg *scanConfig, stderr io.Writer) ([]scan.Pass, mask.Liner, func(), error) {
	var passes []scan.Pass
	sec := secrets.New(secrets.Options{MaxFileSize: cfg.maxFileSize})
	masker := mask.Liner(sec.Detector)
	if cfg.enabled("secrets") {
		passes = append(passes, sec)
	}
	return passes, masker, func() {}, nil
}
