package main

import (
	"github.com/lambdascan/lambdascan/engine/rules"
	"github.com/lambdascan/lambdascan/engine/scan"
)

// codePass builds the code-rule pass: the rules embedded in the binary plus
// those in --rules folders (and the config file's rule paths), narrowed to
// the config file's rule selection.
func codePass(cfg *scanConfig) (scan.Pass, error) {
	set, err := rules.LoadAll(cfg.ruleDirs, false)
	if err != nil {
		return nil, err
	}
	if cfg.selectRule != nil {
		if set, err = set.Select(cfg.selectRule); err != nil {
			return nil, err
		}
	}
	return rules.NewPass(set, rules.PassOptions{Handler: cfg.handler}), nil
}
