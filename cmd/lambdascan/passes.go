package main

import (
	"context"
	"errors"
	"io"

	"github.com/lambdascan/lambdascan/analyzers/deps"
	"github.com/lambdascan/lambdascan/analyzers/secrets"
	"github.com/lambdascan/lambdascan/engine/mask"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/vulndb"
)

// buildPasses registers the passes the --scanners flag selects. The list is
// explicit: a pass runs only if it is named here. The secrets detector also
// masks every snippet of every finding, whichever scanners run.
func buildPasses(ctx context.Context, cfg *scanConfig, stderr io.Writer) ([]scan.Pass, mask.Liner, func(), error) {
	var passes []scan.Pass
	var closers []func()
	closeAll := func() {
		for _, c := range closers {
			c()
		}
	}
	sec := secrets.New(secrets.Options{MaxFileSize: cfg.maxFileSize})
	masker := mask.Liner(sec.Detector)
	if cfg.enabled("code") {
		code, err := codePass(cfg)
		if err != nil {
			return nil, nil, closeAll, err
		}
		passes = append(passes, code)
	}
	if cfg.enabled("secrets") {
		passes = append(passes, sec)
	}
	if cfg.enabled("deps") {
		var matcher deps.Matcher
		db, err := vulndb.Open(cfg.dbDir)
		switch {
		case errors.Is(err, vulndb.ErrNoDB):
			// The deps pass says so in the report; code scanning still runs.
		case err != nil:
			return nil, nil, closeAll, err
		default:
			closers = append(closers, func() { db.Close() })
			matcher = db // Match also warns when the database is over a week old
		}
		passes = append(passes, deps.New(deps.Options{Matcher: matcher}))
	}
	return passes, masker, closeAll, nil
}
