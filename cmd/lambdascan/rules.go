package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/lambdascan/lambdascan/engine/rules"
)

// rulesDirs collects repeated --rules flags.
type rulesDirs []string

func (d *rulesDirs) String() string     { return strings.Join(*d, ",") }
func (d *rulesDirs) Set(v string) error { *d = append(*d, v); return nil }

// runRules implements `lambdascan rules list|explain|test`.
func runRules(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		rulesUsage(stderr)
		return fmt.Errorf("%w: rules needs a subcommand: list, explain or test", errUsage)
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("rules "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dirs rulesDirs
	noBuiltin := false
	if sub == "list" || sub == "explain" {
		fs.Var(&dirs, "rules", "also load rules from `DIR` or file (repeatable)")
		fs.BoolVar(&noBuiltin, "no-builtin", false, "leave out the built-in rules")
	}
	fs.Usage = func() { rulesUsage(stderr) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	switch sub {
	case "list":
		if fs.NArg() != 0 {
			return fmt.Errorf("%w: rules list takes no arguments", errUsage)
		}
		set, err := rules.LoadAll(dirs, noBuiltin)
		if err != nil {
			return err
		}
		return rulesList(set, stdout)
	case "explain":
		if fs.NArg() != 1 {
			return fmt.Errorf("%w: rules explain takes one rule id", errUsage)
		}
		set, err := rules.LoadAll(dirs, noBuiltin)
		if err != nil {
			return err
		}
		r, ok := set.Rule(fs.Arg(0))
		if !ok {
			return fmt.Errorf("%w: no rule %q (see lambdascan rules list)", errUsage, fs.Arg(0))
		}
		rulesExplain(r, stdout)
		return nil
	case "test":
		if fs.NArg() > 1 {
			return fmt.Errorf("%w: rules test takes at most one folder", errUsage)
		}
		var res rules.Result
		var err error
		if fs.NArg() == 1 {
			dir := fs.Arg(0)
			if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
				return fmt.Errorf("%w: %s is not a folder", errUsage, dir)
			}
			res, err = rules.TestDir(os.DirFS(dir), ".")
		} else {
			res, err = rules.TestEmbedded()
		}
		if err != nil {
			return err
		}
		return rulesReport(ctx, res, stdout)
	case "-h", "--help", "help":
		rulesUsage(stdout)
		return nil
	}
	return fmt.Errorf("%w: unknown rules subcommand %q (want list, explain or test)", errUsage, sub)
}

func rulesUsage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  lambdascan rules list [--rules DIR]... [--no-builtin]   list rules
  lambdascan rules explain ID [--rules DIR]...            show a rule in full
  lambdascan rules test [DIR]                             run rules against their annotated tests
                                                          (the built-in rules when DIR is not given)
`)
}

func rulesList(set *rules.Set, w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLANGUAGES\tSEVERITY\tMODE\tTITLE")
	for _, r := range set.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID(), strings.Join(r.Meta.Languages, ","), r.Meta.Severity, r.Mode, r.Meta.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d rules\n", set.Len())
	return err
}

func rulesExplain(r *rules.Rule, w io.Writer) {
	m := r.Meta
	fmt.Fprintf(w, "%s: %s\n\n", m.ID, m.Title)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-12s %s\n", k+":", v)
		}
	}
	row("severity", m.Severity.String())
	row("confidence", m.Confidence.String())
	row("languages", strings.Join(m.Languages, ", "))
	row("mode", r.Mode)
	row("cwe", strings.Join(m.CWEIDs(), ", "))
	row("owasp", strings.Join(m.OWASP, ", "))
	row("tags", strings.Join(m.Tags, ", "))
	row("file", fmt.Sprintf("%s:%d", r.File, r.Line))
	if m.Description != "" {
		fmt.Fprintf(w, "\nDescription:\n  %s\n", m.Description)
	}
	fmt.Fprintf(w, "\nMessage:\n  %s\n", r.Message)
	fmt.Fprintf(w, "\nMatcher:\n")
	for _, l := range strings.Split(strings.TrimRight(r.Matcher(), "\n"), "\n") {
		fmt.Fprintf(w, "  %s\n", l)
	}
	if m.Remediation != "" {
		fmt.Fprintf(w, "\nRemediation:\n  %s\n", m.Remediation)
	}
	if len(m.References) > 0 {
		fmt.Fprintf(w, "\nReferences:\n")
		for _, ref := range m.References {
			fmt.Fprintf(w, "  - %s\n", ref)
		}
	}
}

func rulesReport(ctx context.Context, res rules.Result, w io.Writer) error {
	for _, rr := range res.Rules {
		if err := ctx.Err(); err != nil {
			return err
		}
		status := "ok  "
		if len(rr.Failures) > 0 {
			status = "FAIL"
		}
		fmt.Fprintf(w, "%s %s (%d firing, %d quiet)\n", status, rr.ID, rr.Fired, rr.Quiet)
		for _, f := range rr.Failures {
			fmt.Fprintf(w, "     %s\n", f)
		}
		for _, n := range rr.Notes {
			fmt.Fprintf(w, "     note: %s\n", n)
		}
	}
	fmt.Fprintf(w, "\n%d rules, %d failed\n", len(res.Rules), res.Failed())
	if !res.OK() {
		return fmt.Errorf("%d of %d rules failed their tests", res.Failed(), len(res.Rules))
	}
	return nil
}
